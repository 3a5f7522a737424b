package dev.clusterlab.sgio.sysfs;

import dev.clusterlab.engine.device.DeviceIdentity;
import dev.clusterlab.engine.device.DeviceUrl;
import java.util.List;
import java.util.Optional;

/**
 * One local SCSI device path as sysfs describes it: an sg node, the H:C:T:L it reaches, the standard
 * INQUIRY strings and what the kernel cached of VPD pages 80h and 83h.
 *
 * @param sgName e.g. "sg3"
 * @param peripheralType the peripheral device type (SPC-4 §6.6.2, 0 = disk), or -1 when unreadable
 * @param blockDevice e.g. "sdb" when a block driver is bound (disks)
 * @param serial the unit serial number (VPD 80h)
 * @param identity the device identification (VPD 83h) and the name {@code --arm} expects
 * @param wwid the kernel's world-wide identifier text
 * @param problems what could not be read, one sentence each; empty when everything was there
 */
public record LocalScsiDevice(String sgName, ScsiAddress address, int peripheralType, String vendor, String model,
                              String revision, String state, Optional<String> blockDevice, Optional<String> serial,
                              Optional<DeviceIdentity> identity, Optional<String> wwid, List<String> problems) {

    public LocalScsiDevice {
        problems = List.copyOf(problems);
    }

    /** "/dev/sg3". */
    public String sgPath() { return "/dev/" + sgName; }

    /** The URL a scenario or {@code clusterlab persist} opens this path with: {@code sg:///dev/sg3}. */
    public DeviceUrl.Sg url() { return new DeviceUrl.Sg(sgPath()); }

    /** "/dev/sdb" when a block device exists. */
    public Optional<String> blockPath() { return blockDevice.map(b -> "/dev/" + b); }

    /**
     * What identifies the LU across paths: the VPD 83h name, else the kernel's wwid; empty when
     * neither is known (such a device is never grouped with another).
     */
    public Optional<String> lunKey() {
        if (identity.isPresent()) return Optional.of(identity.get().name());
        return wwid;
    }

    /** SPC-4 Table 135 names for the common peripheral device types. */
    public String typeName() {
        return switch (peripheralType) {
            case 0x00 -> "disk";
            case 0x01 -> "tape";
            case 0x05 -> "cd/dvd";
            case 0x07 -> "optical memory";
            case 0x08 -> "medium changer";
            case 0x0C -> "storage array controller";
            case 0x0D -> "enclosure services";
            case 0x0E -> "simplified direct-access";
            case 0x11 -> "object storage";
            case 0x1E -> "well known LU";
            case -1 -> "unknown";
            default -> "type 0x" + Integer.toHexString(peripheralType);
        };
    }
}
