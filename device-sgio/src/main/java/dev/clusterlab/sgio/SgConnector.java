package dev.clusterlab.sgio;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.sgio.linux.LinuxCalls;
import dev.clusterlab.sgio.sysfs.ScsiAddress;
import dev.clusterlab.sgio.sysfs.SysfsDevices;
import java.io.IOException;
import java.util.Optional;

/**
 * Opens {@code sg:///dev/sgN} and {@code sg:///dev/sdX} URLs as {@link SgDevice}s. The initiator name
 * and path number are ignored: a local device is reached through the host's own SCSI port, which is
 * the same I_T nexus for every opener (two node paths on one machine need two HBA ports, i.e. two
 * device nodes). The port is named from sysfs when known, e.g. "host2 (/dev/sg3)".
 */
public final class SgConnector implements DeviceConnector {
    private final LinuxCalls calls;
    private final SysfsDevices sysfs;
    private final SgDevice.Options options;

    /** The C library, /sys, default options. */
    public SgConnector() { this(null, new SysfsDevices(), SgDevice.Options.DEFAULT); }

    /**
     * @param calls the system calls, or null for the C library (loaded on first open)
     * @param sysfs where to look up the SCSI host a device hangs off
     */
    public SgConnector(LinuxCalls calls, SysfsDevices sysfs, SgDevice.Options options) {
        this.calls = calls;
        this.sysfs = sysfs;
        this.options = options;
    }

    @Override
    public boolean handles(DeviceUrl url) { return url instanceof DeviceUrl.Sg; }

    @Override
    public OpenedDevice open(DeviceUrl url, String initiatorName, int path) throws IOException {
        if (!(url instanceof DeviceUrl.Sg sg)) throw new UnsupportedOperationException("not an sg URL: " + url);
        String devicePath = sg.devicePath();
        LinuxCalls c = calls != null ? calls : SgDevice.libc(devicePath);
        return SgDevice.open(c, devicePath, options, portName(devicePath));
    }

    /** "host2 (/dev/sg3)", with the iSCSI initiator name or FC WWPN when sysfs has it; a generic name otherwise. */
    String portName(String devicePath) {
        Optional<ScsiAddress> address = sysfs.addressOf(devicePath);
        if (address.isEmpty()) return "local SCSI port (" + devicePath + ")";
        int host = address.get().host();
        return address.get().hostName() + sysfs.hostPortName(host).map(n -> " " + n).orElse("") + " (" + devicePath + ")";
    }
}
