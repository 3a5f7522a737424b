package dev.clusterlab.app.devices;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceConnector.OpenedDevice;
import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import dev.clusterlab.engine.device.guard.DeviceGuard;
import dev.clusterlab.engine.device.guard.FileAuditLog;
import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiConnector;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How the command-line tools reach a real device: iSCSI through our initiator as the chosen
 * initiator port, local devices through SG_IO, and every opened device behind a {@link DeviceGuard}
 * that is armed only when the user named the device's identity with {@code --arm}.
 */
public final class DeviceAccess {
    /** The initiator name used when none is given: stable, so registrations made by one run belong to the next. */
    public static final String DEFAULT_INITIATOR = "iqn.2026-11.dev.clusterlab:persist";
    /** ISID of path 1 in ClusterLab's convention (type 01b "random", qualifier 1; RFC 7143 §11.12.5). */
    public static final long DEFAULT_ISID = 0x4000_0000_0001L;

    private final InitiatorIdentity initiator;
    private final Arming arming = new Arming();
    private final AuditLog audit;
    private final InitiatorSettings settings;
    private final DeviceConnector sg;

    private DeviceAccess(InitiatorIdentity initiator, String armIdentity, AuditLog audit, InitiatorSettings settings) {
        this.initiator = initiator;
        this.audit = audit;
        this.settings = settings;
        this.sg = SgSupport.connector();
        if (armIdentity != null) arming.arm(armIdentity, false);
    }

    /**
     * @param initiatorName the iSCSI name to speak as (null: {@link #DEFAULT_INITIATOR})
     * @param isid the ISID (null: {@link #DEFAULT_ISID})
     * @param armIdentity the identity armed for this invocation, or null for read-only
     * @param auditLog the audit log file (null: the default location, see {@link FileAuditLog#defaultPath()})
     */
    public static DeviceAccess of(String initiatorName, Long isid, String armIdentity, Path auditLog) {
        InitiatorIdentity id = new InitiatorIdentity(initiatorName == null ? DEFAULT_INITIATOR : initiatorName,
                isid == null ? DEFAULT_ISID : isid);
        AuditLog log = auditLog == null ? FileAuditLog.atDefaultLocation() : new FileAuditLog(auditLog);
        return new DeviceAccess(id, armIdentity, log, InitiatorSettings.DEFAULT);
    }

    /** For tools that only read: nothing can be armed, so nothing reaches an audit log. */
    public static DeviceAccess readOnly(String initiatorName, Long isid) {
        InitiatorIdentity id = new InitiatorIdentity(initiatorName == null ? DEFAULT_INITIATOR : initiatorName,
                isid == null ? DEFAULT_ISID : isid);
        return new DeviceAccess(id, null, new AuditLog.InMemory(), InitiatorSettings.DEFAULT);
    }

    public InitiatorIdentity initiator() { return initiator; }

    /**
     * Opens {@code url} behind the guard.
     *
     * @throws IOException saying what failed (unreachable portal, login refused, no such device, no SG_IO support)
     */
    public DeviceGuard open(DeviceUrl url) throws IOException {
        OpenedDevice device = switch (url) {
            case DeviceUrl.Iscsi iscsi -> new IscsiConnector(settings).open(iscsi.url(), initiator);
            case DeviceUrl.Sg local -> sg.open(local, initiator.name(), 1);
        };
        return DeviceGuard.open(device, url.toString(), arming, audit);
    }
}
