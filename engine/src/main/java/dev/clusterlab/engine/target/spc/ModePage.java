package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.Bytes;

/**
 * The mode pages a simulated disk implements (SPC-4 §7.5, SBC-3 §6.4), each with its power-on
 * default and its changeable-values mask. Page images include the page header, exactly as MODE
 * SENSE returns them (PS=0: no page is saveable).
 */
public enum ModePage {
    /** SBC-3 §6.4.7: AWRE/ARRE and retry counts are accepted (the medium never fails). */
    READ_WRITE_ERROR_RECOVERY(0x01, 0, false,
            "01 0A C0 00 00 00 00 00 00 00 00 00",
            "00 00 C0 FF 00 00 00 00 FF 00 FF FF"),
    /** SBC-3 §6.4.5: WCE (write cache enable) and RCD (read cache disable) are changeable. */
    CACHING(0x08, 0, false,
            "08 12 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
            "00 00 05 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
    /** SPC-4 §7.5.7: D_SENSE, QUEUE ALGORITHM MODIFIER, QERR, SWP and TAS are changeable. */
    CONTROL(0x0A, 0, false,
            "0A 0A 00 00 00 00 00 00 00 00 00 00",
            "00 00 04 F6 08 40 00 00 00 00 00 00"),
    /** SPC-4 §7.5.8: reported for completeness; nothing in it is changeable. */
    CONTROL_EXTENSION(0x0A, 0x01, true,
            "4A 01 00 1C" + " 00".repeat(28),
            "00 00 00 00" + " 00".repeat(28)),
    /** SPC-4 §7.5.11: exception reporting is disabled (DEXCPT=1) by default; MRIE and timers are changeable. */
    INFORMATIONAL_EXCEPTIONS_CONTROL(0x1C, 0, false,
            "1C 0A 08 00 00 00 00 00 00 00 00 00",
            "00 00 08 0F FF FF FF FF FF FF FF FF");

    private final int pageCode;
    private final int subpage;
    private final boolean subpageFormat;
    private final byte[] defaults;
    private final byte[] changeable;

    ModePage(int pageCode, int subpage, boolean subpageFormat, String defaults, String changeable) {
        this.pageCode = pageCode;
        this.subpage = subpage;
        this.subpageFormat = subpageFormat;
        this.defaults = Bytes.fromHex(defaults);
        this.changeable = Bytes.fromHex(changeable);
        if (this.defaults.length != this.changeable.length || this.defaults.length != length())
            throw new IllegalStateException("mode page table is inconsistent: " + name());
    }

    private static final ModePage[] ALL = values();

    public int pageCode() { return pageCode; }

    public int subpage() { return subpage; }

    /** Whether the page uses the sub_page format (SPF=1, 4-byte header). */
    public boolean subpageFormat() { return subpageFormat; }

    public int headerLength() { return subpageFormat ? 4 : 2; }

    /** Length of the whole page including its header. */
    public int length() { return subpageFormat ? 4 + Bytes.u16(defaults, 2) : 2 + Bytes.u8(defaults, 1); }

    byte defaultByte(int i) { return defaults[i]; }

    byte changeableByte(int i) { return changeable[i]; }

    byte[] defaults() { return defaults.clone(); }

    /** The changeable-values image MODE SENSE returns for PC=01b: the header, then the mask. */
    byte[] changeableImage() {
        byte[] b = changeable.clone();
        System.arraycopy(defaults, 0, b, 0, headerLength());
        return b;
    }

    /** The page with this code and subpage, or null. */
    public static ModePage find(int pageCode, int subpage) {
        for (ModePage p : ALL) if (p.pageCode == pageCode && p.subpage == subpage) return p;
        return null;
    }

    static boolean hasPageCode(int pageCode) {
        for (ModePage p : ALL) if (p.pageCode == pageCode) return true;
        return false;
    }

    /**
     * Checks values the changeable mask lets through but the standard reserves. Returns the
     * field pointer (byte offset within the page shifted left 3, plus the bit) of the first invalid
     * field, or -1 when the page is acceptable.
     */
    int invalidValue(byte[] b, int off) {
        switch (this) {
            case CONTROL: {
                // SPC-4 Table 451: QUEUE ALGORITHM MODIFIER 2h-7h reserved (8h-Fh vendor specific, not ours).
                if (Bytes.bits(b, off + 3, 4, 4) > 1) return (3 << 3) | 7;
                // SPC-4 Table 452: QERR 10b is reserved.
                if (Bytes.bits(b, off + 3, 1, 2) == 2) return (3 << 3) | 2;
                return -1;
            }
            case INFORMATIONAL_EXCEPTIONS_CONTROL: {
                // SPC-4 Table 459: MRIE 7h-Bh reserved, Ch-Fh vendor specific (none implemented).
                if (Bytes.bits(b, off + 3, 0, 4) > 6) return (3 << 3) | 3;
                return -1;
            }
            default:
                return -1;
        }
    }
}
