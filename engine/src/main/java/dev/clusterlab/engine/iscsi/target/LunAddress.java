package dev.clusterlab.engine.iscsi.target;

/**
 * Single-level LUN addressing (SAM-5 §4.7): the peripheral device method (00b, LUN 0..255) and the
 * flat space method (01b, LUN 0..16383) in the first two bytes of the 8-byte LUN field; the other
 * six bytes must be zero.
 */
final class LunAddress {
    private LunAddress() {}

    /** The LUN the 8-byte field addresses, or -1 when it uses a method or level we do not serve. */
    static int decode(long field) {
        if ((field & 0x0000_FFFF_FFFF_FFFFL) != 0) return -1;
        int first = (int) (field >>> 56) & 0xFF;
        int second = (int) (field >>> 48) & 0xFF;
        return switch (first >>> 6) {
            case 0 -> (first & 0x3F) == 0 ? second : -1; // peripheral: bus identifier 0
            case 1 -> ((first & 0x3F) << 8) | second; // flat space
            default -> -1;
        };
    }

    /** The 8-byte field for {@code lun}: peripheral below 256, flat space above. */
    static long encode(int lun) {
        if (lun < 256) return (long) lun << 48;
        return ((long) (0x40 | (lun >>> 8)) << 56) | ((long) (lun & 0xFF) << 48);
    }
}
