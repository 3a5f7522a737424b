package dev.clusterlab.app.devices;

import dev.clusterlab.engine.scsi.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The value of {@code --transport-id}, read the way sg_persist's build_transportid() and
 * decode_sym_transportid() read it (src/sg_persist.c): a symbolic iSCSI name {@code iqn...}
 * (format 00b) or port {@code iqn...,i,0x<ISID>} (format 01b), {@code sas,<16 hex>},
 * {@code fcp,<16 hex>}, or the TransportID's bytes in hex separated by commas or spaces. The
 * result is the TransportID as it goes into the parameter list (SPC-4 §7.6.4), sized as
 * sg_persist's compact_transportid_array() sizes it.
 */
public final class TransportIdArgument {
    private static final int PROTO_FCP = 0x0, PROTO_ISCSI = 0x5, PROTO_SAS = 0x6;
    private static final int MIN_LEN = 24, MAX_LEN = 256;

    private TransportIdArgument() {}

    /** Thrown with sg_persist's diagnostic; the caller adds "bad argument to '--transport-id'". */
    public static final class BadTransportId extends Exception {
        BadTransportId(String message) { super(message); }
    }

    public static byte[] parse(String text) throws BadTransportId {
        if (text.startsWith("-") || text.regionMatches(true, 0, "file=", 0, 5))
            throw new BadTransportId("reading TransportIDs from a file or stdin is not supported; give one on the command line");
        byte[] tid = new byte[MAX_LEN];
        if (symbolic(text, tid)) return compact(tid);
        int k = 0;
        while (k < text.length() && "0123456789aAbBcCdDeEfF, ".indexOf(text.charAt(k)) >= 0) k++;
        if (k != text.length()) throw new BadTransportId("build_transportid: error at pos " + (k + 1));
        int n = 0, pos = 0;
        while (pos < text.length()) {
            int end = pos;
            while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != ' ') end++;
            String hex = text.substring(pos, end);
            if (hex.isEmpty()) throw new BadTransportId("build_transportid: error at pos " + (pos + 1));
            if (hex.length() > 8 || Long.parseLong(hex, 16) > 0xFF)
                throw new BadTransportId("build_transportid: hex number larger than 0xff at pos " + (pos + 1));
            int v = Integer.parseInt(hex, 16);
            if (n >= MAX_LEN) throw new BadTransportId("build_transportid: array length exceeded");
            tid[n++] = (byte) v;
            pos = end + 1;
        }
        return compact(tid);
    }

    /** compact_transportid_array(): iSCSI IDs are as long as their ADDITIONAL LENGTH says (at least 24), others 24. */
    private static byte[] compact(byte[] tid) {
        int len = (tid[0] & 0xF) == PROTO_ISCSI ? Math.max(MIN_LEN, Bytes.u16(tid, 2) + 4) : MIN_LEN;
        return Arrays.copyOf(tid, Math.min(len, MAX_LEN));
    }

    private static boolean symbolic(String s, byte[] tid) throws BadTransportId {
        if (s.startsWith("iqn.")) {
            int space = indexOfAny(s, " \t");
            int len = space < 0 ? s.length() : space;
            int isid = s.indexOf(",i,0x");
            boolean port = isid >= 0 && (space < 0 || isid < space);
            byte[] name = s.substring(0, len).getBytes(StandardCharsets.UTF_8);
            int alen = name.length + 1; // at least one trailing NUL
            if (alen < 20) alen = 20;
            else if (alen % 4 != 0) alen = (alen / 4 + 1) * 4;
            if (alen > 241) throw new BadTransportId("iSCSI name too long, alen=" + alen);
            tid[0] = (byte) (PROTO_ISCSI | (port ? 0x40 : 0));
            tid[3] = (byte) alen;
            System.arraycopy(name, 0, tid, 4, name.length);
            return true;
        }
        if (s.regionMatches(true, 0, "sas,", 0, 4)) {
            tid[0] = PROTO_SAS;
            hex16(s.substring(4), tid, 4, "SAS");
            return true;
        }
        if (s.regionMatches(true, 0, "fcp,", 0, 4)) {
            tid[0] = PROTO_FCP;
            hex16(s.substring(4), tid, 8, "FCP");
            return true;
        }
        return false;
    }

    private static void hex16(String s, byte[] tid, int off, String what) throws BadTransportId {
        int k = 0;
        while (k < s.length() && Character.digit(s.charAt(k), 16) >= 0) k++;
        if (k != 16) throw new BadTransportId("badly formed symbolic " + what + " TransportID: " + s);
        for (int i = 0; i < 8; i++) tid[off + i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }
}
