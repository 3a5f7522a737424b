package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import java.io.IOException;

/**
 * What a simulation needs to reach real disks: a connector, the user's {@link Arming} and the
 * audit log. Every real path is wrapped in a safety guard built from these.
 */
public record RealDevices(DeviceConnector connector, Arming arming, AuditLog audit) {

    /** For simulations that must not reach real devices: opening one fails, saying how to run the scenario instead. */
    public static final RealDevices UNAVAILABLE = new RealDevices(new DeviceConnector() {
        @Override
        public OpenedDevice open(DeviceUrl url, String initiatorName, int path) throws IOException {
            throw new IOException("real devices are not attached here (" + url + "): run the scenario with `clusterlab run` or open it in"
                    + " the lab window, which attach to them read-only unless armed");
        }

        @Override
        public boolean handles(DeviceUrl url) { return true; }
    }, new Arming(), new AuditLog.InMemory());
}
