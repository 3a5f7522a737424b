package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.AscNames;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Decodes sense data, fixed format (SPC-4 §4.5.3) or descriptor format (§4.5.2), naming the sense key
 * and ASC/ASCQ and taking the sense-key-specific field apart (§4.5.2.4). Bytes past the ADDITIONAL
 * SENSE LENGTH are not sense data and are shown apart.
 */
final class SenseDecoder {
    private SenseDecoder() {}

    private static final byte[] EMPTY = new byte[0];

    static DecodedField decode(byte[] sense) {
        byte[] s = sense == null ? EMPTY : sense;
        if (s.length == 0) {
            FieldList f = new FieldList(s, 0, 1);
            f.truncated("Response code", 0, 1);
            return DecodedField.node("Sense data", "(empty)", 0, 0, f.finish());
        }
        int code = s[0] & 0x7F;
        boolean descriptor = code == 0x72 || code == 0x73;
        boolean fixed = code == 0x70 || code == 0x71;
        int declaredEnd = s.length > 7 ? 8 + (s[7] & 0xFF) : (fixed ? 18 : 8);
        // Decode over the sense data proper, so every offset stays inside what the device sent.
        byte[] v = s.length > declaredEnd ? Arrays.copyOf(s, declaredEnd) : s;
        FieldList f = new FieldList(v, 0, fixed || descriptor ? Math.min(declaredEnd, fixed ? 18 : 8) : 1);
        String title;
        if (fixed) {
            title = "Sense data (fixed format)";
            fixedFormat(f, v);
        } else if (descriptor) {
            title = "Sense data (descriptor format)";
            descriptorFormat(f, v);
        } else {
            title = "Sense data (unknown format)";
            f.bitsCode("Response code", 0, 0, 7, FieldNames::senseResponseCode);
            f.bytes("Data", 1, v.length - 1);
        }
        if (s.length > declaredEnd)
            f.add(new DecodedField("Bytes past the additional sense length", Bytes.hex(s, declaredEnd, Math.min(s.length - declaredEnd, 16)),
                    OptionalLong.empty(), v.length, 0, 0, 0, Severity.NOTE, (s.length - declaredEnd) + " bytes ignored", "", List.of()));
        if (s.length < declaredEnd && (fixed || descriptor))
            f.marker("Truncated", s.length, Severity.NOTE, "truncated: sense data is " + declaredEnd + " bytes, " + s.length + " present");
        DecodedField root = DecodedField.node(title, summary(v, fixed, descriptor), 0, v.length, f.finish());
        return root;
    }

    private static void fixedFormat(FieldList f, byte[] v) {
        f.flag("VALID", 0, 7);
        f.bitsCode("Response code", 0, 0, 7, FieldNames::senseResponseCode);
        f.obsolete(1, 1);
        f.flag("FILEMARK", 2, 7);
        f.flag("EOM", 2, 6);
        f.flag("ILI", 2, 5);
        f.flag("SDAT_OVFL", 2, 4);
        f.bitsCode("Sense key", 2, 0, 4, FieldNames::senseKey);
        f.uint("Information", 3, 4);
        f.uint("Additional sense length", 7, 1);
        f.hex("Command-specific information", 8, 4);
        additionalSense(f, v, 12);
        f.uint("Field replaceable unit code", 14, 1);
        if (f.has(15, 3)) f.add(senseKeySpecific(f, v, 15, v[2] & 0xF));
        else if (v.length > 15) f.truncated("Sense key specific", 15, 3);
        f.bytes("Additional sense bytes", 18, v.length - 18);
    }

    private static void descriptorFormat(FieldList f, byte[] v) {
        f.bitsCode("Response code", 0, 0, 7, FieldNames::senseResponseCode);
        f.bitsCode("Sense key", 1, 0, 4, FieldNames::senseKey);
        additionalSense(f, v, 2);
        f.flag("SDAT_OVFL", 4, 7);
        f.uint("Additional sense length", 7, 1);
        int off = 8;
        for (int i = 0; off < v.length; i++) {
            int next = off + 2 + (off + 1 < v.length ? v[off + 1] & 0xFF : 0);
            f.add(descriptor(v, off, next, i, v.length > 1 ? v[1] & 0xF : 0));
            off = next;
        }
    }

    /** ASC and ASCQ with the Annex D name of the pair. */
    private static void additionalSense(FieldList f, byte[] v, int off) {
        if (!f.has(off, 2)) {
            f.truncated("Additional sense code", off, 2);
            return;
        }
        int asc = v[off] & 0xFF, ascq = v[off + 1] & 0xFF;
        String name = AscNames.describe(asc, ascq);
        List<DecodedField> parts = List.of(
                new DecodedField("ASC", Bytes.hexByte(asc) + "h", OptionalLong.of(asc), off, 1, 0, 0, Severity.OK, "", Bytes.hexByte(asc), List.of()),
                new DecodedField("ASCQ", Bytes.hexByte(ascq) + "h", OptionalLong.of(ascq), off + 1, 1, 0, 0, Severity.OK, "", Bytes.hexByte(ascq), List.of()));
        f.add(new DecodedField("Additional sense", name + " (" + Bytes.hexByte(asc) + "h/" + Bytes.hexByte(ascq) + "h)",
                OptionalLong.of((asc << 8) | ascq), off, 2, 0, 0, Severity.OK, "", Bytes.hex(v, off, 2), parts));
    }

