package dev.clusterlab.engine.iscsi.pdu;

/**
 * The iSCSI PDUs a target receives and sends (RFC 7143 §11). Each record holds the fields of the
 * 48-byte Basic Header Segment that its opcode defines, plus its data segment; {@link PduCodec}
 * maps them to and from the wire. Sequence numbers and tags are raw 32-bit values (compare them
 * with {@link SerialNumbers}); a LUN is the 8-byte LUN field as a long.
 */
public sealed interface Pdu {

    /** The opcode (byte 0, bits 5..0). */
    int opcode();

    /** The Initiator Task Tag (bytes 16..19); {@link #RESERVED_TAG} when the PDU belongs to no task. */
    int itt();

    /** 0xFFFFFFFF: the reserved tag value (RFC 7143 §11.2.1.8). */
    int RESERVED_TAG = 0xFFFF_FFFF;

    byte[] NO_DATA = new byte[0];

    // ---------------------------------------------------------------- initiator -> target

    /** NOP-Out (§11.18): a ping, or the answer to a target's NOP-In (ttt != reserved). */
    record NopOut(boolean immediate, long lun, int itt, int ttt, int cmdSn, int expStatSn, byte[] data) implements Pdu {
        public int opcode() { return Opcodes.NOP_OUT; }
    }

    /** SCSI Command (§11.3). {@code cdb} is 16 bytes, longer with an extended-CDB AHS. */
    record ScsiCommand(boolean immediate, boolean finalFlag, boolean read, boolean write, int attributes, long lun,
                       int itt, int expectedDataTransferLength, int cmdSn, int expStatSn, byte[] cdb,
                       byte[] data) implements Pdu {
        public int opcode() { return Opcodes.SCSI_COMMAND; }
    }

    /** Task Management Function Request (§11.5); {@code function} is byte 1 bits 6..0. */
    record TaskManagementRequest(boolean immediate, int function, long lun, int itt, int referencedTaskTag, int cmdSn,
                                 int expStatSn, int refCmdSn, int expDataSn) implements Pdu {
        public int opcode() { return Opcodes.TASK_MANAGEMENT_REQUEST; }
    }

    /** Login Request (§11.12); stages: 0 security, 1 operational, 3 full feature. */
    record LoginRequest(boolean transit, boolean continueFlag, int currentStage, int nextStage, int versionMax,
                        int versionMin, long isid, int tsih, int itt, int cid, int cmdSn, int expStatSn,
                        byte[] data) implements Pdu {
        public int opcode() { return Opcodes.LOGIN_REQUEST; }
    }

    /** Text Request (§11.10). */
    record TextRequest(boolean immediate, boolean finalFlag, boolean continueFlag, long lun, int itt, int ttt,
                       int cmdSn, int expStatSn, byte[] data) implements Pdu {
        public int opcode() { return Opcodes.TEXT_REQUEST; }
    }

    /** SCSI Data-Out (§11.7); {@code ttt} is reserved for unsolicited data. */
    record DataOut(boolean finalFlag, long lun, int itt, int ttt, int expStatSn, int dataSn, int bufferOffset,
                   byte[] data) implements Pdu {
        public int opcode() { return Opcodes.DATA_OUT; }
    }

    /** Logout Request (§11.14); reason 0 close session, 1 close connection, 2 remove for recovery. */
    record LogoutRequest(boolean immediate, int reason, int itt, int cid, int cmdSn, int expStatSn) implements Pdu {
        public int opcode() { return Opcodes.LOGOUT_REQUEST; }
    }

    /** SNACK Request (§11.16): only meaningful at ErrorRecoveryLevel > 0, which we never negotiate. */
    record SnackRequest(int type, long lun, int itt, int ttt, int expStatSn, int begRun, int runLength) implements Pdu {
        public int opcode() { return Opcodes.SNACK_REQUEST; }
    }

    // ---------------------------------------------------------------- target -> initiator

    /** NOP-In (§11.19): the answer to a ping (itt echoed) or a target ping (itt reserved, ttt set). */
    record NopIn(long lun, int itt, int ttt, int statSn, int expCmdSn, int maxCmdSn, byte[] data) implements Pdu {
        public int opcode() { return Opcodes.NOP_IN; }
    }

