package dev.clusterlab.engine.scsi;

/** PERSISTENT RESERVE OUT service actions (SPC-4 Table 213), with sg_persist's option names. */
public enum PrOutAction {
    REGISTER(0x00, "REGISTER", "register"),
    RESERVE(0x01, "RESERVE", "reserve"),
    RELEASE(0x02, "RELEASE", "release"),
    CLEAR(0x03, "CLEAR", "clear"),
    PREEMPT(0x04, "PREEMPT", "preempt"),
    PREEMPT_AND_ABORT(0x05, "PREEMPT AND ABORT", "preempt-abort"),
    REGISTER_AND_IGNORE_EXISTING_KEY(0x06, "REGISTER AND IGNORE EXISTING KEY", "register-ignore"),
    REGISTER_AND_MOVE(0x07, "REGISTER AND MOVE", "register-move"),
    REPLACE_LOST_RESERVATION(0x08, "REPLACE LOST RESERVATION", "replace-lost");

    private final int code;
    private final String label;
    private final String option;

    PrOutAction(int code, String label, String option) {
        this.code = code;
        this.label = label;
        this.option = option;
    }

    public int code() { return code; }

    public String label() { return label; }

    /** The sg_persist long option without dashes, e.g. "preempt-abort". */
    public String option() { return option; }

    public static PrOutAction fromCode(int code) {
        for (PrOutAction a : values()) if (a.code == code) return a;
        return null;
    }
}
