package dev.clusterlab.views.sequence;

/** The command families the sequence diagram filters by. */
public enum CommandKind {
    PR_OUT("PR OUT"), PR_IN("PR IN"), DATA_IO("data I/O"), OTHER("other");

    private final String label;

    CommandKind(String label) { this.label = label; }

    public String label() { return label; }

    /** The family of a CDB by its operation code (SPC-4 §6.15/§6.16 for PR; SBC-3 for reads and writes). */
    public static CommandKind of(byte[] cdb) {
        if (cdb == null || cdb.length == 0) return OTHER;
        return switch (cdb[0] & 0xFF) {
            case 0x5F -> PR_OUT;
            case 0x5E -> PR_IN;
            // READ/WRITE (6, 10, 12, 16), WRITE AND VERIFY, VERIFY, WRITE SAME, COMPARE AND WRITE
            case 0x08, 0x28, 0xA8, 0x88, 0x0A, 0x2A, 0xAA, 0x8A, 0x2E, 0x8E, 0x2F, 0x8F, 0x41, 0x93, 0x89 -> DATA_IO;
            default -> OTHER;
        };
    }
}
