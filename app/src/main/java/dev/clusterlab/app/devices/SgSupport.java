package dev.clusterlab.app.devices;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place the command-line tools meet the SG_IO module (device-sgio): the connector for
 * {@code sg:///dev/sgN} URLs and the scan of local SCSI devices.
 */
final class SgSupport {
    private SgSupport() {}

    /** One path to a local LU: its sg node, block device (when a disk driver is bound), INQUIRY strings. */
    record LocalPath(String sgPath, String blockPath, String vendor, String model, String type) {}

    /** The paths that lead to one LU (same VPD 83h identity), and the identity --arm expects (null when none). */
    record LocalLu(String identity, List<LocalPath> paths) {}

    /** What a scan found, and what it could not read (one sentence each). */
    record Scan(List<LocalLu> units, List<String> problems) {}

    static DeviceConnector connector() {
        return new DeviceConnector() {
            @Override
            public OpenedDevice open(DeviceUrl url, String initiatorName, int path) throws IOException {
                throw new IOException("SG_IO support is not built in to this ClusterLab; use an iscsi:// URL");
            }

            @Override
            public boolean handles(DeviceUrl url) { return url instanceof DeviceUrl.Sg; }
        };
    }

    /** Where Linux lists SCSI generic devices under {@code sysfsRoot}; named in the "none found" message. */
    static Path scsiGenericDir(Path sysfsRoot) { return sysfsRoot.resolve("class").resolve("scsi_generic"); }

    /** The local SCSI devices under {@code sysfsRoot} (normally /sys), grouped by LU. */
    static Scan scan(Path sysfsRoot) {
        return new Scan(List.of(), List.of());
    }
}
