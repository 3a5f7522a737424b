package dev.clusterlab.engine.scsi;

/** Persistent reservation types (SPC-4 Table 206). */
public enum PrType {
    WRITE_EXCLUSIVE(0x1, "Write Exclusive", "WE"),
    EXCLUSIVE_ACCESS(0x3, "Exclusive Access", "EA"),
    WRITE_EXCLUSIVE_REGISTRANTS_ONLY(0x5, "Write Exclusive, registrants only", "WERO"),
    EXCLUSIVE_ACCESS_REGISTRANTS_ONLY(0x6, "Exclusive Access, registrants only", "EARO"),
    WRITE_EXCLUSIVE_ALL_REGISTRANTS(0x7, "Write Exclusive, all registrants", "WEAR"),
    EXCLUSIVE_ACCESS_ALL_REGISTRANTS(0x8, "Exclusive Access, all registrants", "EAAR");

    private final int code;
    private final String label;
    private final String shortName;

    PrType(int code, String label, String shortName) {
        this.code = code;
        this.label = label;
        this.shortName = shortName;
    }

    public int code() { return code; }

    /** As sg_persist prints it, e.g. "Write Exclusive, registrants only". */
    public String label() { return label; }

    public String shortName() { return shortName; }

    /** Exclusive Access family: reads are restricted too. */
    public boolean exclusiveAccess() { return this == EXCLUSIVE_ACCESS || this == EXCLUSIVE_ACCESS_REGISTRANTS_ONLY || this == EXCLUSIVE_ACCESS_ALL_REGISTRANTS; }

    public boolean registrantsOnly() { return this == WRITE_EXCLUSIVE_REGISTRANTS_ONLY || this == EXCLUSIVE_ACCESS_REGISTRANTS_ONLY; }

    public boolean allRegistrants() { return this == WRITE_EXCLUSIVE_ALL_REGISTRANTS || this == EXCLUSIVE_ACCESS_ALL_REGISTRANTS; }

    /** The type for a TYPE field value, or null for obsolete and reserved values. */
    public static PrType fromCode(int code) {
        for (PrType t : values()) if (t.code == code) return t;
        return null;
    }
}
