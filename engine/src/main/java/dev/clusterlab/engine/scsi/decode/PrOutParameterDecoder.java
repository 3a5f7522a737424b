package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a PERSISTENT RESERVE OUT parameter list: the basic list (SPC-4 §6.16.3), with its
 * TransportID list when SPEC_I_PT=1, or the REGISTER AND MOVE list (SPC-4 §6.16.4). The CDB picks
 * the format; without a usable CDB the basic format is assumed.
 */
final class PrOutParameterDecoder {
    private PrOutParameterDecoder() {}

    private static final byte[] EMPTY = new byte[0];
    static final int BASIC_LENGTH = 24;

    static DecodedField decode(byte[] cdb, byte[] params) {
        byte[] p = params == null ? EMPTY : params;
        boolean move = cdb != null && cdb.length > 1 && (cdb[0] & 0xFF) == Opcode.PERSISTENT_RESERVE_OUT
                && (cdb[1] & 0x1F) == PrOutAction.REGISTER_AND_MOVE.code();
        long declared = cdb != null && cdb.length >= 9 && (cdb[0] & 0xFF) == Opcode.PERSISTENT_RESERVE_OUT ? Bytes.u32(cdb, 5) : -1;
        List<DecodedField> fields = move ? registerAndMove(p) : basic(p);
        String title = move ? "PR OUT parameter list (REGISTER AND MOVE)" : "PR OUT parameter list";
        DecodedField root = DecodedField.node(title, p.length + " bytes", 0, p.length, fields);
        if (declared >= 0 && declared != p.length)
            return root.withNote(Severity.NOTE, "CDB PARAMETER LIST LENGTH is " + declared + ", " + p.length + " bytes present");
        return root;
    }

    private static List<DecodedField> basic(byte[] p) {
        int tidLen = p.length >= 28 && (p[20] & 0x08) != 0 ? (int) Math.min(Bytes.u32(p, 24), Integer.MAX_VALUE - 28) : 0;
        boolean specIpt = p.length > 20 && (p[20] & 0x08) != 0;
        FieldList f = new FieldList(p, 0, specIpt ? 28 : BASIC_LENGTH);
        f.hex("Reservation key", 0, 8);
        f.hex("Service action reservation key", 8, 8);
        f.obsolete(16, 4);
        f.flag("SPEC_I_PT", 20, 3);
        f.flag("ALL_TG_PT", 20, 2);
        f.flag("APTPL", 20, 0);
        f.obsolete(22, 2);
        if (specIpt) {
            f.uint("TransportID parameter data length", 24, 4);
            if (p.length >= 28) f.add(transportIdList(p, 28, tidLen));
        } else if (p.length > BASIC_LENGTH) {
            f.annotate(f.bytes("Extra bytes", BASIC_LENGTH, p.length - BASIC_LENGTH), Severity.WARNING,
                    "SPEC_I_PT=0 lists are exactly 24 bytes (SPC-4 §6.16.1)");
        }
        return f.finish();
    }

    /** The SPEC_I_PT TransportIDs, one after another, within {@code length} bytes from {@code off}. */
    private static DecodedField transportIdList(byte[] p, int off, int length) {
        List<DecodedField> ids = new ArrayList<>();
        int end = off + length;
        int at = off;
        for (int i = 0; at < end && at < p.length; i++) {
            int len = TransportIdDecoder.length(p, at, end - at);
            ids.add(TransportIdDecoder.decode("TransportID " + i, p, at, end - at));
            if (len <= 0) break;
            at += len;
        }
        DecodedField list = DecodedField.node("TransportIDs", ids.size() + (ids.size() == 1 ? " entry" : " entries"),
                off, Math.min(length, p.length - off), ids);
        if (end > p.length)
            return list.withNote(Severity.NOTE, "truncated: list declares " + length + " bytes, " + (p.length - off) + " present");
        return list;
    }

    private static List<DecodedField> registerAndMove(byte[] p) {
        FieldList f = new FieldList(p, 0, BASIC_LENGTH);
        f.hex("Reservation key", 0, 8);
        f.hex("Service action reservation key", 8, 8);
        f.flag("UNREG", 17, 1);
        f.flag("APTPL", 17, 0);
        f.uint("Relative target port identifier", 18, 2);
        DecodedField tidLength = f.uint("TransportID length", 20, 4);
        if (tidLength.numeric().isPresent()) {
            long n = tidLength.numeric().getAsLong();
            if (n < 24 || n % 4 != 0)
                f.annotate(tidLength, Severity.WARNING, "must be at least 24 and a multiple of 4 (SPC-4 §6.16.4)");
            if (p.length > BASIC_LENGTH) f.add(TransportIdDecoder.decode("TransportID", p, BASIC_LENGTH, (int) Math.min(n, Integer.MAX_VALUE - 24)));
            else f.marker("TransportID", p.length, Severity.NOTE, "truncated: TransportID missing");
        }
        return f.finish();
    }
}
