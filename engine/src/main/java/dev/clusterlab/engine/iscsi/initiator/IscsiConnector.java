package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import java.io.IOException;

/**
 * Opens iSCSI LUNs for the lab: path {@code n} of an initiator speaks with ISID
 * {@code 0x4000000000nn} (see {@link InitiatorIdentity#forNodePath}), so every node path is its own
 * I_T nexus and reconnecting reaches the same one.
 */
public final class IscsiConnector implements DeviceConnector {
    private final InitiatorSettings settings;

    public IscsiConnector(InitiatorSettings settings) { this.settings = settings; }

    public IscsiConnector() { this(InitiatorSettings.DEFAULT); }

    @Override
    public boolean handles(DeviceUrl url) { return url instanceof DeviceUrl.Iscsi; }

    @Override
    public OpenedDevice open(DeviceUrl url, String initiatorName, int path) throws IOException {
        if (!(url instanceof DeviceUrl.Iscsi iscsi)) throw new UnsupportedOperationException("not an iSCSI URL: " + url);
        return open(iscsi.url(), new InitiatorIdentity(initiatorName, 0x4000_0000_0000L | (path & 0xFFFF)));
    }

    /** Logs in to {@code url} as exactly {@code identity} (any ISID, e.g. a support engineer's --isid). */
    public OpenedDevice open(IscsiUrl url, InitiatorIdentity identity) throws IOException {
        return new OpenedSession(IscsiSession.open(url, identity, settings));
    }

    /** The session as an opened device; {@link #close} logs out politely, then drops the connection. */
    private record OpenedSession(IscsiSession session) implements OpenedDevice {
        @Override public ScsiResponse execute(ScsiRequest request) { return session.execute(request); }
        @Override public String describe() { return session.describe(); }
        @Override public String initiatorPortName() { return session.identity().portName(); }

        @Override
        public void close() {
            try {
                session.logout();
            } catch (IOException | RuntimeException e) {
                // The target may already be gone; closing the channel below is all that is left to do.
            } finally {
                session.close();
            }
        }
    }
}
