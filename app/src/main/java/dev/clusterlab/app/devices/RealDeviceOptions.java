package dev.clusterlab.app.devices;

import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.FileAuditLog;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command that may reach real disks shares (a picocli mixin): which devices the
 * user arms, whether data writes are allowed, and where the audit log goes.
 */
public final class RealDeviceOptions {
    /** The lab's sessions give up quickly: a simulation waits on every real command. */
    private static final InitiatorSettings LAB_SETTINGS = InitiatorSettings.DEFAULT.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));

    @Option(names = "--arm", paramLabel = "IDENTITY",
            description = "Arm the real device with this identity (naa.<hex> or eui.<hex>, as `clusterlab devices URL` prints it) so that"
                    + " reservation commands reach it; repeat for several devices. Without it real devices are read-only.")
    private List<String> arm = new ArrayList<>();

    @Option(names = "--allow-data-writes",
            description = "Let data-block writes (WRITE, WRITE SAME, UNMAP, ...) reach the armed devices as well.")
    private boolean allowDataWrites;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Where every state-changing command sent to (or refused for) a real device is logged"
                    + " (default: $CLUSTERLAB_AUDIT_LOG, else $XDG_STATE_HOME/clusterlab/audit.log, else ~/.local/state/clusterlab/audit.log).")
    private Path auditLog;

    /** A problem with the options themselves, or null. */
    public String validate() {
        if (allowDataWrites && arm.isEmpty()) return "--allow-data-writes needs --arm IDENTITY: data writes go only to armed devices";
        for (String a : arm) if (!a.contains(".")) return "--arm expects a device identity such as naa.6001405abc..., got '" + a + "'";
        return null;
    }

    public List<String> armed() { return List.copyOf(arm); }

    public boolean allowDataWrites() { return allowDataWrites; }

    public Path auditLogPath() { return auditLog != null ? auditLog : FileAuditLog.defaultPath(); }

    /** The arming the user asked for on the command line. */
    public Arming arming() {
        Arming arming = new Arming();
        for (String a : arm) arming.arm(a, allowDataWrites);
        return arming;
    }

    public RealDevices realDevices() { return new RealDevices(connector(), arming(), new FileAuditLog(auditLogPath())); }

    /** Every kind of real device the application can open. */
    public static DeviceConnector connector() {
        return DeviceConnector.firstOf(new IscsiConnector(LAB_SETTINGS), SgSupport.connector());
    }
}
