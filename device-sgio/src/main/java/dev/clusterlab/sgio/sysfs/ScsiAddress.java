package dev.clusterlab.sgio.sysfs;

import java.util.Optional;

/** A Linux SCSI device address, host:channel:target:lun, as sysfs names the scsi_device directory. */
public record ScsiAddress(int host, int channel, int target, long lun) {

    /** Parses "2:0:0:1"; empty when the text is not four non-negative numbers. */
    public static Optional<ScsiAddress> parse(String text) {
        if (text == null) return Optional.empty();
        String[] p = text.strip().split(":", -1);
        if (p.length != 4) return Optional.empty();
        try {
            ScsiAddress a = new ScsiAddress(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Long.parseLong(p[3]));
            return a.host >= 0 && a.channel >= 0 && a.target >= 0 && a.lun >= 0 ? Optional.of(a) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "host2": the SCSI host (HBA port or iSCSI session) the device hangs off. */
    public String hostName() { return "host" + host; }

    @Override
    public String toString() { return host + ":" + channel + ":" + target + ":" + lun; }
}
