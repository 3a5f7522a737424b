package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.DecodeError;
import dev.clusterlab.engine.iscsi.pdu.Opcodes;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduCodec;
import dev.clusterlab.engine.iscsi.pdu.PduDecoder;
import dev.clusterlab.engine.target.LogicalUnit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One iSCSI connection, which is one session (MaxConnections=1). Runs on the single child event
 * loop that also owns every logical unit, so a command's reservation decision happens right here.
 * Replies are written without flushing and flushed once per read batch ({@link #channelReadComplete}).
 * Nothing thrown while handling a PDU escapes: it becomes a protocol error that closes this
 * connection only.
 */
final class IscsiConnection extends ChannelInboundHandlerAdapter {
    private final ServerContext server;
    private final ServerContext.Portal portal;
    private final PduDecoder decoder;
    private boolean headerDigest;
    private boolean dataDigest;
    private ChannelHandlerContext ctx;
    private LoginPhase login;
    private Session session;
    private CommandWindow window;
    private ScsiCommandFlow scsi;
    private TaskManagementFunctions tmf;
    private TextRequests text;
    private int statSn = 1;
    private boolean inRead;
    private boolean ended;
    private boolean closing;
    private ScheduledFuture<?> pinger;
    private boolean readSincePing;
    private int pingTtt = Pdu.RESERVED_TAG;
    private int nextPingTtt = 1;

    IscsiConnection(ServerContext server, ServerContext.Portal portal, PduDecoder decoder) {
        this.server = server;
        this.portal = portal;
        this.decoder = decoder;
    }

    // ------------------------------------------------------------------------------------ channel events

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!server.registry().acceptsConnection()) {
            ctx.close();
            return;
        }
        server.registry().opened(this);
        login = new LoginPhase(this, server, portal);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        readSincePing = true;
        if (closing) return;
        try {
            switch (msg) {
                case DecodeError e -> decodeError(e);
                case Pdu p when session == null -> loginPhase(p);
                case Pdu p -> fullFeature(p);
                default -> protocolError("unexpected message " + msg.getClass().getSimpleName());
            }
        } catch (RuntimeException bug) {
            protocolError("internal error: " + bug);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.registry().closed(this);
        if (pinger != null) pinger.cancel(false);
        endSession("connection closed without logout", true);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        server.event(new TargetEvent.ProtocolError(who(), "connection error: " + cause.getMessage()));
        ctx.close();
    }

    // ------------------------------------------------------------------------------------ login

    private void loginPhase(Pdu p) {
        if (p instanceof Pdu.LoginRequest req) login.handle(req);
        else { // §6.3: only Login Requests before the full feature phase
            server.event(new TargetEvent.ProtocolError(who(), "opcode 0x" + Integer.toHexString(p.opcode()) + " during login"));
            closeAfterFlush();
        }
    }

    void loginFailed(String initiator, String target, String reason) {
        server.event(new TargetEvent.LoginFailed(initiator, target, reason, ctx.channel().remoteAddress()));
        closeAfterFlush();
    }

    /** The final Login Response has been written: digests apply from the next PDU (§13.1). */
    void enterFullFeature(Session s, int cmdSn) {
        session = s;
        window = new CommandWindow(cmdSn, server.limits().queueDepth());
        headerDigest = s.parameters().headerDigest();
        dataDigest = s.parameters().dataDigest();
        decoder.digests(s.parameters().headerDigest(), s.parameters().dataDigest());
        text = new TextRequests(this, server, s);
        if (!s.discovery()) {
            scsi = new ScsiCommandFlow(this, s);
            tmf = new TaskManagementFunctions(this, s, scsi);
        }
        server.event(new TargetEvent.LoggedIn(s.initiatorPortName(), s.discovery() ? "" : s.target().name(),
                s.discovery() ? "Discovery" : "Normal", ctx.channel().remoteAddress()));
        if (server.nopInterval() > 0)
            pinger = ctx.executor().scheduleAtFixedRate(this::ping, server.nopInterval(), server.nopInterval(), TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------------------------ full feature phase

    private void fullFeature(Pdu p) {
        switch (p) {
            case Pdu.NopOut n -> {
                if (n.ttt() != Pdu.RESERVED_TAG && n.ttt() == pingTtt) pingTtt = Pdu.RESERVED_TAG; // our ping answered
                if (n.itt() != Pdu.RESERVED_TAG) window.offer(n, n.immediate(), n.cmdSn(), this::run);
            }
            case Pdu.ScsiCommand c -> window.offer(c, c.immediate(), c.cmdSn(), this::run);
            case Pdu.TaskManagementRequest t -> window.offer(t, t.immediate(), t.cmdSn(), this::run);
            case Pdu.TextRequest t -> window.offer(t, t.immediate(), t.cmdSn(), this::run);
            case Pdu.LogoutRequest l -> window.offer(l, l.immediate(), l.cmdSn(), this::run);
            case Pdu.DataOut d -> {
                if (scsi != null) scsi.dataOut(d);
                else reject(Opcodes.REJECT_PROTOCOL_ERROR, d);
            }
            case Pdu.SnackRequest s -> reject(Opcodes.REJECT_COMMAND_NOT_SUPPORTED, s); // ERL 0
            default -> reject(Opcodes.REJECT_PROTOCOL_ERROR, p); // Login or target-only opcodes
        }
    }

    /** Runs one command in CmdSN order. */
    private void run(Pdu p) {
        if (ended || closing) return;
        switch (p) {
            case Pdu.NopOut n -> send(new Pdu.NopIn(n.lun(), n.itt(), Pdu.RESERVED_TAG, nextStatSn(), expCmdSn(),
                    maxCmdSn(), n.data()));
            case Pdu.ScsiCommand c -> {
                if (scsi == null) reject(Opcodes.REJECT_COMMAND_NOT_SUPPORTED, c); // §4.3: no SCSI in discovery
                else scsi.command(c);
            }
            case Pdu.TaskManagementRequest t -> {
                if (tmf == null) reject(Opcodes.REJECT_COMMAND_NOT_SUPPORTED, t);
                else tmf.handle(t);
            }
            case Pdu.TextRequest t -> text.handle(t);
            case Pdu.LogoutRequest l -> logout(l);
            default -> reject(Opcodes.REJECT_PROTOCOL_ERROR, p);
        }
    }

    /** §11.14: close the session (reason 0) or the connection (1, the same thing here); 2 needs ERL 2. */
    private void logout(Pdu.LogoutRequest l) {
        if (l.reason() == 2) {
            send(new Pdu.LogoutResponse(2, l.itt(), nextStatSn(), expCmdSn(), maxCmdSn(), 0, 0));
            return;
        }
        send(new Pdu.LogoutResponse(0, l.itt(), nextStatSn(), expCmdSn(), maxCmdSn(), 0, 0));
        endSession("logout", false);
    }

    /**
     * Ends the session once: for a Normal session every logical unit of the target sees an I_T
     * nexus loss (SAM-5 §6.3.4; SPC-2 reservations go, registrations stay), then the connection closes
     * after what is queued has been flushed.
     */
    void endSession(String reason, boolean lost) {
        if (ended) return;
        ended = true;
        if (session != null) {
            if (!session.discovery()) {
                for (LogicalUnit lu : session.target().units()) lu.itNexusLoss(session.nexus());
                scsi.clear();
            }
            server.registry().unregister(session.key(), session.nexus(), session.tsih(), this, session.discovery());
            String target = session.discovery() ? "" : session.target().name();
            server.event(lost ? new TargetEvent.ConnectionLost(session.initiatorPortName(), target, reason)
                    : new TargetEvent.LoggedOut(session.initiatorPortName(), target, reason));
        }
        closeAfterFlush();
    }

    /** TARGET COLD RESET (§11.5.1): after the response, every connection to the target is dropped. */
    void dropTargetConnections(TargetRuntime target) {
        for (IscsiConnection c : server.registry().connections())
            if (c.session != null && c.session.target() == target) c.endSession("target cold reset", true);
    }

    /** Tasks of this session's nexus that the logical unit aborted. */
    void tasksAborted(LogicalUnit lu, long[] tags, boolean reportTaskAborted) {
        if (scsi != null && !ended) scsi.aborted(lu, tags, reportTaskAborted);
    }

    boolean abortNotRun(int cmdSn) { return window.abortNotRun(cmdSn, this::run); }

    // ------------------------------------------------------------------------------------ errors

    private void decodeError(DecodeError e) {
        server.event(new TargetEvent.ProtocolError(who(), e.detail()));
        if (session != null || !e.fatal()) sendReject(e.rejectReason(), e.header());
        if (e.fatal() || session == null) closeAfterFlush();
    }

    /** A protocol violation at ERL 0: Reject, then close this connection (§7.1.4.1). */
    void protocolError(String detail) {
        server.event(new TargetEvent.ProtocolError(who(), detail));
        if (session != null) sendReject(Opcodes.REJECT_PROTOCOL_ERROR, new byte[PduCodec.BHS_LENGTH]);
        if (session != null && !ended) endSession("protocol error: " + detail, true);
        else closeAfterFlush();
    }

    /** A Data-Out that does not fit its sequence: reported, the command fails, the session continues. */
    void dataSequenceError(String detail) {
        server.event(new TargetEvent.ProtocolError(who(), detail));
    }

    void reject(int reason, Pdu offending) {
        ByteBuf b = Unpooled.buffer(PduCodec.encodedLength(offending, false, false));
        PduCodec.encode(offending, b, false, false);
        byte[] header = new byte[PduCodec.BHS_LENGTH];
        b.getBytes(0, header);
        sendReject(reason, header);
    }

    private void sendReject(int reason, byte[] header) {
        send(new Pdu.Reject(reason, nextStatSn(), expCmdSn(), maxCmdSn(), 0, header));
    }

    // ------------------------------------------------------------------------------------ NOP-In pings

    /** Target ping on an idle connection (§11.19); an unanswered one by the next tick ends the connection. */
    private void ping() {
        if (ended || closing) return;
        if (pingTtt != Pdu.RESERVED_TAG && !readSincePing) {
            endSession("no answer to NOP-In", true);
            return;
        }
        if (readSincePing) {
            readSincePing = false;
            return;
        }
        pingTtt = nextPingTtt;
        nextPingTtt = nextPingTtt == 0x7FFF_FFFF ? 1 : nextPingTtt + 1;
        ctx.writeAndFlush(encode(new Pdu.NopIn(0, Pdu.RESERVED_TAG, pingTtt, statSn, expCmdSn(), maxCmdSn(), Pdu.NO_DATA)),
                ctx.voidPromise());
    }

    // ------------------------------------------------------------------------------------ output and numbering

    /**
     * Queues {@code p}; flushed at the end of the read batch, or at once when sent from outside one.
     * Encoding here rather than in a pipeline encoder saves a handler hop per PDU on the hot path.
     */
    void send(Pdu p) {
        if (closing) return;
        ByteBuf b = encode(p);
        if (inRead) ctx.write(b, ctx.voidPromise());
        else ctx.writeAndFlush(b, ctx.voidPromise());
    }

    private ByteBuf encode(Pdu p) {
        ByteBuf b = ctx.alloc().directBuffer(PduCodec.encodedLength(p, headerDigest, dataDigest));
        PduCodec.encode(p, b, headerDigest, dataDigest);
        return b;
    }

    private void closeAfterFlush() {
        if (closing) return;
        closing = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** The StatSN for a status-bearing PDU, advancing it (§4.2.2.2). */
    int nextStatSn() { return statSn++; }

    /** The current StatSN, for PDUs that do not advance it (R2T, Data-In without status). */
    int statSn() { return statSn; }

    int expCmdSn() { return window == null ? 0 : window.expCmdSn(); }

    int maxCmdSn() { return window == null ? 0 : window.maxCmdSn(); }

    CommandWindow window() { return window; }

    InetSocketAddress localAddress() { return (InetSocketAddress) ctx.channel().localAddress(); }

    private String who() {
        if (session != null) return session.initiatorPortName();
        return login == null || login.initiatorName().isEmpty() ? String.valueOf(ctx.channel().remoteAddress()) : login.initiatorName();
    }
}
