package dev.clusterlab.engine.device.guard;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceIdentification;
import dev.clusterlab.engine.device.DeviceIdentity;
import dev.clusterlab.engine.device.ScsiDevice;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.OpcodeNames;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import java.io.IOException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The safety guard in front of one real device (one path to a real LU). Read-only commands
 * ({@link CommandRisk#READ_ONLY}) always pass. Anything else passes only when the user has armed
 * the device by its identity in {@link Arming}; data-block writes need the separate data-write
 * opt-in as well. Before each state-changing command the guard reads the device's identity again
 * (INQUIRY VPD 83h, which never consumes a unit attention): if the device behind the path is no
 * longer the one it was, its identity is disarmed and the command refused. Every state-changing
 * command — refused, sent, completed — goes to the {@link AuditLog}; if the log cannot be
 * written, the command is refused.
 *
 * <p>A refused command never reaches the device; the caller gets CHECK CONDITION, DATA PROTECT,
 * WRITE PROTECTED (27h/00h), which is what a write-protected LU answers (SBC-3 §4.11), so a
 * simulated cluster node treats it as a disk it may not change.
 */
public final class DeviceGuard implements DeviceConnector.OpenedDevice {
    private static final int AUDIT_PARAMETER_BYTES = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final ScsiDevice device;
    private final String url;
    private final String initiator;
    private final Arming arming;
    private final AuditLog audit;
    private final Clock clock;
    private volatile DeviceIdentity identity;
    private volatile Consumer<String> refusals = reason -> {};

    private DeviceGuard(ScsiDevice device, String url, String initiator, DeviceIdentity identity, Arming arming,
                        AuditLog audit, Clock clock) {
        this.device = device;
        this.url = url;
        this.initiator = initiator;
        this.identity = identity;
        this.arming = arming;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Guards {@code device}, reading its identity now. A device that cannot say who it is can still be
     * read but never armed.
     */
    public static DeviceGuard open(ScsiDevice device, String url, Arming arming, AuditLog audit) {
        return open(device, url, arming, audit, Clock.systemUTC());
    }

    static DeviceGuard open(ScsiDevice device, String url, Arming arming, AuditLog audit, Clock clock) {
        String initiator = device instanceof DeviceConnector.OpenedDevice o ? o.initiatorPortName() : device.describe();
        return new DeviceGuard(device, url, initiator, identityOrNull(device), arming, audit, clock);
    }

    /** The identity read when the guard opened or last checked; null when the device did not say. */
    public DeviceIdentity identity() { return identity; }

    public boolean armed() { return arming.isArmed(identity); }

    /** Receives the reason of every refusal (the lab narrates them). */
    public void onRefusal(Consumer<String> listener) { this.refusals = listener == null ? reason -> {} : listener; }

    /**
     * Decides whether {@code request} may be sent now, re-reading the device's identity for anything
     * that is not read-only. Does not send the command and writes nothing to the audit log.
     *
     * @throws RuntimeException the device's transport failure while re-reading its identity
     */
    public GuardDecision check(ScsiRequest request) {
        CommandRisk risk = CommandRisk.classify(request.cdb());
        if (risk == CommandRisk.READ_ONLY) return new GuardDecision.Allowed(risk);
        DeviceIdentity before = identity;
        if (before == null) {
            return new GuardDecision.Refused(risk, url + " did not report a device identity (INQUIRY VPD 83h), so it cannot be armed; "
                    + name(request) + " is refused");
        }
        DeviceIdentity now = currentIdentity();
        if (now == null || !now.matches(before.name())) {
            boolean wasArmed = arming.isArmed(before);
            arming.disarm(before.name());
            identity = now;
            return new GuardDecision.Refused(risk, url + " now reports identity " + (now == null ? "(none)" : now.name())
                    + " instead of " + before.name() + (wasArmed ? "; it has been disarmed" : "") + ". " + name(request)
                    + " is refused" + (now == null ? "" : "; arm " + now.name() + " if this is the device you mean"));
        }
        if (!arming.isArmed(now)) {
            return new GuardDecision.Refused(risk, name(request) + " changes the state of " + url + " (" + now.name()
                    + "), which is read-only until armed: arm it with --arm " + now.name());
        }
        if (risk == CommandRisk.DATA_WRITE && !arming.allowsDataWrites(now)) {
            return new GuardDecision.Refused(risk, name(request) + " writes data blocks on " + url + " (" + now.name()
                    + "); arming allows reservation commands only — data writes need the separate opt-in (--allow-data-writes)");
        }
        return new GuardDecision.Allowed(risk);
    }

    @Override
    public ScsiResponse execute(ScsiRequest request) {
        GuardDecision decision = check(request);
        if (decision instanceof GuardDecision.Allowed allowed && allowed.risk() == CommandRisk.READ_ONLY) {
            return device.execute(request);
        }
        switch (decision) {
            case GuardDecision.Refused refused -> {
                tryAudit(request, "refused", refused.reason());
                refusals.accept(refused.reason());
                return refusal();
            }
            case GuardDecision.Allowed allowed -> {
                try {
                    audit.append(record(request, "sending", ""));
                } catch (IOException e) {
                    String reason = "the audit log cannot be written (" + e.getMessage() + "), so " + name(request) + " is refused";
                    refusals.accept(reason);
                    return refusal();
                }
                ScsiResponse response;
                try {
                    response = device.execute(request);
                } catch (RuntimeException e) {
                    tryAudit(request, "completed", "transport failure: " + e.getMessage());
                    throw e;
                }
                tryAudit(request, "completed", response.status().label() + (response.sense() != null ? " " + response.sense() : ""));
                return response;
            }
        }
    }

    /** CHECK CONDITION, DATA PROTECT, WRITE PROTECTED: what a refused command answers. */
    public static ScsiResponse refusal() {
        return ScsiResponse.checkCondition(SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.WRITE_PROTECTED));
    }

    @Override
    public String describe() { return device.describe() + (armed() ? " [armed]" : " [read-only]"); }

    @Override
    public String initiatorPortName() { return initiator; }

    @Override
    public void close() {
        if (device instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing a session or file that is already gone has nothing left to undo.
            }
        }
    }

    private void tryAudit(ScsiRequest request, String phase, String outcome) {
        try {
            audit.append(record(request, phase, outcome));
        } catch (IOException e) {
            // The command was refused or already sent; the failure is reported by the next "sending", which refuses.
        }
    }

    private AuditRecord record(ScsiRequest request, String phase, String outcome) {
        byte[] out = request.dataOut();
        String params = out.length == 0 ? "" : HEX.formatHex(out, 0, Math.min(out.length, AUDIT_PARAMETER_BYTES))
                + (out.length > AUDIT_PARAMETER_BYTES ? "..." : "");
        DeviceIdentity id = identity;
        return new AuditRecord(clock.instant(), phase, url, id == null ? "unknown" : id.name(), initiator, name(request),
                HEX.formatHex(request.cdb()), params, outcome);
    }

    /** "PERSISTENT RESERVE OUT REGISTER": PR service actions are named, they are what the user needs to read. */
    private static String name(ScsiRequest request) {
        byte[] cdb = request.cdb();
        String name = OpcodeNames.name(cdb);
        int sa = OpcodeNames.serviceAction(cdb);
        int op = cdb.length == 0 ? -1 : cdb[0] & 0xFF;
        if ((op == Opcode.PERSISTENT_RESERVE_OUT || op == Opcode.PERSISTENT_RESERVE_IN) && sa >= 0) {
            String action = OpcodeNames.serviceActionName(op, sa);
            if (action != null) name += " " + action;
        }
        return name;
    }

    /**
     * The identity the device reports now, or null when it answers without one. A transport failure
     * propagates: a path that is down says nothing about which device is behind it.
     */
    private DeviceIdentity currentIdentity() {
        try {
            return DeviceIdentification.read(device);
        } catch (IOException e) {
            return null;
        }
    }

    private static DeviceIdentity identityOrNull(ScsiDevice device) {
        try {
            return DeviceIdentification.read(device);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
