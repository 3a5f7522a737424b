package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.scsi.AscNames;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.TransportId;

/**
 * Prints PR results the way sg_persist (sg3_utils) prints them, so support engineers can compare a
 * lab transcript line by line with what they collected from a customer.
 */
public final class SgPersistFormat {
    private SgPersistFormat() {}

    /** sg_persist's name for a TYPE value, including the obsolete ones. */
    public static String typeName(int type) {
        PrType t = PrType.fromCode(type);
        if (t != null) return t.label();
        return (type == 0 || type == 2 || type == 4) ? "obsolete [" + type + "]" : "reserved [0x" + Integer.toHexString(type) + "]";
    }

    /** Formats a GOOD PR IN response. Truncated data is printed as far as it goes. */
    public static String formatPrIn(PrInAction action, byte[] d) {
        StringBuilder out = new StringBuilder();
        if (action == PrInAction.REPORT_CAPABILITIES) {
            if (d.length < 6) return "Unexpected response for PRIN Report Capabilities\n";
            out.append("Report capabilities response:\n");
            line(out, "  Replace Lost Reservation Capable(RLR_C): ", Bytes.bit(d, 2, 7));
            line(out, "  Compatible Reservation Handling(CRH): ", Bytes.bit(d, 2, 4));
            line(out, "  Specify Initiator Ports Capable(SIP_C): ", Bytes.bit(d, 2, 3));
            line(out, "  All Target Ports Capable(ATP_C): ", Bytes.bit(d, 2, 2));
            line(out, "  Persist Through Power Loss Capable(PTPL_C): ", Bytes.bit(d, 2, 0));
            line(out, "  Type Mask Valid(TMV): ", Bytes.bit(d, 3, 7));
            out.append("  Allow Commands: ").append(Bytes.bits(d, 3, 4, 3)).append('\n');
            line(out, "  Persist Through Power Loss Active(PTPL_A): ", Bytes.bit(d, 3, 0));
            if (Bytes.bit(d, 3, 7)) {
                out.append("    Support indicated in Type mask:\n");
                line(out, "      " + typeName(7) + ": ", Bytes.bit(d, 4, 7));
                line(out, "      " + typeName(6) + ": ", Bytes.bit(d, 4, 6));
                line(out, "      " + typeName(5) + ": ", Bytes.bit(d, 4, 5));
                line(out, "      " + typeName(3) + ": ", Bytes.bit(d, 4, 3));
                line(out, "      " + typeName(1) + ": ", Bytes.bit(d, 4, 1));
                line(out, "      " + typeName(8) + ": ", Bytes.bit(d, 5, 0));
            }
            return out.toString();
        }
        if (d.length < 8) return "  (response shorter than its 8-byte header: " + d.length + " bytes)\n";
        long gen = Bytes.u32(d, 0);
        long addLen = Bytes.u32(d, 4);
        int avail = (int) Math.min(addLen, d.length - 8L);
        switch (action) {
            case READ_KEYS -> {
                out.append("  PR generation=0x").append(Long.toHexString(gen)).append(", ");
                long num = addLen / 8;
                if (num == 0) return out.append("there are NO registered reservation keys\n").toString();
                out.append(num == 1 ? "1 registered reservation key follows:\n" : num + " registered reservation keys follow:\n");
                for (int off = 8; off + 8 <= 8 + avail; off += 8) out.append("    0x").append(Long.toHexString(Bytes.u64(d, off))).append('\n');
                if (avail < addLen) out.append("    (").append(addLen - avail).append(" more bytes not returned: allocation length too small)\n");
            }
            case READ_RESERVATION -> {
                out.append("  PR generation=0x").append(Long.toHexString(gen)).append(", ");
                if (addLen < 16) return out.append("there is NO reservation held\n").toString();
                out.append("Reservation follows:\n");
                if (d.length < 24) return out.append("    (truncated)\n").toString();
                out.append("    Key=0x").append(Long.toHexString(Bytes.u64(d, 8))).append('\n');
                scopeType(out, "    ", d[21]);
            }
            case READ_FULL_STATUS -> {
                out.append("  PR generation=0x").append(Long.toHexString(gen)).append('\n');
                if (addLen == 0) out.append("  No full status descriptors\n"); // sg_persist.c prin_work()
                int off = 8;
                while (off + 24 <= 8 + avail) {
                    int descLen = (int) Math.min(Bytes.u32(d, off + 20), Integer.MAX_VALUE - 64);
                    out.append("    Key=0x").append(Long.toHexString(Bytes.u64(d, off))).append('\n');
                    if (Bytes.bit(d, off + 12, 1)) out.append("      All target ports bit set\n");
                    else out.append("      All target ports bit clear\n      Relative port address: 0x")
                            .append(Integer.toHexString(Bytes.u16(d, off + 18))).append('\n');
                    if (Bytes.bit(d, off + 12, 0)) {
                        out.append("      << Reservation holder >>\n");
                        scopeType(out, "      ", d[off + 13]);
                    } else {
                        out.append("      not reservation holder\n");
                    }
                    int tidAvail = Math.min(descLen, d.length - off - 24);
                    if (descLen > 0) transportId(out, d, off + 24, tidAvail);
                    off += 24 + descLen;
                }
            }
            default -> throw new IllegalArgumentException(action.toString());
        }
        return out.toString();
    }

    private static void transportId(StringBuilder out, byte[] d, int off, int len) {
        out.append("      Transport Id of initiator:\n");
        TransportId id = len > 0 ? TransportId.decode(d, off, len) : null;
        switch (id) {
            case null -> out.append("        (undecodable TransportID, ").append(len).append(" bytes)\n");
            case TransportId.Iscsi i -> out.append(i.hasIsid() ? "        iSCSI world wide unique port id: " : "        iSCSI name: ")
                    .append(i.displayName()).append('\n');
            case TransportId.FibreChannel fc -> out.append("        FCP-2 World Wide Name:\n         ")
                    .append(String.format(" %016x", fc.nPortName())).append('\n');
            case TransportId.Sas sas -> out.append("        SAS address: 0x").append(Long.toHexString(sas.sasAddress())).append('\n');
        }
    }

    private static void scopeType(StringBuilder out, String indent, byte scopeType) {
        int scope = (scopeType >> 4) & 0xF, type = scopeType & 0xF;
        out.append(indent).append(scope == 0 ? "scope: LU_SCOPE, " : "scope: " + scope + " ")
                .append(" type: ").append(typeName(type)).append('\n');
    }

    private static void line(StringBuilder out, String label, boolean bit) { out.append(label).append(bit ? 1 : 0).append('\n'); }

    /** sg_persist's verbose confirmation, or its failure message with the status and sense spelled out. */
    public static String formatPrOut(PrOutAction action, ScsiResponse r) {
        if (r.isGood()) return "PR out: command (" + prettyAction(action) + ") successful\n";
        return "Persistent reserve out command failed: " + describeFailure(r) + "\n";
    }

    /** One line for a non-GOOD response: status, and for CHECK CONDITION the sense key and ASC/ASCQ with names. */
    public static String describeFailure(ScsiResponse r) {
        if (r.status() == ScsiStatus.CHECK_CONDITION) {
            return "CHECK CONDITION, " + r.sense().key().label() + String.format(", asc=%02Xh ascq=%02Xh (", r.sense().asc(), r.sense().ascq())
                    + AscNames.describe(r.sense().asc(), r.sense().ascq()) + ")";
        }
        return r.status().label();
    }

    private static String prettyAction(PrOutAction a) {
        String l = a.label().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }
}
