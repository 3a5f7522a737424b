package dev.clusterlab.engine.scsi;

/**
 * Names for ASC/ASCQ pairs (SPC-4 Annex D, Table D.1), worded the way sg3_utils prints them.
 * The list itself is the resource {@code asc-names.txt}. Lookup is two array indexations; only the
 * generated names for ranges (40h/NNh, 4Dh/NNh, 70h/NNh, vendor-specific codes) and unknown pairs
 * build a new String.
 */
public final class AscNames {
    private AscNames() {}

    /** TABLE[asc][ascq], each row sized to its largest listed ASCQ. */
    private static final String[][] TABLE = new String[256][];
    private static int size;

    static {
        AscTable.load(AscNames::put);
    }

    private static void put(int asc, int ascq, String name) {
        String[] row = TABLE[asc];
        if (row == null || row.length <= ascq) {
            String[] grown = new String[ascq + 1];
            if (row != null) System.arraycopy(row, 0, grown, 0, row.length);
            TABLE[asc] = row = grown;
        }
        if (row[ascq] == null) size++;
        row[ascq] = name;
    }

    /** The Annex D name of a listed pair, or null when the pair is not in the table. */
    public static String lookup(int asc, int ascq) {
        if ((asc & ~0xFF) != 0 || (ascq & ~0xFF) != 0) return null;
        String[] row = TABLE[asc];
        return row != null && ascq < row.length ? row[ascq] : null;
    }

    /** Number of listed pairs (generated range names not counted). */
    public static int size() { return size; }

    /**
     * A name for any pair: the listed name, a generated one for the ranges Annex D defines by
     * formula, or a neutral description for reserved codes.
     */
    public static String describe(int asc, int ascq) {
        asc &= 0xFF;
        ascq &= 0xFF;
        String listed = lookup(asc, ascq);
        if (listed != null) return listed;
        // SPC-4 §4.5.2.1: ASC 80h-FFh are vendor specific; ASCQ 80h-FFh are vendor specific for every
        // ASC except the three families whose ASCQ carries a value (40h, 4Dh, 70h).
        if (asc >= 0x80) return "Vendor specific ASC " + Bytes.hexByte(asc) + "h, ASCQ " + Bytes.hexByte(ascq) + "h";
        switch (asc) {
            case 0x40:
                if (ascq >= 0x80) return "Diagnostic failure on component " + Bytes.hexByte(ascq) + "h";
                break;
            case 0x4D:
                return "Tagged overlapped commands (task tag " + Bytes.hexByte(ascq) + "h)";
            case 0x70:
                return "Decompression exception short algorithm id of " + Bytes.hexByte(ascq) + "h";
            default:
                break;
        }
        if (ascq >= 0x80) return "Vendor specific ASCQ " + Bytes.hexByte(ascq) + "h for ASC " + Bytes.hexByte(asc) + "h";
        return "ASC " + Bytes.hexByte(asc) + "h ASCQ " + Bytes.hexByte(ascq) + "h (reserved)";
    }

    public static String describe(AdditionalSense additional) { return describe(additional.asc(), additional.ascq()); }

}
