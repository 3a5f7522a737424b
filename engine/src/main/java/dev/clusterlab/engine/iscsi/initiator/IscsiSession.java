package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.device.ScsiDevice;
import dev.clusterlab.engine.iscsi.initiator.IscsiTransportException.Reason;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An iSCSI initiator session to one LUN of one target, seen as a {@link ScsiDevice}: one node
 * path's I_T nexus to a real (or our own) target. One connection per session, ErrorRecoveryLevel 0.
 *
 * <p>Threading: callers may issue commands from any number of threads (queue depth &gt; 1); all
 * protocol state lives in {@link SessionPipeline} on one Netty event loop. {@link #execute} blocks;
 * {@link #submit} does not. Neither may be called on the initiator's event loop.
 *
 * <p>Failures: a command that gets a SCSI status returns it (CHECK CONDITION with decoded sense,
 * RESERVATION CONFLICT, BUSY, TASK SET FULL ...). A command that cannot get one — the connection
 * dropped, no answer within {@link InitiatorSettings#commandTimeout()}, the session is closed —
 * fails with {@link IscsiTransportException}, never hangs. After a dropped connection the next
 * command logs in again with the same initiator name and ISID and TSIH 0 (RFC 7143 §6.3.5 session
 * reinstatement), so the target sees the same I_T nexus and its registrations still belong to us;
 * the first command after that usually gets UNIT ATTENTION 29h/07h (I_T NEXUS LOSS OCCURRED).
 *
 * <p>Use: one session per node path and target ({@link #lun} reaches further LUNs through it):
 * <pre>{@code
 * InitiatorIdentity nodeAPath1 = InitiatorIdentity.forNodePath("iqn.2026-11.dev.clusterlab", "node-a", 1);
 * try (IscsiSession disk = IscsiSession.open(IscsiUrl.parse("iscsi://san:3260/iqn.2026-11.com.example:array/0"),
 *         nodeAPath1, InitiatorSettings.DEFAULT)) {
 *     ScsiResponse inquiry = disk.execute(ScsiRequest.dataIn(Cdbs.inquiry(96), 96));
 * }
 * }</pre>
 */
public final class IscsiSession implements ScsiDevice, AutoCloseable {
    /** A command on its way: its Initiator Task Tag (for {@link #abortTask}) and its outcome. */
    public record PendingCommand(int itt, CompletableFuture<ScsiResponse> response) {}

    private final InetSocketAddress address;
    private final String targetName;
    private final int lun;
    private final InitiatorIdentity identity;
    private final InitiatorSettings settings;
    private final EventLoop loop;
    private final SessionPipeline pipeline;
    private final AtomicInteger nextItt = new AtomicInteger(1);
    private final Object connectLock = new Object();
    private final String description;

    private IscsiSession(InetSocketAddress address, String targetName, int lun, InitiatorIdentity identity,
                         InitiatorSettings settings) {
        this.address = address;
        this.targetName = targetName;
        this.lun = lun;
        this.identity = identity;
        this.settings = settings;
        this.loop = InitiatorChannel.nextLoop();
        this.pipeline = new SessionPipeline(settings, this::describe, this::allocateItt);
        this.description = "iscsi://" + address.getHostString() + ":" + address.getPort() + "/" + targetName + "/" + lun
                + " as " + identity.portName();
    }

    /** Logs in to {@code targetName} at {@code address}; commands go to {@code lun}. */
    public static IscsiSession open(InetSocketAddress address, String targetName, int lun, InitiatorIdentity identity,
                                    InitiatorSettings settings) throws IOException {
        if (lun < 0 || lun > IscsiUrl.MAX_LUN) throw new IllegalArgumentException("LUN " + lun + " is not 0.." + IscsiUrl.MAX_LUN);
        IscsiSession s = new IscsiSession(address, targetName, lun, identity, settings);
        s.login();
        return s;
    }

    /** Logs in as the URL says; CHAP credentials in the URL replace those of {@code settings}. */
    public static IscsiSession open(IscsiUrl url, InitiatorIdentity identity, InitiatorSettings settings) throws IOException {
        InitiatorSettings s = url.chap() == null ? settings : settings.withChap(url.chap(), settings.mutualChap());
        return open(url.address(), url.targetName(), url.lun(), identity, s);
    }

    private void login() throws IOException {
        synchronized (connectLock) {
            if (pipeline.state() == SessionPipeline.State.CLOSED) throw new IOException("session " + description + " is closed");
            LoginDriver.login(loop, address, identity, targetName, settings, pipeline);
        }
    }

    // ------------------------------------------------------------------------------------ commands

    /**
     * Runs one command and waits for its status.
     *
     * @throws IscsiTransportException when no status can be had (connection lost, timeout, closed)
     */
    @Override
    public ScsiResponse execute(ScsiRequest request) {
        PendingCommand p = submit(request);
        return await(p.response(), settings.commandTimeout().toMillis() + 5_000, "command");
    }

    /** Queues one command and returns at once; commands beyond the target's CmdSN window wait locally (§4.2.2.1). */
    public PendingCommand submit(ScsiRequest request) { return submit(request, lun); }

    private PendingCommand submit(ScsiRequest request, int toLun) {
        notOnLoop();
        ensureConnected();
        CommandTask task = new CommandTask(allocateItt(), request, lunField(toLun));
        loop.execute(() -> pipeline.submit(task));
        return new PendingCommand(task.itt, task.future);
    }

    /**
     * Another LUN of the same target through this session. A node path must use one session per
     * target: a second session with the same initiator name and ISID would reinstate (end) this one
     * (RFC 7143 §6.3.5), so further LUNs share this session's connection, window and reconnects.
     */
    public ScsiDevice lun(int otherLun) {
        if (otherLun < 0 || otherLun > IscsiUrl.MAX_LUN) throw new IllegalArgumentException("LUN " + otherLun + " is not 0.." + IscsiUrl.MAX_LUN);
        String text = "iscsi://" + address.getHostString() + ":" + address.getPort() + "/" + targetName + "/" + otherLun
                + " as " + identity.portName();
        return new ScsiDevice() {
            @Override
            public ScsiResponse execute(ScsiRequest request) {
                PendingCommand p = submit(request, otherLun);
                return await(p.response(), settings.commandTimeout().toMillis() + 5_000, "command");
            }

            @Override
            public String describe() { return text; }

            @Override
            public String toString() { return text; }
        };
    }

    private int allocateItt() {
        int itt;
        do itt = nextItt.getAndIncrement(); while (itt == Pdu.RESERVED_TAG || itt == 0);
        return itt;
    }

    /** The 8-byte LUN field (SAM-5 LUN formats): peripheral addressing below 256, flat space addressing above. */
    static long lunField(int lun) {
        if (lun < 256) return (long) lun << 48;
        return (0x4000L | lun) << 48;
    }

    private void ensureConnected() {
        SessionPipeline.State state = pipeline.state();
        if (state == SessionPipeline.State.CONNECTED) return;
        if (state == SessionPipeline.State.CLOSED)
            throw new IscsiTransportException(Reason.NOT_CONNECTED, description + ": session is closed");
        if (!settings.reconnect())
            throw new IscsiTransportException(Reason.NOT_CONNECTED, description + ": not connected (" + pipeline.lastCloseReason()
                    + ") and reconnecting is off");
        synchronized (connectLock) {
            if (pipeline.state() == SessionPipeline.State.CONNECTED) return;
            try {
                login();
            } catch (IOException e) {
                throw new IscsiTransportException(Reason.NOT_CONNECTED, description + ": logging in again failed: " + e.getMessage(), e);
            }
        }
    }

    /** Drops the current connection (if any) and logs in again with the same ISID and TSIH 0. */
    public void reconnect() throws IOException {
        notOnLoop();
        synchronized (connectLock) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            loop.execute(() -> pipeline.dropConnection("reconnect requested", closed));
            await(closed, settings.loginTimeout().toMillis(), "disconnect");
            login();
        }
    }

    // ------------------------------------------------------------------------------------ task management

    /** ABORT TASK (RFC 7143 §11.5.1, SAM-5 §7.2) for a command of this session. */
    public TaskManagementResult abortTask(PendingCommand command) { return taskManagement(SessionPipeline.ABORT_TASK, command.itt()); }

    /** LOGICAL UNIT RESET (SAM-5 §7.7) of this session's LUN. */
    public TaskManagementResult logicalUnitReset() { return taskManagement(SessionPipeline.LOGICAL_UNIT_RESET, Pdu.RESERVED_TAG); }

    /** TARGET WARM RESET (RFC 7143 §11.5.1): every LU of the target. */
    public TaskManagementResult targetWarmReset() { return taskManagement(SessionPipeline.TARGET_WARM_RESET, Pdu.RESERVED_TAG); }

    private TaskManagementResult taskManagement(int function, int referencedTag) {
        notOnLoop();
        ensureConnected();
        int itt = allocateItt();
        CompletableFuture<Pdu> answer = new CompletableFuture<>();
        loop.execute(() -> pipeline.taskManagement(function, lunField(lun), itt, referencedTag, answer));
        Pdu p = await(answer, settings.commandTimeout().toMillis() + 5_000, "task management");
        return TaskManagementResult.of(((Pdu.TaskManagementResponse) p).response());
    }

    /** A NOP-Out ping (§11.18); returns the round trip in nanoseconds. */
    public long ping() {
        notOnLoop();
        ensureConnected();
        int itt = allocateItt();
        CompletableFuture<Pdu> answer = new CompletableFuture<>();
        long start = System.nanoTime();
        loop.execute(() -> pipeline.ping(itt, answer));
        await(answer, settings.commandTimeout().toMillis() + 5_000, "ping");
        return System.nanoTime() - start;
    }

    // ------------------------------------------------------------------------------------ lifecycle

    /** True while logged in with a live connection. */
    public boolean isConnected() { return pipeline.state() == SessionPipeline.State.CONNECTED; }

    /** What login negotiated on the current connection (null before the first login). */
    public SessionParameters parameters() { return pipeline.parameters(); }

    public InitiatorIdentity identity() { return identity; }

    /** Logs out (reason 0, close the session, §11.14) and closes the session for good. */
    public void logout() throws IOException {
        notOnLoop();
        CompletableFuture<Pdu> answer = new CompletableFuture<>();
        loop.execute(() -> pipeline.logout(allocateItt(), answer));
        Pdu p;
        try {
            p = await(answer, settings.loginTimeout().toMillis(), "logout");
        } catch (IscsiTransportException e) {
            throw new IOException(description + ": logout failed: " + e.getMessage(), e);
        }
        int response = ((Pdu.LogoutResponse) p).response();
        if (response != 0) throw new IOException(description + ": target refused the logout (response " + response + ")");
    }

    /** Logs out if connected (errors ignored) and fails anything still pending. */
    @Override
    public void close() {
        if (loop.inEventLoop()) {
            pipeline.closeNow("session closed");
            return;
        }
        if (isConnected()) {
            try {
                logout();
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        loop.execute(() -> {
            pipeline.closeNow("session closed");
            closed.complete(null);
        });
        closed.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
    }

    @Override
    public String describe() { return description; }

    @Override
    public String toString() { return describe(); }

    private void notOnLoop() {
        if (loop.inEventLoop()) throw new IllegalStateException("blocking iSCSI call on the initiator's own event loop");
    }

    private <T> T await(CompletableFuture<T> f, long millis, String what) {
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IscsiTransportException t) throw new IscsiTransportException(t.reason(), t.getMessage(), t);
            throw new IscsiTransportException(Reason.PROTOCOL_ERROR, description + ": " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IscsiTransportException(Reason.TIMEOUT, description + ": no answer to " + what + " in " + millis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IscsiTransportException(Reason.NOT_CONNECTED, description + ": interrupted waiting for " + what, e);
        }
    }
}
