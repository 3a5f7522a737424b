package dev.clusterlab.engine.device.guard;

import dev.clusterlab.engine.scsi.Opcode;

/**
 * What a command can do to a real device. The read-only list is an allow-list: a command not named
 * here (including vendor-specific and future opcodes) is treated as changing state.
 */
public enum CommandRisk {
    /** Cannot change the device: inquiries, reads, sense data, PERSISTENT RESERVE IN. */
    READ_ONLY,
    /** Changes reservations, registrations, mode/log parameters, power state, or resets: needs the device armed. */
    STATE_CHANGING,
    /** Changes or destroys data blocks (writes, WRITE SAME, UNMAP, FORMAT, SANITIZE, firmware): needs arming and a separate opt-in. */
    DATA_WRITE;

    /** Classifies a CDB by its operation code (and service action where one opcode serves both kinds). */
    public static CommandRisk classify(byte[] cdb) {
        if (cdb == null || cdb.length == 0) return STATE_CHANGING;
        int opcode = cdb[0] & 0xFF;
        return switch (opcode) {
            case Opcode.TEST_UNIT_READY, Opcode.REQUEST_SENSE, Opcode.INQUIRY, Opcode.MODE_SENSE_6, Opcode.MODE_SENSE_10,
                 Opcode.READ_CAPACITY_10, Opcode.REPORT_LUNS, Opcode.PERSISTENT_RESERVE_IN, Opcode.LOG_SENSE,
                 Opcode.READ_6, Opcode.READ_10, Opcode.READ_12, Opcode.READ_16, Opcode.VERIFY_10, Opcode.VERIFY_12,
                 Opcode.VERIFY_16, Opcode.RECEIVE_COPY_RESULTS, Opcode.READ_MEDIA_SERIAL_NUMBER,
                 Opcode.READ_DEFECT_DATA_10, Opcode.READ_DEFECT_DATA_12 -> READ_ONLY;
            // SERVICE ACTION IN(16) and MAINTENANCE IN carry reports only (READ CAPACITY(16), GET LBA STATUS,
            // REPORT TARGET PORT GROUPS, REPORT SUPPORTED OPERATION CODES ...): SPC-4 §6.x, SBC-3 §5.x.
            case Opcode.SERVICE_ACTION_IN_16, Opcode.MAINTENANCE_IN -> READ_ONLY;
            case Opcode.WRITE_6, Opcode.WRITE_10, Opcode.WRITE_12, Opcode.WRITE_16, Opcode.WRITE_AND_VERIFY_10,
                 Opcode.WRITE_AND_VERIFY_12, Opcode.WRITE_AND_VERIFY_16, Opcode.WRITE_SAME_10, Opcode.WRITE_SAME_16,
                 Opcode.UNMAP, Opcode.COMPARE_AND_WRITE, Opcode.ORWRITE_16, Opcode.WRITE_ATOMIC_16, Opcode.FORMAT_UNIT,
                 Opcode.SANITIZE, Opcode.WRITE_BUFFER, Opcode.EXTENDED_COPY -> DATA_WRITE;
            case 0x7F -> variableLengthRisk(cdb); // WRITE(32), WRITE SAME(32), ... and READ(32), VERIFY(32)
            default -> STATE_CHANGING;
        };
    }

    /** SBC-3 §5: variable-length CDBs name the operation in bytes 8-9; 0009h READ(32), 000Ah VERIFY(32). */
    private static CommandRisk variableLengthRisk(byte[] cdb) {
        if (cdb.length < 10) return STATE_CHANGING;
        int sa = ((cdb[8] & 0xFF) << 8) | (cdb[9] & 0xFF);
        return sa == 0x0009 || sa == 0x000A ? READ_ONLY : DATA_WRITE;
    }
}