    /**
     * SCSI Response (§11.4). {@code flags} holds the residual bits of byte 1 (o 0x10, u 0x08, O 0x04,
     * U 0x02); {@code data} is SenseLength (2 bytes) + sense data, or empty.
     */
    record ScsiResponse(int flags, int response, int status, int itt, int statSn, int expCmdSn, int maxCmdSn,
                        int expDataSn, int bidiResidual, int residual, byte[] data) implements Pdu {
        public int opcode() { return Opcodes.SCSI_RESPONSE; }
    }

    /** Task Management Function Response (§11.6). */
    record TaskManagementResponse(int response, int itt, int statSn, int expCmdSn, int maxCmdSn) implements Pdu {
        public int opcode() { return Opcodes.TASK_MANAGEMENT_RESPONSE; }
    }

    /** Login Response (§11.13); status class/detail at bytes 36/37. */
    record LoginResponse(boolean transit, boolean continueFlag, int currentStage, int nextStage, int versionMax,
                         int versionActive, long isid, int tsih, int itt, int statSn, int expCmdSn, int maxCmdSn,
                         int statusClass, int statusDetail, byte[] data) implements Pdu {
        public int opcode() { return Opcodes.LOGIN_RESPONSE; }
    }

    /** Text Response (§11.11); C with a real ttt means more follows. */
    record TextResponse(boolean finalFlag, boolean continueFlag, long lun, int itt, int ttt, int statSn, int expCmdSn,
                        int maxCmdSn, byte[] data) implements Pdu {
        public int opcode() { return Opcodes.TEXT_RESPONSE; }
    }

    /**
     * SCSI Data-In (§11.7). {@code flags} is byte 1 (F 0x80, A 0x40, O 0x04, U 0x02, S 0x01); the data
     * segment is {@code data[dataOffset, dataOffset + dataLength)} so a read buffer is sent in pieces
     * without copying it first.
     */
    record DataIn(int flags, int status, long lun, int itt, int ttt, int statSn, int expCmdSn, int maxCmdSn, int dataSn,
                  int bufferOffset, int residual, byte[] data, int dataOffset, int dataLength) implements Pdu {
        public static final int FINAL = 0x80, ACK = 0x40, OVERFLOW = 0x04, UNDERFLOW = 0x02, STATUS = 0x01;

        public DataIn {
            if (dataOffset < 0 || dataLength < 0 || dataOffset + dataLength > data.length)
                throw new IllegalArgumentException("data range outside the buffer");
        }

        public int opcode() { return Opcodes.DATA_IN; }

        public boolean hasStatus() { return (flags & STATUS) != 0; }

        public boolean isFinal() { return (flags & FINAL) != 0; }
    }

    /** Logout Response (§11.15). */
    record LogoutResponse(int response, int itt, int statSn, int expCmdSn, int maxCmdSn, int time2Wait,
                          int time2Retain) implements Pdu {
        public int opcode() { return Opcodes.LOGOUT_RESPONSE; }
    }

    /** Ready To Transfer (§11.8). */
    record ReadyToTransfer(long lun, int itt, int ttt, int statSn, int expCmdSn, int maxCmdSn, int r2tSn,
                           int bufferOffset, int desiredLength) implements Pdu {
        public int opcode() { return Opcodes.R2T; }
    }

    /** Asynchronous Message (§11.9). */
    record AsyncMessage(long lun, int statSn, int expCmdSn, int maxCmdSn, int event, int vendorCode, int parameter1,
                        int parameter2, int parameter3, byte[] data) implements Pdu {
        public int opcode() { return Opcodes.ASYNC_MESSAGE; }

        public int itt() { return RESERVED_TAG; }
    }

    /** Reject (§11.17): {@code data} is the rejected PDU's header. */
    record Reject(int reason, int statSn, int expCmdSn, int maxCmdSn, int dataSn, byte[] data) implements Pdu {
        public int opcode() { return Opcodes.REJECT; }

        public int itt() { return RESERVED_TAG; }
    }
}
