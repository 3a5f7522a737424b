package dev.clusterlab.engine.scsi;

/** Names for ASC/ASCQ pairs (SPC-4 Annex D). Placeholder table, completed by the scsi wire work. */
public final class AscNames {
    private AscNames() {}

    public static String describe(int asc, int ascq) {
        return String.format("ASC %02Xh ASCQ %02Xh", asc, ascq);
    }
}
