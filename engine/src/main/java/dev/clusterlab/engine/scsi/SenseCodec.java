package dev.clusterlab.engine.scsi;

/**
 * Sense data on the wire (SPC-4 §4.5): fixed format (response codes 70h/71h, 18 bytes) and
 * descriptor format (72h/73h). Which one a device server returns depends on the D_SENSE bit of its
 * Control mode page.
 */
public final class SenseCodec {
    private SenseCodec() {}

    public static final int FIXED_LENGTH = 18;

    public static byte[] encode(SenseData s, boolean descriptorFormat) {
        return descriptorFormat ? encodeDescriptor(s) : encodeFixed(s);
    }

    /** Fixed format: 18 bytes, ADDITIONAL SENSE LENGTH 10. */
    public static byte[] encodeFixed(SenseData s) {
        byte[] b = new byte[FIXED_LENGTH];
        boolean valid = s.information().isPresent();
        b[0] = (byte) ((valid ? 0x80 : 0) | (s.current() ? 0x70 : 0x71));
        b[2] = (byte) s.key().code();
        if (valid) Bytes.put32(b, 3, s.information().getAsLong());
        b[7] = (byte) (FIXED_LENGTH - 8);
        b[12] = (byte) s.asc();
        b[13] = (byte) s.ascq();
        if (s.hasSenseKeySpecific()) Bytes.put24(b, 15, s.senseKeySpecific());
        return b;
    }

    /** Descriptor format: 8-byte header, then an information descriptor (00h) and a sense-key-specific one (02h) where present. */
    public static byte[] encodeDescriptor(SenseData s) {
        int len = 8 + (s.information().isPresent() ? 12 : 0) + (s.hasSenseKeySpecific() ? 8 : 0);
        byte[] b = new byte[len];
        b[0] = (byte) (s.current() ? 0x72 : 0x73);
        b[1] = (byte) s.key().code();
        b[2] = (byte) s.asc();
        b[3] = (byte) s.ascq();
        b[7] = (byte) (len - 8);
        int off = 8;
        if (s.information().isPresent()) {
            b[off] = 0x00;
            b[off + 1] = 0x0A;
            b[off + 2] = (byte) 0x80; // VALID
            Bytes.put64(b, off + 4, s.information().getAsLong());
            off += 12;
        }
        if (s.hasSenseKeySpecific()) {
            b[off] = 0x02;
            b[off + 1] = 0x06;
            Bytes.put24(b, off + 4, s.senseKeySpecific());
        }
        return b;
    }
}