    /** One sense data descriptor: type, length and, for the types this lab meets, its fields (SPC-4 §4.5.2.2-4.5.2.5). */
    private static DecodedField descriptor(byte[] v, int off, int next, int index, int key) {
        FieldList d = new FieldList(v, off, next);
        DecodedField type = d.code("Descriptor type", off, 1, FieldNames::senseDescriptorType);
        d.uint("Additional length", off + 1, 1);
        int t = (int) type.numericOr(-1);
        switch (t) {
            case 0x00 -> { d.flag("VALID", off + 2, 7); d.uint("Information", off + 4, 8); }
            case 0x01 -> d.hex("Command-specific information", off + 4, 8);
            case 0x02 -> { if (d.has(off + 4, 3)) d.add(senseKeySpecific(d, v, off + 4, key)); else d.truncated("Sense key specific", off + 4, 3); }
            case 0x03 -> d.uint("Field replaceable unit code", off + 3, 1);
            case 0x05 -> d.flag("ILI", off + 3, 5);
            case 0x0A -> {
                d.bitsCode("Sense key", off + 2, 0, 4, FieldNames::senseKey);
                d.uint("ASC", off + 3, 1);
                d.uint("ASCQ", off + 4, 1);
                d.uint("Progress indication", off + 6, 2);
            }
            default -> d.bytes("Descriptor data", off + 2, next - off - 2);
        }
        if (next > v.length) d.marker("Truncated", v.length, Severity.NOTE, "truncated: descriptor needs " + (next - off) + " bytes");
        return d.group("Descriptor " + index, type.value(), off, next - off, d.finish());
    }

    /** The 3-byte sense-key-specific field, whose meaning depends on the sense key (SPC-4 §4.5.2.4). */
    private static DecodedField senseKeySpecific(FieldList parent, byte[] v, int off, int key) {
        FieldList f = new FieldList(v, off, off + 3);
        boolean sksv = (v[off] & 0x80) != 0;
        f.flag("SKSV", off, 7);
        String meaning;
        if (!sksv) {
            meaning = "not valid";
            f.bits("Sense key specific data", off, 3, 0, 23);
        } else if (key == SenseKey.ILLEGAL_REQUEST.code()) {
            boolean cd = (v[off] & 0x40) != 0, bpv = (v[off] & 0x08) != 0;
            int field = Bytes.u16(v, off + 1), bit = v[off] & 7;
            meaning = "error in " + (cd ? "CDB" : "parameter data") + " byte " + field + (bpv ? " bit " + bit : "");
            f.bitsCode("C/D", off, 6, 1, x -> x == 1 ? "CDB" : "Parameter data");
            f.flag("BPV", off, 3);
            f.bits("Bit pointer", off, 0, 3);
            f.uint("Field pointer", off + 1, 2);
        } else if (key == SenseKey.NOT_READY.code() || key == SenseKey.NO_SENSE.code()) {
            int p = Bytes.u16(v, off + 1);
            meaning = "progress " + (p * 100 / 65536) + "%";
            f.uint("Progress indication", off + 1, 2);
        } else if (key == SenseKey.RECOVERED_ERROR.code() || key == SenseKey.HARDWARE_ERROR.code() || key == SenseKey.MEDIUM_ERROR.code()) {
            meaning = "actual retry count " + Bytes.u16(v, off + 1);
            f.uint("Actual retry count", off + 1, 2);
        } else if (key == SenseKey.COPY_ABORTED.code()) {
            meaning = "segment pointer " + Bytes.u16(v, off + 1);
            f.flag("SD", off, 5);
            f.flag("BPV", off, 3);
            f.bits("Bit pointer", off, 0, 3);
            f.uint("Field pointer", off + 1, 2);
        } else if (key == SenseKey.UNIT_ATTENTION.code()) {
            meaning = (v[off] & 1) != 0 ? "unit attention queue overflowed" : "no overflow";
            f.flag("OVERFLOW", off, 0);
        } else {
            meaning = "";
            f.bits("Sense key specific data", off, 3, 0, 23);
        }
        return parent.group("Sense key specific", meaning, off, 3, f.finish());
    }

    /** "ILLEGAL REQUEST, Invalid field in CDB (24h/00h)" for the root line. */
    private static String summary(byte[] v, boolean fixed, boolean descriptor) {
        int keyAt = fixed ? 2 : 1, ascAt = fixed ? 12 : 2;
        if (!(fixed || descriptor) || v.length <= keyAt) return "";
        String key = SenseKey.fromCode(v[keyAt]).label();
        if (v.length < ascAt + 2) return key;
        return key + ", " + AscNames.describe(v[ascAt] & 0xFF, v[ascAt + 1] & 0xFF);
    }
}
