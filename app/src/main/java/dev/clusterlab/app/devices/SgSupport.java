package dev.clusterlab.app.devices;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceUrl;
import java.io.IOException;
import java.util.List;

/**
 * The one place the command-line tools meet the SG_IO module (device-sgio): the connector for
 * {@code sg:///dev/sgN} URLs and the scan of local SCSI devices.
 */
final class SgSupport {
    /** Where Linux lists SCSI generic devices; named in the "none found" message. */
    static final String SCSI_GENERIC_DIR = "/sys/class/scsi_generic";

    private SgSupport() {}

    /** A local device as the sysfs scan sees it (one path of an LU). */
    record LocalDevice(String sgPath, String blockDevice, String vendor, String model, String identity) {}

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

    /** The local SCSI devices, one entry per path; empty when there are none (or no sysfs). */
    static List<LocalDevice> scan() throws IOException {
        return List.of();
    }
}
