package dev.clusterlab.engine.scsi;

/** SAM-5 status codes. */
public enum ScsiStatus {
    GOOD(0x00, "GOOD"),
    CHECK_CONDITION(0x02, "CHECK CONDITION"),
    CONDITION_MET(0x04, "CONDITION MET"),
    BUSY(0x08, "BUSY"),
    RESERVATION_CONFLICT(0x18, "RESERVATION CONFLICT"),
    TASK_SET_FULL(0x28, "TASK SET FULL"),
    ACA_ACTIVE(0x30, "ACA ACTIVE"),
    TASK_ABORTED(0x40, "TASK ABORTED");

    private final int code;
    private final String label;

    ScsiStatus(int code, String label) { this.code = code; this.label = label; }

    public int code() { return code; }

    /** The name as the standard and sg3_utils print it, e.g. "RESERVATION CONFLICT". */
    public String label() { return label; }

    public static ScsiStatus fromCode(int code) {
        for (ScsiStatus s : values()) if (s.code == code) return s;
        throw new IllegalArgumentException(String.format("unknown SCSI status 0x%02X", code));
    }
}
