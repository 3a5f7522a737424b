package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.Bytes;

/**
 * The current values of every mode page of one logical unit. The LU has one set, shared by all
 * I_T nexuses (SPC-4 §7.5.1 allows per-nexus pages; a shared set is what real disks do), which is
 * why a change is announced to the other nexuses with a unit attention.
 */
public final class ModeParameters {
    /** PAGE CONTROL field of MODE SENSE (SPC-4 Table 163). */
    public enum PageControl { CURRENT, CHANGEABLE, DEFAULT, SAVED }

    private final byte[][] current = new byte[ModePage.values().length][];

    public ModeParameters() { reset(); }

    /** Back to the defaults (power on, hard reset: SPC-4 §7.5.1, there being no saved values). */
    public void reset() {
        for (ModePage p : ModePage.values()) current[p.ordinal()] = p.defaults();
    }

    /** A copy of the page image for {@code pc} (not SAVED, which callers reject first). */
    public byte[] image(ModePage page, PageControl pc) {
        return switch (pc) {
            case CURRENT -> current[page.ordinal()].clone();
            case CHANGEABLE -> page.changeableImage();
            case DEFAULT, SAVED -> page.defaults();
        };
    }

    /** Current value of byte {@code i} of {@code page}. */
    byte currentByte(ModePage page, int i) { return current[page.ordinal()][i]; }

    /** Replaces the current values; returns whether anything changed. */
    boolean replace(ModePage page, byte[] image) {
        byte[] old = current[page.ordinal()];
        if (java.util.Arrays.equals(old, image)) return false;
        current[page.ordinal()] = image.clone();
        return true;
    }

    private boolean bit(ModePage page, int off, int bit) { return Bytes.bit(current[page.ordinal()], off, bit); }

    /** Caching page WCE. */
    public boolean writeCacheEnabled() { return bit(ModePage.CACHING, 2, 2); }

    /** Caching page RCD. */
    public boolean readCacheDisabled() { return bit(ModePage.CACHING, 2, 0); }

    /** Control page D_SENSE: CHECK CONDITION sense in descriptor format (SPC-4 §4.5.1). */
    public boolean descriptorSense() { return bit(ModePage.CONTROL, 2, 2); }

    /** Control page SWP: the medium is write protected (SPC-4 §7.5.7). */
    public boolean softwareWriteProtect() { return bit(ModePage.CONTROL, 4, 3); }

    /** Control page TAS: aborted commands of other nexuses end with TASK ABORTED status (SAM-5 §5.6). */
    public boolean taskAbortedStatus() { return bit(ModePage.CONTROL, 5, 6); }

    /** Control page QERR (0, 1 or 3). */
    public int queueErrorManagement() { return Bytes.bits(current[ModePage.CONTROL.ordinal()], 3, 1, 2); }
}
