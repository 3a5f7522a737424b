package dev.clusterlab.engine.scsi;

/** SPC-4 sense keys (Table 52). */
public enum SenseKey {
    NO_SENSE("NO SENSE"), RECOVERED_ERROR("RECOVERED ERROR"), NOT_READY("NOT READY"),
    MEDIUM_ERROR("MEDIUM ERROR"), HARDWARE_ERROR("HARDWARE ERROR"), ILLEGAL_REQUEST("ILLEGAL REQUEST"),
    UNIT_ATTENTION("UNIT ATTENTION"), DATA_PROTECT("DATA PROTECT"), BLANK_CHECK("BLANK CHECK"),
    VENDOR_SPECIFIC("VENDOR SPECIFIC"), COPY_ABORTED("COPY ABORTED"), ABORTED_COMMAND("ABORTED COMMAND"),
    RESERVED_C("RESERVED (0Ch)"), VOLUME_OVERFLOW("VOLUME OVERFLOW"), MISCOMPARE("MISCOMPARE"),
    COMPLETED("COMPLETED");

    private final String label;

    SenseKey(String label) { this.label = label; }

    public int code() { return ordinal(); }

    public String label() { return label; }

    public static SenseKey fromCode(int code) { return values()[code & 0xF]; }
}
