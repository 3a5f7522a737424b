package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrType;

/**
 * Which commands a reservation lets through, precomputed per opcode so the check that runs before
 * every command is a table lookup plus a few comparisons.
 *
 * <p>Persistent reservations: SPC-4 Table 65 and SBC-3 Table 13 (block commands). Where those tables
 * say "A*" (SPC-2/SPC-3-era targets may conflict) this device server allows the command: TEST UNIT
 * READY under every type, and the MODE SENSE class (MODE SENSE, READ BUFFER, RECEIVE DIAGNOSTIC
 * RESULTS, READ ATTRIBUTE, REPORT SUPPORTED OPERATION CODES / TASK MANAGEMENT FUNCTIONS, READ DEFECT
 * DATA) under Write Exclusive types. REPORT CAPABILITIES says so with ALLOW COMMANDS = 011b
 * ({@link #ALLOW_COMMANDS}).
 *
 * <p>SPC-2 reservations (SPC-2 §5.5.1): only a short list passes from other I_T nexuses.
 */
final class AccessRules {
    private AccessRules() {}

    /**
     * REPORT CAPABILITIES' ALLOW COMMANDS (SPC-4 §6.15.4): 011b = TEST UNIT READY is allowed through
     * Write Exclusive and Exclusive Access reservations, and the MODE SENSE class (all but RECEIVE
     * COPY RESULTS) through Write Exclusive ones. 001b would also be truthful but tells the
     * initiator less than this table actually does.
     */
    static final int ALLOW_COMMANDS = 0b011;

    /** How a command fares under a persistent reservation held by someone else. */
    enum AccessClass {
        /** Allowed under every type (INQUIRY, REPORT LUNS, LOG SENSE, READ CAPACITY, TUR, ...). */
        ALWAYS,
        /** Reads: allowed under Write Exclusive types, conflict under Exclusive Access types. */
        READ,
        /** Writes and anything that changes the medium or device state: conflict for non-holders. */
        WRITE,
        /** PERSISTENT RESERVE IN: never conflicts with a persistent reservation. */
        PR_IN,
        /** PERSISTENT RESERVE OUT: decided per service action (SPC-4 Table 66) by its handler. */
        PR_OUT,
        /** RESERVE/RELEASE(6/10): SPC-2 rules plus SPC-4 §5.13.3 (CRH). */
        SPC2,
        // The following are resolved from further CDB fields by classify().
        PREVENT_ALLOW, START_STOP, SERVICE_ACTION_IN_16, MAINTENANCE_IN, VARIABLE_LENGTH, THIRD_PARTY_COPY_OUT
    }

    private static final AccessClass[] BY_OPCODE = new AccessClass[256];
    /** Allowed from other I_T nexuses while an SPC-2 reservation is held (by opcode; special forms aside). */
    private static final boolean[] SPC2_ALLOWED = new boolean[256];

