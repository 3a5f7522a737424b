package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Opcodes;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text Requests in the full feature phase (RFC 7143 §11.10): SendTargets (§13.3 and Appendix C),
 * both {@code SendTargets=All} in a Discovery session and the empty form in a Normal one. A reply
 * longer than the initiator's MaxRecvDataSegmentLength goes out in pieces with C=1 and a target
 * transfer tag the initiator echoes in empty requests for the rest.
 */
final class TextRequests {
    private final IscsiConnection conn;
    private final ServerContext server;
    private final Session session;
    private final ContinuedText text;
    private byte[] pending;
    private int pendingOffset;
    private int pendingTtt;
    private int nextTtt = 1;

    TextRequests(IscsiConnection conn, ServerContext server, Session session) {
        this.text = new ContinuedText(server.limits().maxTextLength());
        this.conn = conn;
        this.server = server;
        this.session = session;
    }

    void handle(Pdu.TextRequest t) {
        if (t.ttt() != Pdu.RESERVED_TAG) {
            if (pending != null && t.ttt() == pendingTtt) sendPiece(t);
            else conn.reject(Opcodes.REJECT_INVALID_PDU_FIELD, t);
            return;
        }
        pending = null; // a new exchange resets any unfinished one (§11.10.4)
        byte[] data;
        switch (text.append(t.data(), t.continueFlag())) {
            case ContinuedText.NeedMore m -> {
                conn.send(new Pdu.TextResponse(false, false, t.lun(), t.itt(), Pdu.RESERVED_TAG, conn.nextStatSn(),
                        conn.expCmdSn(), conn.maxCmdSn(), Pdu.NO_DATA));
                return;
            }
            case ContinuedText.TooLong l -> {
                conn.reject(Opcodes.REJECT_PROTOCOL_ERROR, t);
                return;
            }
            case ContinuedText.Complete c -> data = c.text();
        }
        List<KeyValue> keys;
        try {
            keys = TextCodec.parse(data, server.limits().maxTextLength());
        } catch (TextCodec.TextFormatException e) {
            conn.reject(Opcodes.REJECT_PROTOCOL_ERROR, t);
            return;
        }
        List<KeyValue> reply = new ArrayList<>();
        for (KeyValue kv : keys) {
            if (kv.key().equals("SendTargets")) sendTargets(kv.value(), reply);
            else reply.add(new KeyValue(kv.key(), "NotUnderstood"));
        }
        pending = TextCodec.encode(reply);
        pendingOffset = 0;
        pendingTtt = nextTtt;
        nextTtt = nextTtt == 0x7FFF_FFFF ? 1 : nextTtt + 1;
        sendPiece(t);
    }

    private void sendPiece(Pdu.TextRequest t) {
        int max = session.parameters().initiatorMaxRecvDataSegmentLength();
        int n = Math.min(max, pending.length - pendingOffset);
        byte[] piece = Arrays.copyOfRange(pending, pendingOffset, pendingOffset + n);
        pendingOffset += n;
        boolean last = pendingOffset == pending.length;
        conn.send(new Pdu.TextResponse(last, !last, t.lun(), t.itt(), last ? Pdu.RESERVED_TAG : pendingTtt,
                conn.nextStatSn(), conn.expCmdSn(), conn.maxCmdSn(), piece));
        if (last) pending = null;
    }

    /** Appendix C: TargetName then its TargetAddress=ip:port,tag lines, for the targets this initiator may see. */
    private void sendTargets(String which, List<KeyValue> reply) {
        for (TargetRuntime t : server.targets()) {
            boolean wanted = which.equals("All") ? session.discovery()
                    : which.isEmpty() ? t == session.target() : t.name().equalsIgnoreCase(which);
            if (!wanted || !t.admits(session.initiatorName())) continue;
            reply.add(new KeyValue("TargetName", t.name()));
            for (ServerContext.Portal p : server.portals())
                for (ServerContext.Served s : p.served())
                    if (s.target() == t) reply.add(new KeyValue("TargetAddress", address(p.address()) + "," + s.tag()));
        }
    }

    private String address(InetSocketAddress a) {
        java.net.InetAddress ip = a.getAddress();
        if (ip == null || ip.isAnyLocalAddress()) ip = conn.localAddress().getAddress();
        String host = ip.getHostAddress();
        if (ip instanceof Inet6Address) host = "[" + host + "]";
        return host + ":" + a.getPort();
    }
}
