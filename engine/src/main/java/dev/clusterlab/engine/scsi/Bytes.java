package dev.clusterlab.engine.scsi;

/** Big-endian field access for CDBs and parameter data, as every SCSI structure is big-endian. */
public final class Bytes {
    private Bytes() {}

    public static int u8(byte[] b, int off) { return b[off] & 0xFF; }

    public static int u16(byte[] b, int off) { return (u8(b, off) << 8) | u8(b, off + 1); }

    public static int u24(byte[] b, int off) { return (u8(b, off) << 16) | u16(b, off + 1); }

    public static long u32(byte[] b, int off) { return ((long) u16(b, off) << 16) | u16(b, off + 2); }

    public static long u64(byte[] b, int off) { return (u32(b, off) << 32) | u32(b, off + 4); }

    public static void put16(byte[] b, int off, int v) { b[off] = (byte) (v >>> 8); b[off + 1] = (byte) v; }

    public static void put24(byte[] b, int off, int v) { b[off] = (byte) (v >>> 16); put16(b, off + 1, v); }

    public static void put32(byte[] b, int off, long v) { put16(b, off, (int) (v >>> 16)); put16(b, off + 2, (int) v); }

    public static void put64(byte[] b, int off, long v) { put32(b, off, v >>> 32); put32(b, off + 4, v); }

    /** Bits [lo, lo+width) of byte {@code off}. */
    public static int bits(byte[] b, int off, int lo, int width) { return (u8(b, off) >>> lo) & ((1 << width) - 1); }

    public static boolean bit(byte[] b, int off, int bit) { return (u8(b, off) & (1 << bit)) != 0; }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Upper-case hex with no separators, e.g. {@code 5F0100}. */
    public static String hex(byte[] b) { return hex(b, 0, b.length); }

    public static String hex(byte[] b, int off, int len) {
        char[] out = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xFF;
            out[2 * i] = HEX[v >>> 4];
            out[2 * i + 1] = HEX[v & 0xF];
        }
        return new String(out);
    }

    /** Two upper-case hex digits for the low byte of {@code v}, e.g. {@code 5F}. */
    public static String hexByte(int v) { return new String(new char[] {HEX[(v >>> 4) & 0xF], HEX[v & 0xF]}); }

    /** Parses hex, ignoring spaces, colons and an optional 0x prefix. */
    public static byte[] fromHex(String s) {
        String t = s.replaceAll("(?i)0x|[\\s:_-]", "");
        if (t.length() % 2 != 0) throw new IllegalArgumentException("odd number of hex digits: " + s);
        byte[] out = new byte[t.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(t.charAt(2 * i), 16), lo = Character.digit(t.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("not hex: " + s);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