    static {
        java.util.Arrays.fill(BY_OPCODE, AccessClass.WRITE); // unknown commands: the restrictive choice
        for (int op : new int[] {Opcode.INQUIRY, Opcode.REPORT_LUNS, Opcode.REQUEST_SENSE, Opcode.LOG_SENSE,
                Opcode.READ_CAPACITY_10, Opcode.READ_MEDIA_SERIAL_NUMBER, Opcode.TEST_UNIT_READY,
                0x86 /* ACCESS CONTROL IN */, 0x87 /* ACCESS CONTROL OUT */})
            BY_OPCODE[op] = AccessClass.ALWAYS;
        for (int op : new int[] {Opcode.READ_6, Opcode.READ_10, Opcode.READ_12, Opcode.READ_16,
                Opcode.VERIFY_10, Opcode.VERIFY_12, Opcode.VERIFY_16, Opcode.PRE_FETCH_10, Opcode.PRE_FETCH_16,
                Opcode.MODE_SENSE_6, Opcode.MODE_SENSE_10, Opcode.READ_BUFFER, Opcode.RECEIVE_DIAGNOSTIC_RESULTS,
                0x8C /* READ ATTRIBUTE */, Opcode.READ_DEFECT_DATA_10, Opcode.READ_DEFECT_DATA_12,
                Opcode.SECURITY_PROTOCOL_IN, Opcode.RECEIVE_COPY_RESULTS})
            BY_OPCODE[op] = AccessClass.READ;
        // Unknown opcodes are already WRITE; the medium-changing SBC commands are listed anyway so the
        // table says so (SBC-3 Table 13, SBC-4 Table 16: ORWRITE, WRITE AND VERIFY, WRITE ATOMIC and
        // SANITIZE conflict like WRITE).
        for (int op : new int[] {Opcode.WRITE_6, Opcode.WRITE_10, Opcode.WRITE_12, Opcode.WRITE_16, Opcode.ORWRITE_16,
                Opcode.WRITE_AND_VERIFY_10, Opcode.WRITE_AND_VERIFY_12, Opcode.WRITE_AND_VERIFY_16, Opcode.WRITE_ATOMIC_16,
                Opcode.WRITE_SAME_10, Opcode.WRITE_SAME_16, Opcode.UNMAP, Opcode.COMPARE_AND_WRITE, Opcode.SANITIZE,
                Opcode.SYNCHRONIZE_CACHE_10, Opcode.SYNCHRONIZE_CACHE_16, Opcode.FORMAT_UNIT})
            BY_OPCODE[op] = AccessClass.WRITE;
        BY_OPCODE[Opcode.PERSISTENT_RESERVE_IN] = AccessClass.PR_IN;
        BY_OPCODE[Opcode.PERSISTENT_RESERVE_OUT] = AccessClass.PR_OUT;
        for (int op : new int[] {Opcode.RESERVE_6, Opcode.RELEASE_6, Opcode.RESERVE_10, Opcode.RELEASE_10})
            BY_OPCODE[op] = AccessClass.SPC2;
        BY_OPCODE[Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL] = AccessClass.PREVENT_ALLOW;
        BY_OPCODE[Opcode.START_STOP_UNIT] = AccessClass.START_STOP;
        BY_OPCODE[Opcode.SERVICE_ACTION_IN_16] = AccessClass.SERVICE_ACTION_IN_16;
        BY_OPCODE[Opcode.MAINTENANCE_IN] = AccessClass.MAINTENANCE_IN;
        BY_OPCODE[0x7F] = AccessClass.VARIABLE_LENGTH;
        BY_OPCODE[Opcode.EXTENDED_COPY] = AccessClass.THIRD_PARTY_COPY_OUT;

        // SPC-2 §5.5.1 and vendor manuals: INQUIRY, REQUEST SENSE, REPORT LUNS, RELEASE (as a no-op),
        // LOG SENSE; PREVENT ALLOW (PREVENT=0) and REPORT TARGET PORT GROUPS are decided in spc2Allows.
        for (int op : new int[] {Opcode.INQUIRY, Opcode.REQUEST_SENSE, Opcode.REPORT_LUNS, Opcode.RELEASE_6,
                Opcode.RELEASE_10, Opcode.LOG_SENSE})
            SPC2_ALLOWED[op] = true;
    }

    /** The class of {@code cdb} with every CDB-dependent case resolved to ALWAYS, READ or WRITE. */
    static AccessClass classify(byte[] cdb) {
        AccessClass c = BY_OPCODE[cdb[0] & 0xFF];
        return switch (c) {
            case PREVENT_ALLOW -> preventField(cdb) == 0 ? AccessClass.ALWAYS : AccessClass.WRITE;
            case START_STOP -> startWithoutPowerCondition(cdb) ? AccessClass.ALWAYS : AccessClass.WRITE;
            case SERVICE_ACTION_IN_16 -> switch (serviceAction(cdb)) {
                case Opcode.SAI_READ_CAPACITY_16, 0x13 /* REPORT REFERRALS */ -> AccessClass.ALWAYS;
                case Opcode.SAI_GET_LBA_STATUS -> AccessClass.READ;
                default -> AccessClass.WRITE;
            };
            case MAINTENANCE_IN -> switch (serviceAction(cdb)) {
                case 0x05 /* REPORT IDENTIFYING INFORMATION */, Opcode.MI_REPORT_TARGET_PORT_GROUPS,
                     0x0B /* REPORT ALIASES */, 0x0E /* REPORT PRIORITY */, Opcode.MI_REPORT_TIMESTAMP -> AccessClass.ALWAYS;
                case Opcode.MI_REPORT_SUPPORTED_OPERATION_CODES, Opcode.MI_REPORT_SUPPORTED_TASK_MANAGEMENT_FUNCTIONS,
                     0x10 /* MANAGEMENT PROTOCOL IN */ -> AccessClass.READ;
                default -> AccessClass.WRITE;
            };
            case VARIABLE_LENGTH -> { // READ(32) 0009h and VERIFY(32) 000Ah read; the rest write
                int sa = cdb.length >= 10 ? ((cdb[8] & 0xFF) << 8) | (cdb[9] & 0xFF) : -1;
                yield sa == 0x0009 || sa == 0x000A ? AccessClass.READ : AccessClass.WRITE;
            }
            case THIRD_PARTY_COPY_OUT -> serviceAction(cdb) == 0x10 /* POPULATE TOKEN */ ? AccessClass.READ : AccessClass.WRITE;
            default -> c;
        };
    }

