package dev.clusterlab.engine.device;

import dev.clusterlab.engine.scsi.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Who a logical unit is: the designators of its Device Identification VPD page (SPC-4 §7.8.6), and
 * the one ClusterLab names it by — the text a user types after {@code --arm}.
 *
 * <p>The name is the LU's (association 00b) designator, preferring NAA (type 3h, written
 * {@code naa.<hex>}), then EUI-64 (2h, {@code eui.<hex>}), then a SCSI name string (8h, as written),
 * then a T10 vendor ID (1h, {@code t10.<text>}) — the order Linux uses for {@code wwid}, so the name
 * matches {@code /sys/.../wwid} and what multipath and QEMU show.
 */
public record DeviceIdentity(String name, List<Designator> designators) {

    public DeviceIdentity {
        designators = List.copyOf(designators);
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("identity name is empty");
    }

    /** One designation descriptor (SPC-4 Table 475). */
    public record Designator(int protocolId, int codeSet, boolean piv, int association, int type, byte[] value) {
        public static final int ASSOC_LU = 0, ASSOC_TARGET_PORT = 1, ASSOC_TARGET_DEVICE = 2;
        public static final int T10_VENDOR = 1, EUI64 = 2, NAA = 3, RELATIVE_PORT = 4, PORT_GROUP = 5, SCSI_NAME = 8;

        public Designator { value = value.clone(); }

        @Override public byte[] value() { return value.clone(); }

        /** Designators compare by content (a record would compare the array's identity). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Designator d && d.protocolId == protocolId && d.codeSet == codeSet && d.piv == piv
                    && d.association == association && d.type == type && java.util.Arrays.equals(d.value, value);
        }

        @Override
        public int hashCode() { return java.util.Objects.hash(protocolId, codeSet, piv, association, type, java.util.Arrays.hashCode(value)); }

        /** The designator as text: naa./eui. hex, t10./name strings as ASCII, others as hex. */
        public String text() {
            return switch (type) {
                case NAA -> "naa." + HexFormat.of().formatHex(value);
                case EUI64 -> "eui." + HexFormat.of().formatHex(value);
                case T10_VENDOR -> "t10." + ascii(value);
                case SCSI_NAME -> ascii(value);
                case RELATIVE_PORT -> "rtpi." + (value.length >= 4 ? Bytes.u16(value, 2) : 0);
                case PORT_GROUP -> "tpg." + (value.length >= 4 ? Bytes.u16(value, 2) : 0);
                default -> "type" + type + "." + HexFormat.of().formatHex(value);
            };
        }

        private static String ascii(byte[] v) {
            int end = 0;
            while (end < v.length && v[end] != 0) end++;
            return new String(v, 0, end, StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * Parses a Device Identification VPD page (from INQUIRY EVPD=1 page 83h or {@code /sys/.../vpd_pg83}).
     * A descriptor running past the end stops the parse; descriptors before it are kept.
     *
     * @throws IllegalArgumentException when the page is not page 83h or names no LU designator
     */
    public static DeviceIdentity parseVpd83(byte[] page) {
        if (page == null || page.length < 4) throw new IllegalArgumentException("VPD page 83h is shorter than its 4-byte header");
        if (Bytes.u8(page, 1) != 0x83) throw new IllegalArgumentException(String.format("not VPD page 83h (page code %02Xh)", Bytes.u8(page, 1)));
        int end = Math.min(page.length, 4 + Bytes.u16(page, 2));
        List<Designator> list = new ArrayList<>();
        int off = 4;
        while (off + 4 <= end) {
            int len = Bytes.u8(page, off + 3);
            if (off + 4 + len > end) break;
            byte[] value = new byte[len];
            System.arraycopy(page, off + 4, value, 0, len);
            list.add(new Designator(Bytes.bits(page, off, 4, 4), Bytes.bits(page, off, 0, 4), (page[off + 1] & 0x80) != 0,
                    Bytes.bits(page, off + 1, 4, 2), Bytes.bits(page, off + 1, 0, 4), value));
            off += 4 + len;
        }
        for (int type : new int[] {Designator.NAA, Designator.EUI64, Designator.SCSI_NAME, Designator.T10_VENDOR}) {
            for (Designator d : list) {
                if (d.association() == Designator.ASSOC_LU && d.type() == type && d.value.length > 0) return new DeviceIdentity(d.text(), list);
            }
        }
        throw new IllegalArgumentException("VPD page 83h names no logical-unit designator (NAA, EUI-64, SCSI name or T10 vendor ID)");
    }

    /** Whether {@code text} (as a user types it: any case, optional "0x" after the prefix) names this identity. */
    public boolean matches(String text) {
        if (text == null) return false;
        return canonical(text).equals(canonical(name));
    }

    /** The comparable form of an identity as typed: lower case, no "0x" after naa./eui. */
    public static String canonical(String s) {
        if (s == null) return "";
        String t = s.strip().toLowerCase(Locale.ROOT);
        if ((t.startsWith("naa.") || t.startsWith("eui.")) && t.startsWith("0x", 4)) t = t.substring(0, 4) + t.substring(6);
        return t;
    }

    @Override public String toString() { return name; }
}
