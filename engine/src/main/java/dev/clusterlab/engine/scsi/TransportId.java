package dev.clusterlab.engine.scsi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A SCSI TransportID (SPC-4 §7.6.4): the name of an initiator port as PR commands carry it.
 * Used as the identity of a registration, so it must compare by value.
 */
public sealed interface TransportId {

    /** SPC-4 protocol identifier (Table 362). */
    int protocolId();

    /** The encoded TransportID bytes. */
    byte[] encode();

    /** Human form: {@code iqn.x,i,0x23d000000001}, {@code fc.0x2100...}, {@code sas.0x5000...}. */
    String displayName();

    /** Fibre Channel N_Port name, protocol 0h, 24 bytes. */
    record FibreChannel(long nPortName) implements TransportId {
        public int protocolId() { return 0x0; }

        public byte[] encode() {
            byte[] b = new byte[24];
            Bytes.put64(b, 8, nPortName);
            return b;
        }

        public String displayName() { return String.format("fc.0x%016x", nPortName); }
    }

    /** SAS address, protocol 6h, 24 bytes. */
    record Sas(long sasAddress) implements TransportId {
        public int protocolId() { return 0x6; }

        public byte[] encode() {
            byte[] b = new byte[24];
            b[0] = 0x06;
            Bytes.put64(b, 4, sasAddress);
            return b;
        }

        public String displayName() { return String.format("sas.0x%016x", sasAddress); }
    }

    /**
     * iSCSI, protocol 5h. With an ISID (format 01b) it names one initiator port
     * ("name,i,0x&lt;ISID&gt;"); without one (format 00b) it names the initiator device.
     *
     * @param isid the 6-byte ISID as a number, or -1 for format 00b
     */
    record Iscsi(String name, long isid) implements TransportId {
        public Iscsi {
            name = name.toLowerCase(Locale.ROOT); // iSCSI names compare case-insensitively (RFC 3722)
            if (isid < -1 || isid > 0xFFFF_FFFF_FFFFL) throw new IllegalArgumentException("ISID is 48 bits");
        }

        public static Iscsi port(String name, long isid) { return new Iscsi(name, isid); }

        public static Iscsi device(String name) { return new Iscsi(name, -1); }

        public boolean hasIsid() { return isid >= 0; }

        public int protocolId() { return 0x5; }

        public byte[] encode() {
            byte[] text = displayName().getBytes(StandardCharsets.UTF_8);
            int nameLen = text.length + 1; // NUL-terminated
            int padded = Math.max(20, (nameLen + 3) & ~3); // multiple of 4, at least 20 (SPC-4 §7.6.4.6)
            byte[] b = new byte[4 + padded];
            b[0] = (byte) ((hasIsid() ? 0x40 : 0x00) | 0x05);
            Bytes.put16(b, 2, padded);
            System.arraycopy(text, 0, b, 4, text.length);
            return b;
        }

        public String displayName() {
            return hasIsid() ? String.format("%s,i,0x%012x", name, isid) : name;
        }
    }

    /** Decodes one TransportID at {@code off}; returns null if the bytes do not hold a valid one. */
    static TransportId decode(byte[] b, int off, int available) {
        if (available < 24) return null;
        int fmt = Bytes.bits(b, off, 6, 2);
        int proto = Bytes.bits(b, off, 0, 4);
        switch (proto) {
            case 0x0:
                return fmt == 0 ? new FibreChannel(Bytes.u64(b, off + 8)) : null;
            case 0x6:
                return fmt == 0 ? new Sas(Bytes.u64(b, off + 4)) : null;
            case 0x5: {
                int addl = Bytes.u16(b, off + 2);
                if (addl < 20 || addl % 4 != 0 || 4 + addl > available || fmt > 1) return null;
                int end = off + 4;
                while (end < off + 4 + addl && b[end] != 0) end++;
                if (end == off + 4 + addl) return null; // no NUL terminator
                String text = new String(b, off + 4, end - off - 4, StandardCharsets.UTF_8);
                if (fmt == 0) return text.isEmpty() || text.contains(",") ? null : Iscsi.device(text);
                int sep = text.toLowerCase(Locale.ROOT).indexOf(",i,0x");
                if (sep <= 0) return null;
                String hex = text.substring(sep + 5);
                if (hex.isEmpty() || hex.length() > 12) return null;
                try {
                    return Iscsi.port(text.substring(0, sep), Long.parseLong(hex, 16));
                } catch (IllegalArgumentException e) { // not hex, or a sign: not an ISID
                    return null;
                }
            }
            default:
                return null;
        }
    }

    /** Encoded length of the TransportID at {@code off}, or -1 when it cannot be determined. */
    static int encodedLength(byte[] b, int off, int available) {
        if (available < 4) return -1;
        if (Bytes.bits(b, off, 0, 4) == 0x5) return 4 + Bytes.u16(b, off + 2);
        return 24;
    }

}