    /**
     * Whether a command of class {@code c} from an I_T nexus that does not hold a reservation of
     * {@code type} conflicts (SPC-4 Table 65 columns WE, EA, Reg (RR), Unreg WE-RR, Unreg EA-RR).
     */
    static boolean nonHolderConflicts(AccessClass c, PrType type, boolean registered) {
        // Under RO and AR types a registered I_T nexus may do anything (the "Reg (RR)" column).
        boolean registrantAccess = registered && (type.registrantsOnly() || type.allRegistrants());
        return switch (c) {
            case READ -> type.exclusiveAccess() && !registrantAccess;
            case WRITE -> !registrantAccess;
            default -> false; // ALWAYS, PR_IN; PR_OUT and SPC2 are decided elsewhere
        };
    }

    /** Whether a command from an I_T nexus other than the SPC-2 reservation's owner is allowed. */
    static boolean spc2Allows(byte[] cdb) {
        int op = cdb[0] & 0xFF;
        if (SPC2_ALLOWED[op]) return true;
        if (op == Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL) return preventField(cdb) == 0;
        return op == Opcode.MAINTENANCE_IN && serviceAction(cdb) == Opcode.MI_REPORT_TARGET_PORT_GROUPS;
    }

    /**
     * Commands served while persistent reservation information is lost (SPC-4 §5.13.5.3.2 and the
     * not-ready list of §5.13.5.2): INQUIRY, LOG SENSE, READ/WRITE BUFFER, REPORT LUNS, REPORT
     * TARGET PORT GROUPS, REQUEST SENSE, START STOP UNIT with START=1 and POWER CONDITION=0, plus
     * PERSISTENT RESERVE IN and PERSISTENT RESERVE OUT with REPLACE LOST RESERVATION, the way out.
     */
    static boolean allowedWhileLost(byte[] cdb) {
        int op = cdb[0] & 0xFF;
        return switch (op) {
            case Opcode.INQUIRY, Opcode.LOG_SENSE, Opcode.READ_BUFFER, Opcode.WRITE_BUFFER, Opcode.REPORT_LUNS,
                 Opcode.REQUEST_SENSE, Opcode.PERSISTENT_RESERVE_IN -> true;
            case Opcode.MAINTENANCE_IN -> serviceAction(cdb) == Opcode.MI_REPORT_TARGET_PORT_GROUPS;
            case Opcode.START_STOP_UNIT -> startWithoutPowerCondition(cdb);
            case Opcode.PERSISTENT_RESERVE_OUT -> serviceAction(cdb) == 0x08;
            default -> false;
        };
    }

    private static int serviceAction(byte[] cdb) { return cdb.length > 1 ? cdb[1] & 0x1F : -1; }

    /** PREVENT field (byte 4 bits 1-0); a CDB too short to have it counts as preventing. */
    private static int preventField(byte[] cdb) { return cdb.length > 4 ? cdb[4] & 0x03 : 1; }

    /** START=1 and POWER CONDITION=0 (byte 4). */
    private static boolean startWithoutPowerCondition(byte[] cdb) {
        return cdb.length > 4 && (cdb[4] & 0x01) != 0 && (cdb[4] & 0xF0) == 0;
    }
}
