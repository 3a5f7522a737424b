package dev.clusterlab.engine.scsi.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One named field of a decoded SCSI structure, as a packet-details pane shows it.
 *
 * @param name the field's name as the standard spells it, e.g. "Service action"
 * @param value the value for display, e.g. "PREEMPT AND ABORT (05h)"; empty for pure containers
 * @param numeric the value as a number where that means something (lengths, codes, keys)
 * @param offset first byte of the field, absolute within the decoded buffer
 * @param length bytes the field covers (for a bit field: the bytes holding its bits); 0 for a
 *     marker such as "the rest is missing"
 * @param bitOffset lowest bit of a bit field within the big-endian bytes it covers; 0 otherwise
 * @param bitWidth width of a bit field; 0 when the field is whole bytes
 * @param severity how much attention the field wants
 * @param note why, e.g. "reserved field is not zero" or "truncated: ..."; empty when OK
 * @param raw the covered bytes in hex (at most {@link #RAW_LIMIT} of them), empty when absent
 * @param children sub-fields, in offset order
 */
public record DecodedField(String name, String value, OptionalLong numeric, int offset, int length, int bitOffset,
                           int bitWidth, Severity severity, String note, String raw, List<DecodedField> children) {

    /** Raw hex is kept for at most this many bytes; the renderer marks longer fields with an ellipsis. */
    public static final int RAW_LIMIT = 32;

    public enum Severity {
        /** A normal field. */
        OK,
        /** Worth knowing but legal, e.g. data cut short by the allocation length. */
        NOTE,
        /** Not what the standard asks for, e.g. a reserved field that is not zero. */
        WARNING,
        /** Cannot be decoded as the structure requires, e.g. an invalid TransportID. */
        ERROR
    }

    public DecodedField {
        if (name == null) throw new IllegalArgumentException("name");
        value = value == null ? "" : value;
        numeric = numeric == null ? OptionalLong.empty() : numeric;
        severity = severity == null ? Severity.OK : severity;
        note = note == null ? "" : note;
        raw = raw == null ? "" : raw;
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** A container of sub-fields. */
    public static DecodedField node(String name, String value, int offset, int length, List<DecodedField> children) {
        return new DecodedField(name, value, OptionalLong.empty(), offset, length, 0, 0, Severity.OK, "", "", children);
    }

    public boolean isBitField() { return bitWidth > 0; }

    /** One past the last byte covered. */
    public int end() { return offset + length; }

    /** Where the field sits: {@code [5]}, {@code [5-8]}, {@code [1].0-4} (bits 0 to 4 of byte 1), {@code [20].3}. */
    public String position() {
        StringBuilder sb = new StringBuilder(16).append('[').append(offset);
        if (length > 1) sb.append('-').append(end() - 1);
        sb.append(']');
        if (isBitField()) {
            sb.append('.').append(bitOffset);
            if (bitWidth > 1) sb.append('-').append(bitOffset + bitWidth - 1);
        }
        return sb.toString();
    }

    public DecodedField withChildren(List<DecodedField> newChildren) {
        return new DecodedField(name, value, numeric, offset, length, bitOffset, bitWidth, severity, note, raw, newChildren);
    }

    public DecodedField withNote(Severity newSeverity, String newNote) {
        return new DecodedField(name, value, numeric, offset, length, bitOffset, bitWidth, newSeverity, newNote, raw, children);
    }

    public DecodedField withRaw(String newRaw) {
        return new DecodedField(name, value, numeric, offset, length, bitOffset, bitWidth, severity, note, newRaw, children);
    }

    /** The first direct child with this name, or null. */
    public DecodedField child(String childName) {
        for (DecodedField c : children) if (c.name.equals(childName)) return c;
        return null;
    }

    /** The first field with this name in this subtree (depth first, this field included), or null. */
    public DecodedField find(String fieldName) {
        if (name.equals(fieldName)) return this;
        for (DecodedField c : children) {
            DecodedField hit = c.find(fieldName);
            if (hit != null) return hit;
        }
        return null;
    }

    /** This field and every descendant, depth first. */
    public List<DecodedField> flatten() {
        List<DecodedField> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(DecodedField f, List<DecodedField> out) {
        out.add(f);
        for (DecodedField c : f.children) collect(c, out);
    }

    /** The numeric value, or {@code fallback} when there is none. */
    public long numericOr(long fallback) { return numeric.isPresent() ? numeric.getAsLong() : fallback; }
}
