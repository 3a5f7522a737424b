package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.OpcodeNames;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;

/**
 * One-line command summaries in sg_persist style, for the sequence diagram:
 * {@code PR OUT PREEMPT AND ABORT rk=0xb sark=0xa type=5 (WERO)}, {@code READ(10) lba=2048 len=8},
 * {@code PR IN READ KEYS alloc=16384}. Other commands list their main CDB fields.
 */
final class CommandSummary {
    private CommandSummary() {}

    static String summarize(byte[] cdb, byte[] dataOut) {
        if (cdb == null || cdb.length == 0) return "(empty CDB)";
        int op = cdb[0] & 0xFF;
        if (op == Opcode.PERSISTENT_RESERVE_OUT && cdb.length >= 3) return prOut(cdb, dataOut == null ? new byte[0] : dataOut);
        if (op == Opcode.PERSISTENT_RESERVE_IN && cdb.length >= 2) return prIn(cdb);
        return fromFields(cdb);
    }

    private static String prIn(byte[] cdb) {
        PrInAction a = PrInAction.fromCode(cdb[1] & 0x1F);
        StringBuilder sb = new StringBuilder("PR IN ").append(a != null ? a.label() : "SA " + Bytes.hexByte(cdb[1] & 0x1F) + "h");
        if (cdb.length >= 9) sb.append(" alloc=").append(Bytes.u16(cdb, 7));
        return sb.toString();
    }

    private static String prOut(byte[] cdb, byte[] p) {
        int sa = cdb[1] & 0x1F;
        PrOutAction a = PrOutAction.fromCode(sa);
        StringBuilder sb = new StringBuilder("PR OUT ").append(a != null ? a.label() : "SA " + Bytes.hexByte(sa) + "h");
        boolean move = a == PrOutAction.REGISTER_AND_MOVE;
        if (p.length >= 16) {
            if (a != PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY) sb.append(" rk=0x").append(Long.toHexString(Bytes.u64(p, 0)));
            if (usesSark(a)) sb.append(" sark=0x").append(Long.toHexString(Bytes.u64(p, 8)));
        } else {
            sb.append(" params=").append(p.length).append("B");
        }
        int scope = (cdb[2] & 0xFF) >>> 4, type = cdb[2] & 0xF;
        if (usesType(a)) {
            PrType t = PrType.fromCode(type);
            sb.append(" type=").append(type);
            if (t != null) sb.append(" (").append(t.shortName()).append(')');
        }
        if (scope != 0) sb.append(" scope=").append(scope);
        if (move) {
            if (p.length >= 24) {
                sb.append(" rtpi=").append(Bytes.u16(p, 18));
                sb.append(" tid=").append(TransportIdDecoder.shortName(p, 24, p.length - 24));
                if ((p[17] & 0x02) != 0) sb.append(" unreg");
                if ((p[17] & 0x01) != 0) sb.append(" aptpl");
            }
        } else if (p.length >= 21) {
            if ((p[20] & 0x08) != 0) {
                sb.append(" spec_i_pt");
                if (p.length > 28) sb.append(" tids=").append(tids(p));
            }
            if ((p[20] & 0x04) != 0) sb.append(" all_tg_pt");
            if ((p[20] & 0x01) != 0) sb.append(" aptpl");
        }
        return sb.toString();
    }

    private static String tids(byte[] p) {
        StringBuilder sb = new StringBuilder("[");
        long end = Math.min(p.length, 28 + Bytes.u32(p, 24));
        int at = 28;
        while (at < end) {
            if (at > 28) sb.append(", ");
            int len = TransportIdDecoder.length(p, at, (int) end - at);
            sb.append(TransportIdDecoder.shortName(p, at, (int) end - at));
            if (len <= 0) break;
            at += len;
        }
        return sb.append(']').toString();
    }

    private static boolean usesSark(PrOutAction a) {
        return a == PrOutAction.REGISTER || a == PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY || a == PrOutAction.PREEMPT
                || a == PrOutAction.PREEMPT_AND_ABORT || a == PrOutAction.REGISTER_AND_MOVE || a == PrOutAction.REPLACE_LOST_RESERVATION;
    }

    private static boolean usesType(PrOutAction a) {
        return a == PrOutAction.RESERVE || a == PrOutAction.RELEASE || a == PrOutAction.PREEMPT
                || a == PrOutAction.PREEMPT_AND_ABORT || a == PrOutAction.REPLACE_LOST_RESERVATION;
    }

    /** The command name and its main decoded CDB fields, e.g. "READ(10) lba=2048 len=8 fua". */
    private static String fromFields(byte[] cdb) {
        StringBuilder sb = new StringBuilder(OpcodeNames.name(cdb));
        boolean sixByteRw = (cdb[0] & 0xFF) == Opcode.READ_6 || (cdb[0] & 0xFF) == Opcode.WRITE_6;
        for (DecodedField f : CdbDecoder.decode(cdb).children()) {
            if (f.numeric().isEmpty()) continue;
            long v = f.numeric().getAsLong();
            String key = switch (f.name()) {
                case "Logical block address", "Starting logical block address" -> "lba";
                case "Transfer length", "Verification length", "Number of logical blocks", "Prefetch length" -> "len";
                case "Allocation length" -> "alloc";
                case "Parameter list length" -> "plen";
                case "Page code" -> "page";
                case "Page control" -> "pc";
                case "Subpage code" -> v != 0 ? "subpage" : null;
                case "Reporting options" -> "opts";
                case "Requested operation code" -> "op";
                case "Select report" -> "select";
                case "FUA", "DPO", "IMMED", "UNMAP", "EVPD", "DBD", "BYTCHK", "PF", "SP", "START", "LOEJ", "NDOB", "ANCHOR" -> v != 0 ? "" : null;
                default -> null;
            };
            if (key == null) continue;
            if (key.isEmpty()) {
                sb.append(' ').append(f.name().toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            if (key.equals("len") && sixByteRw && v == 0) v = 256; // SBC-3 §5.8: 0 means 256 blocks
            sb.append(' ').append(key).append('=');
            if (key.equals("page") || key.equals("op")) sb.append("0x").append(Long.toHexString(v));
            else sb.append(v);
        }
        return sb.toString();
    }
}
