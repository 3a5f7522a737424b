package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * Collects the fields of one structure laid over a buffer. Every reader checks the bytes are there
 * (a field the buffer does not hold becomes a "truncated" marker inside the buffer) and records which
 * bits it covered, so {@link #finish()} can flag any uncovered, non-zero bits as reserved fields
 * (SPC-4 §4.3.2: reserved fields shall be zero).
 */
final class FieldList {
    private final byte[] buf;
    private final int start;
    private final int[] covered;
    private final List<DecodedField> fields = new ArrayList<>();

    /** A structure occupying {@code [start, end)} of {@code buf}; {@code end} may lie past the buffer. */
    FieldList(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = Math.min(Math.max(start, 0), buf.length);
        this.covered = new int[Math.max(0, Math.min(end, buf.length) - this.start)];
    }

    byte[] buffer() { return buf; }

    /** True when bytes {@code [off, off+len)} are all in the buffer. */
    boolean has(int off, int len) { return off >= 0 && len >= 0 && (long) off + len <= buf.length; }

    /** Unsigned big-endian integer, shown in decimal. */
    DecodedField uint(String name, int off, int len) {
        if (!has(off, len)) return truncated(name, off, len);
        long v = read(off, len);
        return add(field(name, Long.toUnsignedString(v), OptionalLong.of(v), off, len, 0, 0));
    }

    /** Unsigned big-endian integer shown as 0x-prefixed hex, as sg_persist shows keys. */
    DecodedField hex(String name, int off, int len) {
        if (!has(off, len)) return truncated(name, off, len);
        long v = read(off, len);
        return add(field(name, "0x" + Long.toHexString(v), OptionalLong.of(v), off, len, 0, 0));
    }

    /** A whole-byte code with a name: "NAME (XXh)". */
    DecodedField code(String name, int off, int len, IntFunction<String> namer) {
        if (!has(off, len)) return truncated(name, off, len);
        long v = read(off, len);
        return add(field(name, named(namer.apply((int) v), v, len * 2), OptionalLong.of(v), off, len, 0, 0));
    }

    /** Bits {@code [lo, lo+width)} of the big-endian integer in {@code [off, off+len)}, in decimal. */
    DecodedField bits(String name, int off, int len, int lo, int width) {
        if (!has(off, len)) return truncated(name, off, len);
        long v = bitValue(off, len, lo, width);
        return add(field(name, Long.toString(v), OptionalLong.of(v), off, len, lo, width));
    }

    /** Bits of one byte, in decimal. */
    DecodedField bits(String name, int off, int lo, int width) { return bits(name, off, 1, lo, width); }

    /** A named bit-field code within one byte: "NAME (Xh)". */
    DecodedField bitsCode(String name, int off, int lo, int width, IntFunction<String> namer) {
        if (!has(off, 1)) return truncated(name, off, 1);
        long v = bitValue(off, 1, lo, width);
        return add(field(name, named(namer.apply((int) v), v, width > 4 ? 2 : 1), OptionalLong.of(v), off, 1, lo, width));
    }

    /** A one-bit flag: "1" or "0". */
    DecodedField flag(String name, int off, int bit) { return bits(name, off, 1, bit, 1); }

    /** Bytes shown as hex, with no numeric value (vendor-specific, unknown or opaque data). */
    DecodedField bytes(String name, int off, int len) {
        if (len <= 0) return null;
        if (!has(off, len)) return truncated(name, off, len);
        return add(field(name, hexValue(off, len), OptionalLong.empty(), off, len, 0, 0));
    }

    /** A field with a value computed by the caller. */
    DecodedField text(String name, int off, int len, String value, OptionalLong numeric) {
        if (!has(off, len)) return truncated(name, off, len);
        return add(field(name, value, numeric, off, len, 0, 0));
    }

    /** An obsolete field: covered, and listed only when it is not zero (SPC-4 §4.3.2). */
    void obsolete(int off, int len) {
        mark(off, len, 0, 0);
        if (!has(off, len) || isZero(off, len)) return;
        fields.add(field("Obsolete", hexValue(off, len), OptionalLong.empty(), off, len, 0, 0)
                .withNote(Severity.NOTE, "obsolete field is not zero"));
    }

    /** Obsolete bits of one byte, listed only when not zero. */
    void obsoleteBits(int off, int lo, int width) {
        mark(off, 1, lo, width);
        if (!has(off, 1) || bitValue(off, 1, lo, width) == 0) return;
        long v = bitValue(off, 1, lo, width);
        fields.add(field("Obsolete", Long.toString(v), OptionalLong.of(v), off, 1, lo, width)
                .withNote(Severity.NOTE, "obsolete field is not zero"));
    }

    /** Adds a field built elsewhere (a sub-structure) and marks its bytes covered. */
    DecodedField add(DecodedField f) {
        if (f == null) return null;
        mark(f.offset(), f.length(), f.bitOffset(), f.bitWidth());
        fields.add(f);
        return f;
    }

    /** Replaces an added field with a copy carrying a note; returns the copy. */
    DecodedField annotate(DecodedField f, Severity severity, String note) {
        if (f == null) return null;
        DecodedField noted = f.withNote(severity, note);
        int i = fields.lastIndexOf(f);
        if (i >= 0) fields.set(i, noted);
        return noted;
    }

    /** A container field over whole bytes, with the given value and sub-fields (not added). */
    DecodedField group(String name, String value, int off, int len, List<DecodedField> children) {
        int from = Math.min(Math.max(off, 0), buf.length);
        int to = (int) Math.min(Math.max((long) off + Math.max(len, 0), from), buf.length);
        return new DecodedField(name, value, OptionalLong.empty(), from, to - from, 0, 0, Severity.OK, "", raw(from, to - from), children);
    }

    /** A marker that bytes {@code [off, off+len)} are missing; lies within the buffer (possibly empty). */
    DecodedField truncated(String name, int off, int len) {
        int from = Math.min(Math.max(off, 0), buf.length);
        int to = (int) Math.min(Math.max((long) off + Math.max(len, 0), from), buf.length);
        String need = len <= 1 ? "byte " + off : "bytes " + off + "-" + ((long) off + len - 1);
        DecodedField f = new DecodedField(name, "(truncated)", OptionalLong.empty(), from, to - from, 0, 0, Severity.NOTE,
                "truncated: needs " + need + ", buffer holds " + buf.length + " bytes", to > from ? Bytes.hex(buf, from, to - from) : "",
                List.of());
        mark(from, to - from, 0, 0);
        fields.add(f);
        return f;
    }

    /** Notes on the list itself, e.g. "the rest is missing", as a zero-length marker at {@code off}. */
    void marker(String name, int off, Severity severity, String note) {
        int at = Math.min(Math.max(off, 0), buf.length);
        fields.add(new DecodedField(name, "", OptionalLong.empty(), at, 0, 0, 0, severity, note, "", List.of()));
    }

    /** The fields in offset order, with any non-zero uncovered bits added as "Reserved" warnings. */
    List<DecodedField> finish() {
        for (int i = 0; i < covered.length; i++) {
            int off = start + i;
            int free = ~covered[i] & 0xFF;
            int value = buf[off] & free;
            if (value == 0) continue;
            if (free == 0xFF) {
                fields.add(reservedField(off, 0, 0));
                continue;
            }
            int bit = 0;
            while (bit < 8) { // one field per contiguous run of uncovered bits that holds a one
                if ((free & (1 << bit)) == 0) { bit++; continue; }
                int lo = bit;
                while (bit < 8 && (free & (1 << bit)) != 0) bit++;
                if (((buf[off] & 0xFF) >>> lo & ((1 << (bit - lo)) - 1)) != 0) fields.add(reservedField(off, lo, bit - lo));
            }
        }
        fields.sort(ORDER);
        return List.copyOf(fields);
    }

    private DecodedField reservedField(int off, int lo, int width) {
        long v = width == 0 ? buf[off] & 0xFF : bitValue(off, 1, lo, width);
        String shown = width == 0 ? Bytes.hexByte((int) v) + "h" : Long.toString(v);
        return field("Reserved", shown, OptionalLong.of(v), off, 1, lo, width).withNote(Severity.WARNING, "reserved field is not zero");
    }

    /** Byte order; within a byte, higher bits first as the standard's tables list them. */
    private static final Comparator<DecodedField> ORDER = Comparator.comparingInt(DecodedField::offset)
            .thenComparing(Comparator.comparingInt(FieldList::topBitInFirstByte).reversed());

    private static int topBitInFirstByte(DecodedField f) {
        if (f.bitWidth() == 0) return 8;
        return f.bitOffset() + f.bitWidth() - (Math.max(f.length(), 1) - 1) * 8;
    }

    private DecodedField field(String name, String value, OptionalLong numeric, int off, int len, int lo, int width) {
        return new DecodedField(name, value, numeric, off, len, lo, width, Severity.OK, "", raw(off, len), List.of());
    }

    private String raw(int off, int len) { return len <= 0 ? "" : Bytes.hex(buf, off, Math.min(len, DecodedField.RAW_LIMIT)); }

    private String hexValue(int off, int len) {
        return len <= DecodedField.RAW_LIMIT ? Bytes.hex(buf, off, len) : Bytes.hex(buf, off, DecodedField.RAW_LIMIT) + "…";
    }

    private long read(int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) v = (v << 8) | (buf[off + i] & 0xFF);
        return v;
    }

    private long bitValue(int off, int len, int lo, int width) {
        long v = read(off, len) >>> lo;
        return width >= 64 ? v : v & ((1L << width) - 1);
    }

    private boolean isZero(int off, int len) {
        for (int i = 0; i < len; i++) if (buf[off + i] != 0) return false;
        return true;
    }

    /** Records which bits of which bytes a field covers; bits are counted from the lowest of its last byte. */
    private void mark(int off, int len, int lo, int width) {
        for (int k = 0; k < len; k++) {
            int idx = off + k - start;
            if (idx < 0 || idx >= covered.length) continue;
            if (width == 0) { covered[idx] = 0xFF; continue; }
            int byteLo = (len - 1 - k) * 8; // bit number of this byte's bit 0 within the field's integer
            for (int b = 0; b < 8; b++) {
                int fieldBit = byteLo + b;
                if (fieldBit >= lo && fieldBit < lo + width) covered[idx] |= 1 << b;
            }
        }
    }

    static String named(String name, long code, int digits) {
        String hex = Long.toHexString(code).toUpperCase(java.util.Locale.ROOT);
        StringBuilder sb = new StringBuilder(name.length() + digits + 4).append(name).append(" (");
        for (int i = hex.length(); i < digits; i++) sb.append('0');
        return sb.append(hex).append("h)").toString();
    }
}
