package dev.clusterlab.app.devices;

import dev.clusterlab.engine.device.DeviceIdentity;
import dev.clusterlab.engine.device.DeviceIdentity.Designator;
import dev.clusterlab.engine.device.ScsiDevice;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What {@code clusterlab devices URL} reports about one LU, read with read-only commands only:
 * standard INQUIRY (SPC-4 §6.6.2), READ CAPACITY(16) falling back to (10) (SBC-3 §5.16, §5.15),
 * Unit Serial Number VPD 80h (SPC-4 §7.8.17) and Device Identification VPD 83h (§7.8.6).
 *
 * @param capacityBlocks number of logical blocks, or -1 when READ CAPACITY failed
 * @param serial the unit serial number, or null when the page is not supported
 * @param identity the identity and all designators, or null when VPD 83h names no LU designator
 */
record LuReport(String vendor, String product, String revision, int peripheralType, long capacityBlocks, long blockLength,
                String serial, DeviceIdentity identity, String initiatorPort) {

    static LuReport read(ScsiDevice device, DeviceIdentity identity, String initiatorPort) {
        byte[] inq = dataOrEmpty(device.execute(new ScsiRequest(Cdbs.inquiry(96), null, 96)));
        byte[] std = java.util.Arrays.copyOf(inq, Math.max(inq.length, 36));
        long blocks = -1, blockLength = 0;
        byte[] rc16 = dataOrEmpty(device.execute(new ScsiRequest(Cdbs.readCapacity16(32), null, 32)));
        if (rc16.length >= 12) {
            blocks = Bytes.u64(rc16, 0) + 1;
            blockLength = Bytes.u32(rc16, 8);
        } else {
            byte[] rc10 = dataOrEmpty(device.execute(new ScsiRequest(Cdbs.readCapacity10(), null, 8)));
            if (rc10.length >= 8) {
                blocks = Bytes.u32(rc10, 0) + 1;
                blockLength = Bytes.u32(rc10, 4);
            }
        }
        byte[] vpd80 = dataOrEmpty(device.execute(new ScsiRequest(Cdbs.inquiry(true, 0x80, 252), null, 252)));
        String serial = vpd80.length >= 4 && (vpd80[1] & 0xFF) == 0x80
                ? text(vpd80, 4, Math.min(Bytes.u16(vpd80, 2), vpd80.length - 4)) : null;
        return new LuReport(text(std, 8, 8), text(std, 16, 16), text(std, 32, 4), inq.length > 0 ? std[0] & 0x1F : 0x1F,
                blocks, blockLength, serial, identity, initiatorPort);
    }

    private static byte[] dataOrEmpty(ScsiResponse r) { return r.isGood() && r.dataIn() != null ? r.dataIn() : new byte[0]; }

    private static String text(byte[] d, int off, int len) {
        int end = off;
        while (end < off + len && end < d.length && d[end] != 0) end++;
        return new String(d, off, Math.max(0, end - off), StandardCharsets.ISO_8859_1).strip();
    }

    /** The report as printed, one "  Label: value" line each, designators indented below. */
    String render(String url) {
        StringBuilder s = new StringBuilder(url).append('\n');
        s.append("  Vendor:        ").append(vendor).append('\n');
        s.append("  Product:       ").append(product).append('\n');
        s.append("  Revision:      ").append(revision).append('\n');
        s.append("  Device type:   ").append(SgText.peripheralType(peripheralType))
                .append(" (peripheral device type ").append(peripheralType).append(")\n");
        s.append("  Capacity:      ");
        if (capacityBlocks < 0) s.append("unknown (READ CAPACITY failed)\n");
        else s.append(capacityBlocks).append(" blocks of ").append(blockLength).append(" bytes (")
                .append(size(capacityBlocks * blockLength)).append(")\n");
        s.append("  Serial number: ").append(serial == null ? "(VPD page 80h not supported)" : serial).append('\n');
        if (identity == null) {
            s.append("  Identity:      none (VPD page 83h names no logical-unit designator; this device cannot be armed)\n");
        } else {
            s.append("  Identity:      ").append(identity.name()).append("   (state-changing commands need --arm ")
                    .append(identity.name()).append(")\n");
            s.append("  Designators (VPD page 83h):\n");
            for (Designator d : identity.designators())
                s.append("    ").append(d.text()).append("   [").append(association(d.association())).append(", ")
                        .append(typeName(d.type())).append("]\n");
        }
        s.append("  Initiator port: ").append(initiatorPort).append('\n');
        return s.toString();
    }

    private static String association(int a) {
        return switch (a) {
            case Designator.ASSOC_LU -> "logical unit";
            case Designator.ASSOC_TARGET_PORT -> "target port";
            case Designator.ASSOC_TARGET_DEVICE -> "target device";
            default -> "reserved association";
        };
    }

    /** SPC-4 Table 477 designator types. */
    private static String typeName(int t) {
        List<String> names = List.of("vendor specific", "T10 vendor ID", "EUI-64", "NAA", "relative target port",
                "target port group", "logical unit group", "MD5 logical unit identifier", "SCSI name string", "protocol specific port",
                "UUID");
        return t < names.size() ? names.get(t) : "reserved type " + t;
    }

    private static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
