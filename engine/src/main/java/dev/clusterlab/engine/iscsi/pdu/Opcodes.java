package dev.clusterlab.engine.iscsi.pdu;

/** iSCSI opcodes (RFC 7143 §11.2.1.2) and related wire constants. */
public final class Opcodes {
    private Opcodes() {}

    public static final int NOP_OUT = 0x00;
    public static final int SCSI_COMMAND = 0x01;
    public static final int TASK_MANAGEMENT_REQUEST = 0x02;
    public static final int LOGIN_REQUEST = 0x03;
    public static final int TEXT_REQUEST = 0x04;
    public static final int DATA_OUT = 0x05;
    public static final int LOGOUT_REQUEST = 0x06;
    public static final int SNACK_REQUEST = 0x10;

    public static final int NOP_IN = 0x20;
    public static final int SCSI_RESPONSE = 0x21;
    public static final int TASK_MANAGEMENT_RESPONSE = 0x22;
    public static final int LOGIN_RESPONSE = 0x23;
    public static final int TEXT_RESPONSE = 0x24;
    public static final int DATA_IN = 0x25;
    public static final int LOGOUT_RESPONSE = 0x26;
    public static final int R2T = 0x31;
    public static final int ASYNC_MESSAGE = 0x32;
    public static final int REJECT = 0x3F;

    /** Byte 0 bit 6: immediate delivery (initiator PDUs only). */
    public static final int IMMEDIATE_BIT = 0x40;

    /** Reject reasons (§11.17.1). */
    public static final int REJECT_DATA_DIGEST_ERROR = 0x02;
    public static final int REJECT_SNACK_REJECT = 0x03;
    public static final int REJECT_PROTOCOL_ERROR = 0x04;
    public static final int REJECT_COMMAND_NOT_SUPPORTED = 0x05;
    public static final int REJECT_IMMEDIATE_COMMAND_REJECT = 0x06;
    public static final int REJECT_TASK_IN_PROGRESS = 0x07;
    public static final int REJECT_INVALID_DATA_ACK = 0x08;
    public static final int REJECT_INVALID_PDU_FIELD = 0x09;
    public static final int REJECT_OUT_OF_RESOURCES = 0x0A;
    public static final int REJECT_WAITING_FOR_LOGOUT = 0x0C;
}
