package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.initiator.IscsiTransportException.Reason;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.SerialNumbers;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The full feature phase of an initiator session (RFC 7143 §4.2, §11), confined to one event loop:
 * sequence numbers and the CmdSN window, the task table (ITT to task), commands waiting for the
 * window, immediate requests (task management, NOP-Out, logout), target NOP-In pings, keepalive,
 * and failing everything when the connection ends. Every method runs on the session's event loop
 * except {@link #state}, {@link #parameters} and {@link #lastCloseReason}.
 */
final class SessionPipeline implements LoginDriver.FullFeature {
    enum State { NEW, CONNECTED, DISCONNECTED, CLOSED }

    // Task management function codes (RFC 7143 §11.5.1).
    static final int ABORT_TASK = 1, LOGICAL_UNIT_RESET = 5, TARGET_WARM_RESET = 6;
    private static final int LOGOUT_CLOSE_SESSION = 0;
    private static final int ASYNC_LOGOUT_REQUESTED = 1;

    /** An immediate request waiting for its answer; {@code referencedTag}/{@code cmdSn} matter for task management. */
    private record Immediate(CompletableFuture<Pdu> answer, int function, int referencedTag, int cmdSn) {}

    private final InitiatorSettings settings;
    private final Supplier<String> description;
    private final IntSupplier itts;
    private final Map<Integer, CommandTask> tasks = new HashMap<>();
    private final ArrayDeque<CommandTask> waiting = new ArrayDeque<>();
    private final Map<Integer, Immediate> immediates = new HashMap<>();
    private volatile State state = State.NEW;
    private volatile SessionParameters parameters;
    private volatile String lastCloseReason = "never connected";
    private InitiatorChannel channel;
    private int cmdSn, expCmdSn, maxCmdSn, expStatSn;
    private ScheduledFuture<?> keepAlive;
    private boolean readSinceTick;
    private int keepAliveItt = Pdu.RESERVED_TAG;
    private CompletableFuture<Void> dropped;

    SessionPipeline(InitiatorSettings settings, Supplier<String> description, IntSupplier itts) {
        this.settings = settings;
        this.description = description;
        this.itts = itts;
    }

    State state() { return state; }

    SessionParameters parameters() { return parameters; }

    String lastCloseReason() { return lastCloseReason; }

    // ------------------------------------------------------------------------------------ connection

    @Override
    public void started(InitiatorChannel ch, LoginNegotiator.Step.Done login) {
        if (state == State.CLOSED) {
            ch.close("session closed during login");
            return;
        }
        channel = ch;
        parameters = login.parameters();
        cmdSn = login.cmdSn();
        expCmdSn = login.cmdSn();
        maxCmdSn = login.maxCmdSn();
        expStatSn = login.expStatSn();
        state = State.CONNECTED;
        long interval = settings.keepAliveInterval().toMillis();
        if (interval > 0) keepAlive = ch.loop().scheduleAtFixedRate(this::keepAliveTick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(InitiatorChannel ch, String reason) {
        if (ch != channel) return;
        channel = null;
        lastCloseReason = reason;
        if (keepAlive != null) keepAlive.cancel(false);
        keepAlive = null;
        keepAliveItt = Pdu.RESERVED_TAG;
        if (state == State.CLOSED) {
            failAll(Reason.NOT_CONNECTED, description.get() + ": session closed (" + reason + ")");
        } else {
            state = State.DISCONNECTED;
            failAll(Reason.CONNECTION_LOST, description.get() + ": connection lost (" + reason + ")");
        }
        if (dropped != null) dropped.complete(null);
        dropped = null;
    }

    /** Closes the connection on purpose; {@code done} completes once everything in flight has failed. */
    void dropConnection(String reason, CompletableFuture<Void> done) {
        if (channel == null) {
            done.complete(null);
            return;
        }
        dropped = done;
        channel.close(reason);
    }

    /** Ends the session for good: nothing can be issued any more. */
    void closeNow(String reason) {
        state = State.CLOSED;
        if (channel != null) channel.close(reason);
        else failAll(Reason.NOT_CONNECTED, description.get() + ": " + reason);
    }

    private void failAll(Reason reason, String message) {
        List<CommandTask> all = new ArrayList<>(tasks.values());
        tasks.clear();
        waiting.clear();
        for (CommandTask t : all) fail(t, reason, message);
        List<Immediate> imm = new ArrayList<>(immediates.values());
        immediates.clear();
        for (Immediate i : imm) i.answer().completeExceptionally(new IscsiTransportException(reason, message));
    }

    private void fail(CommandTask t, Reason reason, String message) {
        if (t.timeout != null) t.timeout.cancel(false);
        t.future.completeExceptionally(new IscsiTransportException(reason, message));
    }

    // ------------------------------------------------------------------------------------ commands

    void submit(CommandTask task) {
        if (state != State.CONNECTED) {
            fail(task, state == State.CLOSED ? Reason.NOT_CONNECTED : Reason.CONNECTION_LOST,
                    description.get() + ": not connected (" + lastCloseReason + ")");
            return;
        }
        tasks.put(task.itt, task);
        task.timeout = channel.loop().schedule(() -> timedOut(task), settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (waiting.isEmpty() && windowOpen()) task.issue(channel, parameters, cmdSn++, expStatSn);
        else waiting.add(task); // §4.2.2.1: only CmdSN <= MaxCmdSN may be sent
    }

    private boolean windowOpen() { return !SerialNumbers.lessThan(maxCmdSn, cmdSn); }

    private void drainWaiting() {
        while (!waiting.isEmpty() && windowOpen() && channel != null) waiting.poll().issue(channel, parameters, cmdSn++, expStatSn);
    }

    private void timedOut(CommandTask task) {
        if (tasks.get(task.itt) != task) return;
        tasks.remove(task.itt);
        waiting.remove(task);
        if (task.issued && channel != null) // tell the target to forget it (SAM-5 §7.2); nobody waits for the answer
            sendTaskManagement(ABORT_TASK, task.lun, itts.getAsInt(), task.itt, task.cmdSn, new CompletableFuture<>());
        task.future.completeExceptionally(new IscsiTransportException(Reason.TIMEOUT, description.get() + ": no status for task 0x"
                + Integer.toHexString(task.itt) + " within " + settings.commandTimeout().toMillis() + " ms"));
    }

    // ------------------------------------------------------------------------------------ immediate requests

    void taskManagement(int function, long lun, int itt, int referencedTag, CompletableFuture<Pdu> answer) {
        if (!connected(answer)) return;
        CommandTask referenced = referencedTag == Pdu.RESERVED_TAG ? null : tasks.get(referencedTag);
        if (function == ABORT_TASK && referenced != null && !referenced.issued) {
            // Still waiting for the CmdSN window: the target never saw it, so aborting it is local.
            waiting.remove(referenced);
            complete(referenced, new ScsiResponse(ScsiStatus.TASK_ABORTED, Pdu.NO_DATA, null, 0));
            answer.complete(new Pdu.TaskManagementResponse(TaskManagementResult.FUNCTION_COMPLETE.code(), itt, 0, 0, 0));
            return;
        }
        int refCmdSn = referenced == null ? cmdSn : referenced.cmdSn;
        sendTaskManagement(function, lun, itt, referencedTag, refCmdSn, answer);
    }

    private void sendTaskManagement(int function, long lun, int itt, int referencedTag, int refCmdSn, CompletableFuture<Pdu> answer) {
        immediates.put(itt, new Immediate(answer, function, referencedTag, cmdSn));
        channel.send(new Pdu.TaskManagementRequest(true, function, lun, itt, referencedTag, cmdSn, expStatSn, refCmdSn, 0));
    }

    void ping(int itt, CompletableFuture<Pdu> answer) {
        if (!connected(answer)) return;
        immediates.put(itt, new Immediate(answer, 0, Pdu.RESERVED_TAG, cmdSn));
        channel.send(new Pdu.NopOut(true, 0, itt, Pdu.RESERVED_TAG, cmdSn, expStatSn, Pdu.NO_DATA));
    }

    void logout(int itt, CompletableFuture<Pdu> answer) {
        if (state != State.CONNECTED || channel == null) {
            state = State.CLOSED;
            answer.complete(new Pdu.LogoutResponse(0, itt, 0, 0, 0, 0, 0)); // nothing to log out of
            return;
        }
        immediates.put(itt, new Immediate(answer, 0, Pdu.RESERVED_TAG, cmdSn));
        channel.send(new Pdu.LogoutRequest(true, LOGOUT_CLOSE_SESSION, itt, 0, cmdSn, expStatSn));
    }

    private boolean connected(CompletableFuture<Pdu> answer) {
        if (state == State.CONNECTED && channel != null) return true;
        answer.completeExceptionally(new IscsiTransportException(Reason.NOT_CONNECTED,
                description.get() + ": not connected (" + lastCloseReason + ")"));
        return false;
    }

    private void keepAliveTick() {
        if (channel == null) return;
        if (readSinceTick) {
            readSinceTick = false;
            return;
        }
        if (keepAliveItt != Pdu.RESERVED_TAG) { // a whole interval without any answer to our ping
            channel.close("no answer to keepalive NOP-Out within " + settings.keepAliveInterval().toMillis() + " ms");
            return;
        }
        keepAliveItt = itts.getAsInt();
        channel.send(new Pdu.NopOut(true, 0, keepAliveItt, Pdu.RESERVED_TAG, cmdSn, expStatSn, Pdu.NO_DATA));
    }

    // ------------------------------------------------------------------------------------ inbound

    @Override
    public void onPdu(InitiatorChannel ch, Pdu pdu) {
        if (ch != channel) return;
        readSinceTick = true;
        switch (pdu) {
            case Pdu.DataIn d -> {
                window(d.expCmdSn(), d.maxCmdSn());
                if (d.hasStatus()) statSn(d.statSn());
                onDataIn(d);
            }
            case Pdu.ScsiResponse r -> {
                window(r.expCmdSn(), r.maxCmdSn());
                statSn(r.statSn());
                onResponse(r);
            }
            case Pdu.ReadyToTransfer r -> {
                window(r.expCmdSn(), r.maxCmdSn());
                CommandTask t = tasks.get(r.itt());
                if (t != null) {
                    try {
                        t.onReadyToTransfer(channel, parameters, r, expStatSn);
                    } catch (CommandTask.ProtocolViolation e) {
                        protocolError(t, e.getMessage());
                    }
                }
            }
            case Pdu.NopIn n -> {
                window(n.expCmdSn(), n.maxCmdSn());
                if (n.itt() == Pdu.RESERVED_TAG) { // target ping: answer with its TTT and LUN (§11.18), no StatSN advance
                    if (n.ttt() != Pdu.RESERVED_TAG)
                        channel.send(new Pdu.NopOut(true, n.lun(), Pdu.RESERVED_TAG, n.ttt(), cmdSn, expStatSn, Pdu.NO_DATA));
                } else {
                    statSn(n.statSn());
                    if (n.itt() == keepAliveItt) keepAliveItt = Pdu.RESERVED_TAG;
                    else answer(n.itt(), n);
                }
            }
            case Pdu.TaskManagementResponse t -> {
                window(t.expCmdSn(), t.maxCmdSn());
                statSn(t.statSn());
                onTaskManagement(t);
            }
            case Pdu.LogoutResponse l -> {
                window(l.expCmdSn(), l.maxCmdSn());
                statSn(l.statSn());
                Immediate i = immediates.remove(l.itt());
                if (i == null) { // our answer to the target's logout request: the next command logs in again
                    channel.close("logged out at the target's request");
                } else {
                    state = State.CLOSED;
                    i.answer().complete(l);
                    channel.close("logged out");
                }
            }
            case Pdu.Reject r -> {
                window(r.expCmdSn(), r.maxCmdSn());
                onReject(r);
            }
            case Pdu.AsyncMessage a -> {
                window(a.expCmdSn(), a.maxCmdSn());
                statSn(a.statSn());
                // §11.9.1 event 1: the target asks us to log out. Other events need nothing from an ERL 0
                // initiator: for 2/3 the target drops the connection itself, 0 (SCSI event) and 4 are informational.
                if (a.event() == ASYNC_LOGOUT_REQUESTED)
                    channel.send(new Pdu.LogoutRequest(true, LOGOUT_CLOSE_SESSION, itts.getAsInt(), 0, cmdSn, expStatSn));
            }
            default -> channel.close("unexpected " + pdu.getClass().getSimpleName() + " in the full feature phase");
        }
        drainWaiting();
    }

    /** §4.2.2.1: ignore a window whose MaxCmdSN is below ExpCmdSN - 1; both numbers only move forward. */
    private void window(int exp, int max) {
        if (SerialNumbers.lessThan(max, exp - 1)) return;
        if (SerialNumbers.lessThan(expCmdSn, exp)) expCmdSn = exp;
        if (SerialNumbers.lessThan(maxCmdSn, max)) maxCmdSn = max;
    }

    private void statSn(int statSn) {
        if (!SerialNumbers.lessThan(statSn + 1, expStatSn)) expStatSn = statSn + 1;
    }

    private void onDataIn(Pdu.DataIn d) {
        CommandTask t = tasks.get(d.itt());
        if (t == null) return; // timed out or aborted: late data is dropped
        try {
            if (t.onDataIn(d)) complete(t, t.finish(d.status(), d.flags(), d.residual(), Pdu.NO_DATA));
        } catch (CommandTask.ProtocolViolation e) {
            protocolError(t, e.getMessage());
        }
    }

    private void onResponse(Pdu.ScsiResponse r) {
        CommandTask t = tasks.get(r.itt());
        if (t == null) return;
        if (r.response() != 0) { // §11.4.3: the target could not complete the command; there is no SCSI status
            tasks.remove(t.itt);
            fail(t, Reason.REJECTED, description.get() + ": target failure (iSCSI response 0x" + Integer.toHexString(r.response()) + ")");
            return;
        }
        try {
            complete(t, t.finish(r.status(), r.flags(), r.residual(), r.data()));
        } catch (CommandTask.ProtocolViolation e) {
            protocolError(t, e.getMessage());
        }
    }

    private void complete(CommandTask t, ScsiResponse response) {
        tasks.remove(t.itt);
        if (t.timeout != null) t.timeout.cancel(false);
        t.future.complete(response);
    }

    private void protocolError(CommandTask t, String message) {
        tasks.remove(t.itt);
        fail(t, Reason.PROTOCOL_ERROR, description.get() + ": " + message);
    }

    private void answer(int itt, Pdu pdu) {
        Immediate i = immediates.remove(itt);
        if (i != null) i.answer().complete(pdu);
    }

    /**
     * After a completed ABORT TASK, LU RESET or TARGET WARM RESET the target sends no status for the
     * tasks it aborted (RFC 7143 §11.6.2), so they complete here with TASK ABORTED.
     */
    private void onTaskManagement(Pdu.TaskManagementResponse r) {
        Immediate i = immediates.remove(r.itt());
        if (i == null) return;
        if (r.response() == TaskManagementResult.FUNCTION_COMPLETE.code()) {
            List<CommandTask> aborted = new ArrayList<>();
            for (CommandTask t : tasks.values()) {
                boolean hit = i.function() == ABORT_TASK ? t.itt == i.referencedTag()
                        : (i.function() == LOGICAL_UNIT_RESET || i.function() == TARGET_WARM_RESET)
                          && t.issued && SerialNumbers.lessThan(t.cmdSn, i.cmdSn());
                if (hit) aborted.add(t);
            }
            for (CommandTask t : aborted) complete(t, new ScsiResponse(ScsiStatus.TASK_ABORTED, Pdu.NO_DATA, null, 0));
        }
        i.answer().complete(r);
    }

    /** §11.17: the rejected PDU's header is the data segment; its ITT names the task or request. */
    private void onReject(Pdu.Reject r) {
        byte[] h = r.data();
        if (h.length < 20) return;
        int itt = ((h[16] & 0xFF) << 24) | ((h[17] & 0xFF) << 16) | ((h[18] & 0xFF) << 8) | (h[19] & 0xFF);
        String message = description.get() + ": target rejected PDU (reason 0x" + Integer.toHexString(r.reason()) + ")";
        CommandTask t = tasks.remove(itt);
        if (t != null) fail(t, Reason.REJECTED, message);
        Immediate i = immediates.remove(itt);
        if (i != null) i.answer().completeExceptionally(new IscsiTransportException(Reason.REJECTED, message));
    }
}
