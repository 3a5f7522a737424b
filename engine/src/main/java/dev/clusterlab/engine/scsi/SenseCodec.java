package dev.clusterlab.engine.scsi;

import java.util.OptionalLong;

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

    /**
     * Parses sense data in either format. Best effort for damaged input: fields past {@code len}
     * (or past the ADDITIONAL SENSE LENGTH) read as absent or zero. Returns null when there is no
     * usable response code and sense key; never throws.
     *
     * @param len the number of valid bytes (the sense length the transport reported); clamped to the buffer
     */
    public static SenseData decode(byte[] buf, int len) {
        if (buf == null) return null;
        int n = Math.min(len, buf.length);
        if (n < 2) return null;
        int code = buf[0] & 0x7F;
        return switch (code) {
            case 0x70, 0x71 -> n < 3 ? null : decodeFixed(buf, n, code == 0x70);
            case 0x72, 0x73 -> decodeDescriptor(buf, n, code == 0x72);
            default -> null;
        };
    }

    /** SPC-4 §4.5.3: VALID gates INFORMATION (bytes 3-6); SKSV (byte 15 bit 7) gates bytes 15-17. */
    private static SenseData decodeFixed(byte[] b, int n, boolean current) {
        int end = n >= 8 ? Math.min(n, 8 + (b[7] & 0xFF)) : n;
        boolean valid = (b[0] & 0x80) != 0 && end >= 7;
        OptionalLong info = valid ? OptionalLong.of(Bytes.u32(b, 3)) : OptionalLong.empty();
        int asc = end > 12 ? b[12] & 0xFF : 0;
        int ascq = end > 13 ? b[13] & 0xFF : 0;
        int sks = end >= 18 && (b[15] & 0x80) != 0 ? Bytes.u24(b, 15) : -1;
        return new SenseData(SenseKey.fromCode(b[2]), new AdditionalSense(asc, ascq), current, info, sks);
    }

    /** SPC-4 §4.5.2: header, then descriptors; information (00h) and sense-key specific (02h) are read. */
    private static SenseData decodeDescriptor(byte[] b, int n, boolean current) {
        int asc = n > 2 ? b[2] & 0xFF : 0;
        int ascq = n > 3 ? b[3] & 0xFF : 0;
        OptionalLong info = OptionalLong.empty();
        int sks = -1;
        if (n >= 8) {
            int end = Math.min(n, 8 + (b[7] & 0xFF));
            int off = 8;
            while (off + 2 <= end) {
                int type = b[off] & 0xFF;
                int next = off + 2 + (b[off + 1] & 0xFF);
                if (next > end) break; // a descriptor cut short is ignored, not guessed at
                if (type == 0x00 && next - off >= 12 && (b[off + 2] & 0x80) != 0) info = OptionalLong.of(Bytes.u64(b, off + 4));
                if (type == 0x02 && next - off >= 7 && (b[off + 4] & 0x80) != 0) sks = Bytes.u24(b, off + 4);
                off = next;
            }
        }
        return new SenseData(SenseKey.fromCode(b[1]), new AdditionalSense(asc, ascq), current, info, sks);
    }
}
