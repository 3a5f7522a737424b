package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Decodes one TransportID (SPC-4 §7.6.4) into its fields; the engine's {@link TransportId#decode} names it. */
final class TransportIdDecoder {
    private TransportIdDecoder() {}

    private static final byte[] ISID_SEPARATOR = ",i,0x".getBytes(StandardCharsets.US_ASCII);

    /** Bytes the TransportID at {@code off} occupies: 4 + ADDITIONAL LENGTH for iSCSI, else 24; -1 if unknown. */
    static int length(byte[] b, int off, int available) {
        return TransportId.encodedLength(b, off, Math.min(available, b.length - off));
    }

    /**
     * @param available bytes the enclosing structure gives this TransportID (it may claim more than
     *     the buffer holds; missing bytes become truncation markers)
     */
    static DecodedField decode(String name, byte[] b, int off, int available) {
        int declared = available >= 4 && b.length - off >= 4 ? TransportId.encodedLength(b, off, b.length - off) : 24;
        int len = Math.max(0, Math.min(declared, available));
        FieldList f = new FieldList(b, off, off + len);
        if (!f.has(off, 1)) {
            f.truncated("Protocol identifier", off, 1);
            return f.group(name, "(truncated)", off, len, f.finish()).withNote(Severity.NOTE, "TransportID missing");
        }
        int proto = b[off] & 0x0F;
        int format = (b[off] & 0xFF) >>> 6;
        f.bits("Format code", off, 6, 2);
        f.bitsCode("Protocol identifier", off, 0, 4, FieldNames::protocolId);
        switch (proto) {
            case 0x0 -> f.hex("N_Port name", off + 8, 8);
            case 0x3 -> f.hex("EUI-64 name", off + 8, 8);
            case 0x4 -> f.bytes("Initiator port identifier", off + 8, 16);
            case 0x5 -> iscsi(f, b, off, format);
            case 0x6 -> f.hex("SAS address", off + 4, 8);
            default -> f.bytes("Protocol specific data", off + 1, Math.max(0, len - 1));
        }
        if (declared > available)
            f.marker("TransportID length", off + len, Severity.ERROR,
                    "TransportID needs " + declared + " bytes, only " + available + " allotted");
        TransportId id = declared <= available && b.length - off >= declared ? TransportId.decode(b, off, declared) : null;
        DecodedField node = f.group(name, id != null ? id.displayName() : "", off, len, f.finish());
        if (id == null && proto != 0x3 && proto != 0x4 && len == declared && b.length - off >= declared)
            return node.withNote(Severity.ERROR, "not a valid " + FieldNames.protocolId(proto) + " TransportID (SPC-4 §7.6.4)");
        return node;
    }

    /** SPC-4 §7.6.4.6: ADDITIONAL LENGTH, then a NUL-terminated name; format 01b adds ",i,0x" and the ISID. */
    private static void iscsi(FieldList f, byte[] b, int off, int format) {
        DecodedField addl = f.uint("Additional length", off + 2, 2);
        if (addl.numeric().isEmpty()) return;
        int start = off + 4;
        int areaEnd = (int) Math.min((long) start + addl.numeric().getAsLong(), b.length);
        int nul = start;
        while (nul < areaEnd && b[nul] != 0) nul++;
        int sep = format == 1 ? indexOf(b, start, nul, ISID_SEPARATOR) : -1;
        int nameEnd = sep >= 0 ? sep : nul;
        f.text("iSCSI name", start, nameEnd - start, new String(b, start, nameEnd - start, StandardCharsets.UTF_8), OptionalLong.empty());
        if (sep >= 0) {
            f.text("Separator", sep, ISID_SEPARATOR.length, ",i,0x", OptionalLong.empty());
            int isidAt = sep + ISID_SEPARATOR.length;
            f.text("ISID", isidAt, nul - isidAt, new String(b, isidAt, nul - isidAt, StandardCharsets.US_ASCII), OptionalLong.empty());
        }
        if (nul == areaEnd) f.marker("NUL terminator", nul, Severity.ERROR, "iSCSI name is not NUL-terminated within ADDITIONAL LENGTH");
    }

    private static int indexOf(byte[] b, int from, int to, byte[] needle) {
        for (int i = from; i + needle.length <= to; i++) {
            boolean hit = true;
            for (int k = 0; k < needle.length && hit; k++) hit = Character.toLowerCase(b[i + k]) == needle[k];
            if (hit) return i;
        }
        return -1;
    }

    /** A one-line name for a TransportID (for summaries): the display name, or its hex when invalid. */
    static String shortName(byte[] b, int off, int available) {
        int len = length(b, off, available);
        if (len < 0 || len > available || off + len > b.length) return "?";
        TransportId id = TransportId.decode(b, off, len);
        return id != null ? id.displayName() : Bytes.hex(b, off, Math.min(len, 8)) + "…";
    }
}
