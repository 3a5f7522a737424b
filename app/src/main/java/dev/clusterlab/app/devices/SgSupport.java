package dev.clusterlab.app.devices;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.sgio.SgConnector;
import dev.clusterlab.sgio.SgDeviceException;
import dev.clusterlab.sgio.sysfs.LocalScsiDevice;
import dev.clusterlab.sgio.sysfs.SameLun;
import dev.clusterlab.sgio.sysfs.SysfsDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    static DeviceConnector connector() { return new SgConnector(); }

    /**
     * The exit status for a device that could not be opened: as sg3_utils' sg_convert_errno() when the
     * SG_IO layer knows the errno (50 + errno for errno 1..46, else 50), otherwise File error (15).
     */
    static int openFailureStatus(Throwable failure) {
        if (failure instanceof SgDeviceException e && e.errno() > 0) return e.errno() < 47 ? 50 + e.errno() : 50;
        return SgExitStatus.FILE_ERROR;
    }

    /** Where Linux lists SCSI generic devices under {@code sysfsRoot}; named in the "none found" message. */
    static Path scsiGenericDir(Path sysfsRoot) { return sysfsRoot.resolve("class").resolve("scsi_generic"); }

    /**
     * The local SCSI devices under {@code sysfsRoot} (normally /sys), grouped by LU. A missing
     * scsi_generic directory is not a problem worth a note: it just means there are none.
     */
    static Scan scan(Path sysfsRoot) {
        SysfsDevices.Scan scan = new SysfsDevices(sysfsRoot).scan();
        List<String> problems = Files.isDirectory(scsiGenericDir(sysfsRoot)) ? scan.problems() : List.of();
        List<LocalLu> units = new ArrayList<>();
        for (SameLun lun : SysfsDevices.groupByLun(scan.devices())) {
            List<LocalPath> paths = new ArrayList<>();
            for (LocalScsiDevice d : lun.paths())
                paths.add(new LocalPath(d.sgPath(), d.blockPath().orElse(null), d.vendor(), d.model(), d.typeName()));
            String identity = lun.paths().get(0).identity().map(i -> i.name()).orElse(null);
            units.add(new LocalLu(identity, paths));
        }
        return new Scan(units, problems);
    }
}
