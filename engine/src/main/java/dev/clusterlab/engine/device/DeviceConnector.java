package dev.clusterlab.engine.device;

import java.io.IOException;

/**
 * Opens real devices. The engine reaches iSCSI LUNs itself; SG_IO devices come from the device-sgio
 * module, which the application wires in (the engine never loads native code).
 */
public interface DeviceConnector {

    /**
     * Opens {@code url} as the initiator named {@code initiatorName} (iSCSI; ignored for SG_IO, whose
     * nexus is the host's port), path number {@code path} (1-based; the ISID for iSCSI).
     *
     * @throws IOException saying clearly what failed (no such device, permission, not a SCSI device, login refused)
     * @throws UnsupportedOperationException when this connector does not handle the URL's kind
     */
    OpenedDevice open(DeviceUrl url, String initiatorName, int path) throws IOException;

    /** Whether {@link #open} handles this kind of URL. */
    boolean handles(DeviceUrl url);

    /** A device opened for one I_T nexus; closing it logs out or closes the file. */
    interface OpenedDevice extends ScsiDevice, AutoCloseable {
        /** The initiator port the device sees, as "name,i,0xISID" or "host SCSI port" text. */
        String initiatorPortName();

        @Override
        void close();
    }

    /** Tries each connector in turn: the first that handles the URL opens it. */
    static DeviceConnector firstOf(DeviceConnector... connectors) {
        return new DeviceConnector() {
            @Override
            public OpenedDevice open(DeviceUrl url, String initiatorName, int path) throws IOException {
                for (DeviceConnector c : connectors) if (c.handles(url)) return c.open(url, initiatorName, path);
                throw new UnsupportedOperationException("no connector for " + url
                        + (url instanceof DeviceUrl.Sg ? " (SG_IO needs Linux and the device-sgio module)" : ""));
            }

            @Override
            public boolean handles(DeviceUrl url) {
                for (DeviceConnector c : connectors) if (c.handles(url)) return true;
                return false;
            }
        };
    }
}
