package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes PERSISTENT RESERVE IN parameter data for the four service actions (SPC-4 §6.15.2-6.15.5).
 * The length fields give the full list (§4.2.5.6), so data cut by the allocation length decodes
 * what arrived and says what is missing.
 */
final class PrInResponseDecoder {
    private PrInResponseDecoder() {}

    private static final byte[] EMPTY = new byte[0];

    static DecodedField decode(byte[] cdb, byte[] data) {
        byte[] d = data == null ? EMPTY : data;
        int sa = cdb != null && cdb.length > 1 ? cdb[1] & 0x1F : -1;
        int allocation = cdb != null && cdb.length >= 9 ? Bytes.u16(cdb, 7) : -1;
        PrInAction action = PrInAction.fromCode(sa);
        List<DecodedField> fields;
        if (action == null) {
            FieldList f = new FieldList(d, 0, 0);
            f.bytes("Parameter data", 0, d.length);
            fields = f.finish();
        } else {
            fields = switch (action) {
                case READ_KEYS -> readKeys(d);
                case READ_RESERVATION -> readReservation(d);
                case REPORT_CAPABILITIES -> reportCapabilities(d);
                case READ_FULL_STATUS -> readFullStatus(d);
            };
        }
        String title = "PR IN " + (action != null ? action.label() : "service action " + Bytes.hexByte(Math.max(sa, 0)) + "h") + " data";
        DecodedField root = DecodedField.node(title, d.length + " bytes", 0, d.length, fields);
        if (allocation >= 0 && d.length > allocation)
            return root.withNote(Severity.WARNING, d.length + " bytes exceed the allocation length " + allocation);
        return root;
    }

    /** PRGENERATION and ADDITIONAL LENGTH; returns the additional length, or -1 when absent. */
    private static long header(FieldList f) {
        f.uint("PRgeneration", 0, 4);
        DecodedField addl = f.uint("Additional length", 4, 4);
        return addl.numericOr(-1);
    }

    /** Adds a marker when the list the header declares did not all arrive. */
    private static void noteTruncation(FieldList f, byte[] d, long declaredEnd) {
        if (declaredEnd > d.length)
            f.marker("Truncated", d.length, Severity.NOTE,
                    "truncated: response is " + declaredEnd + " bytes, " + d.length + " received (allocation length)");
    }

    /** SPC-4 §6.15.2. */
    private static List<DecodedField> readKeys(byte[] d) {
        FieldList f = new FieldList(d, 0, 8);
        long addl = header(f);
        if (addl >= 0) {
            long end = 8 + addl;
            List<DecodedField> keys = new ArrayList<>();
            FieldList k = new FieldList(d, 8, (int) Math.min(end, d.length));
            for (int off = 8, i = 0; off < end && off < d.length; off += 8, i++) keys.add(k.hex("Reservation key " + i, off, 8));
            if (addl % 8 != 0) f.marker("Additional length", 4, Severity.WARNING, "not a multiple of 8");
            f.add(DecodedField.node("Reservation keys", (addl / 8) + " registered", 8, (int) Math.min(addl, Math.max(0, d.length - 8)), keys));
            noteTruncation(f, d, end);
        }
        return f.finish();
    }

    /** SPC-4 §6.15.3: an 8-byte header alone when there is no reservation, else a 16-byte descriptor. */
    private static List<DecodedField> readReservation(byte[] d) {
        long addl = d.length >= 8 ? Bytes.u32(d, 4) : 0;
        FieldList f = new FieldList(d, 0, addl > 0 ? 24 : 8);
        header(f);
        if (addl > 0) {
            f.hex("Reservation key", 8, 8);
            f.obsolete(16, 4);
            f.bitsCode("Scope", 21, 4, 4, FieldNames::prScope);
            f.bitsCode("Type", 21, 0, 4, FieldNames::prType);
            f.obsolete(22, 2);
            noteTruncation(f, d, 8 + addl);
        } else if (d.length >= 8) {
            f.marker("Reservation", 8, Severity.OK, "no persistent reservation");
        }
        return f.finish();
    }

    /** SPC-4 §6.15.4, Table 204. */
    private static List<DecodedField> reportCapabilities(byte[] d) {
        FieldList f = new FieldList(d, 0, 8);
        DecodedField length = f.uint("Length", 0, 2);
        f.flag("RLR_C", 2, 7);
        f.flag("CRH", 2, 4);
        f.flag("SIP_C", 2, 3);
        f.flag("ATP_C", 2, 2);
        f.flag("PTPL_C", 2, 0);
        f.flag("TMV", 3, 7);
        f.bitsCode("Allow commands", 3, 4, 3, FieldNames::allowCommands);
        f.flag("PTPL_A", 3, 0);
        if (f.has(4, 2)) {
            FieldList m = new FieldList(d, 4, 6);
            m.flag("WR_EX_AR", 4, 7);
            m.flag("EX_AC_RO", 4, 6);
            m.flag("WR_EX_RO", 4, 5);
            m.flag("EX_AC", 4, 3);
            m.flag("WR_EX", 4, 1);
            m.flag("EX_AC_AR", 5, 0);
            f.add(f.group("Persistent reservation type mask", Bytes.hex(d, 4, 2), 4, 2, m.finish()));
        } else {
            f.truncated("Persistent reservation type mask", 4, 2);
        }
        if (length.numeric().isPresent()) {
            long n = length.numeric().getAsLong();
            if (n != 8) f.annotate(length, Severity.WARNING, "LENGTH is 0008h in SPC-4 §6.15.4");
            noteTruncation(f, d, Math.max(n, 8));
        }
        return f.finish();
    }

    /** SPC-4 §6.15.5: each descriptor is 24 bytes plus its TransportID. */
    private static List<DecodedField> readFullStatus(byte[] d) {
        FieldList f = new FieldList(d, 0, 8);
        long addl = header(f);
        if (addl >= 0) {
            long end = 8 + addl;
            List<DecodedField> descriptors = new ArrayList<>();
            long off = 8;
            for (int i = 0; off < end && off < d.length; i++) {
                int at = (int) off;
                long tidLen = d.length >= at + 24 ? Bytes.u32(d, at + 20) : 0;
                descriptors.add(fullStatusDescriptor(d, at, i, tidLen, end));
                off += 24 + tidLen;
            }
            f.add(DecodedField.node("Full status descriptors", descriptors.size() + (descriptors.size() == 1 ? " descriptor" : " descriptors"),
                    8, (int) Math.min(addl, Math.max(0, d.length - 8)), descriptors));
            noteTruncation(f, d, end);
        }
        return f.finish();
    }

    private static DecodedField fullStatusDescriptor(byte[] d, int at, int index, long tidLen, long listEnd) {
        long descEnd = Math.min(at + 24 + tidLen, listEnd);
        FieldList f = new FieldList(d, at, at + 24);
        f.hex("Reservation key", at, 8);
        f.flag("ALL_TG_PT", at + 12, 1);
        f.flag("R_HOLDER", at + 12, 0);
        f.bitsCode("Scope", at + 13, 4, 4, FieldNames::prScope);
        f.bitsCode("Type", at + 13, 0, 4, FieldNames::prType);
        f.uint("Relative target port identifier", at + 18, 2);
        f.uint("Additional descriptor length", at + 20, 4);
        if (d.length > at + 24)
            f.add(TransportIdDecoder.decode("TransportID", d, at + 24, (int) Math.min(descEnd - at - 24, Integer.MAX_VALUE)));
        int len = (int) Math.min(descEnd, d.length) - at;
        return f.group("Descriptor " + index, "", at, len, f.finish());
    }
}
