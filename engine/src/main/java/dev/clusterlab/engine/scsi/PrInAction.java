package dev.clusterlab.engine.scsi;

/** PERSISTENT RESERVE IN service actions (SPC-4 Table 199), with sg_persist's option names. */
public enum PrInAction {
    READ_KEYS(0x00, "READ KEYS", "read-keys"),
    READ_RESERVATION(0x01, "READ RESERVATION", "read-reservation"),
    REPORT_CAPABILITIES(0x02, "REPORT CAPABILITIES", "report-capabilities"),
    READ_FULL_STATUS(0x03, "READ FULL STATUS", "read-full-status");

    private final int code;
    private final String label;
    private final String option;

    PrInAction(int code, String label, String option) {
        this.code = code;
        this.label = label;
        this.option = option;
    }

    public int code() { return code; }

    public String label() { return label; }

    public String option() { return option; }

    public static PrInAction fromCode(int code) {
        for (PrInAction a : values()) if (a.code == code) return a;
        return null;
    }
}
