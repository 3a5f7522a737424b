package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.iscsi.pdu.DecodeError;
import dev.clusterlab.engine.iscsi.pdu.Opcodes;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The iSCSI PDUs of one TCP connection, both directions merged in capture order. Digests are
 * switched on as the login negotiated them, from the first full-feature PDU (RFC 7143 §13.1). A
 * connection whose start is not in the capture is framed by searching the first PDU boundary (a
 * run of well-formed PDUs of the right direction, header digests checked when present); failing
 * that it is skipped with a note.
 */
public final class IscsiConversation {
    private static final int MAX_SEGMENT = 16 * 1024 * 1024;
    private static final int SEARCH_WINDOW = 64 * 1024;

    /** A PDU and when its last byte was captured, relative to nothing (absolute capture time). */
    public record TimedPdu(long time, boolean fromInitiator, Pdu pdu) {}

    /**
     * @param iscsi whether the connection carried iSCSI at all
     * @param loginSeen whether the login is in the capture (else names and ISID are unknown)
     * @param loginKeys the negotiated text keys (response values win), in order
     */
    public record Conversation(TcpConnections.Connection connection, boolean iscsi, boolean loginSeen, List<TimedPdu> pdus,
                               Map<String, String> loginKeys, List<String> notes) {}

    private static final class Cursor {
        final TcpStreamReassembler.Stream stream;
        final ByteBuf buf;
        final boolean initiator;
        boolean headerDigest, dataDigest, done;
        Object peeked;
        int peekStart;
        long peekTime;

        Cursor(TcpStreamReassembler.Stream stream, boolean initiator) {
            this.stream = stream;
            this.buf = Unpooled.wrappedBuffer(stream.bytes());
            this.initiator = initiator;
        }

        void digests(boolean header, boolean data) {
            headerDigest = header;
            dataDigest = data;
            if (peeked != null) {
                buf.readerIndex(peekStart);
                peeked = null;
            }
        }
    }

    private IscsiConversation() {}

    public static Conversation parse(TcpConnections.Connection c) {
        List<String> notes = new ArrayList<>();
        Cursor out = new Cursor(c.toServer(), true), in = new Cursor(c.toClient(), false);
        String who = c.label() + ": ";
        if (c.toServer().note() != null) notes.add(who + "initiator to target " + c.toServer().note());
        if (c.toClient().note() != null) notes.add(who + "target to initiator " + c.toClient().note());
        if (c.toServer().bytes().length == 0) return new Conversation(c, false, false, List.of(), Map.of(), notes);
        // A login request opens the stream: opcode 03h and version-max/min 0 (RFC 7143 §11.12).
        boolean loginSeen = out.buf.readableBytes() >= 48 && (out.buf.getUnsignedByte(0) & 0x3F) == Opcodes.LOGIN_REQUEST
                && out.buf.getUnsignedByte(2) == 0 && out.buf.getUnsignedByte(3) == 0;
        if (!loginSeen) {
            int[] sync = synchronize(out, -1);
            if (sync == null) return new Conversation(c, false, false, List.of(), Map.of(), notes);
            out.buf.readerIndex(sync[0]);
            out.digests(sync[1] != 0, sync[2] != 0);
            int[] back = synchronize(in, (sync[1] << 1) | sync[2]);
            if (back != null) {
                in.buf.readerIndex(back[0]);
                in.digests(back[1] != 0, back[2] != 0);
            } else in.done = true;
            notes.add(who + "the capture starts mid-connection (no login): the first PDU boundary was found at byte " + sync[0]
                    + "; initiator and target names are unknown");
        }
        List<TimedPdu> pdus = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        while (true) {
            peek(out, notes, who);
            peek(in, notes, who);
            if (out.peeked == null && in.peeked == null) break;
            Cursor next = in.peeked == null || (out.peeked != null && out.peekTime <= in.peekTime) ? out : in;
            Object item = next.peeked;
            next.peeked = null;
            if (!(item instanceof Pdu pdu)) continue;
            pdus.add(new TimedPdu(next.peekTime, next.initiator, pdu));
            if (pdu instanceof Pdu.LoginRequest r) collectKeys(r.data(), keys);
            if (pdu instanceof Pdu.LoginResponse r) {
                collectKeys(r.data(), keys);
                if (r.transit() && r.nextStage() == 3 && r.statusClass() == 0) {
                    boolean hd = "CRC32C".equalsIgnoreCase(keys.get("HeaderDigest"));
                    boolean dd = "CRC32C".equalsIgnoreCase(keys.get("DataDigest"));
                    out.digests(hd, dd);
                    in.digests(hd, dd);
                }
            }
        }
        return new Conversation(c, true, loginSeen, pdus, keys, notes);
    }

    private static void collectKeys(byte[] data, Map<String, String> keys) {
        try {
            for (TextCodec.KeyValue kv : TextCodec.parse(data, MAX_SEGMENT)) keys.put(kv.key(), kv.value());
        } catch (TextCodec.TextFormatException e) {
            // a malformed login text only costs us names; the PDUs still frame
        }
    }

    private static void peek(Cursor c, List<String> notes, String who) {
        if (c.done || c.peeked != null) return;
        int start = c.buf.readerIndex();
        if (c.buf.readableBytes() == 0) {
            c.done = true;
            return;
        }
        Object decoded = PduCodec.decodeFrame(c.buf, c.headerDigest, c.dataDigest, MAX_SEGMENT);
        String side = c.initiator ? "initiator to target" : "target to initiator";
        if (decoded == null) {
            c.done = true;
            if (c.stream.note() == null)
                notes.add(who + side + ": the capture ends inside a PDU (" + c.buf.readableBytes() + " bytes at the end ignored)");
            return;
        }
        if (decoded instanceof DecodeError e) {
            notes.add(who + side + ": " + e.detail() + " at stream byte " + start + (e.fatal() ? "; the rest of this direction is ignored" : ""));
            if (e.fatal()) {
                c.done = true;
                return;
            }
        }
        c.peeked = decoded;
        c.peekStart = start;
        c.peekTime = c.stream.timeAt(c.buf.readerIndex() - 1L);
    }

    /**
     * The first offset in {@code c}'s stream where well-formed PDUs of its direction follow each
     * other, with the digest settings that frame them: {offset, headerDigest, dataDigest}, or null.
     *
     * @param preferred digest combination to try first (bit 1 header, bit 0 data), or -1
     */
    private static int[] synchronize(Cursor c, int preferred) {
        int[] order = preferred >= 0 ? new int[] {preferred, 0, 2, 3, 1} : new int[] {0, 2, 3, 1};
        int limit = Math.min(c.buf.writerIndex(), SEARCH_WINDOW);
        for (int offset = 0; offset < limit; offset++) {
            for (int combo : order) {
                if (plausibleRun(c, offset, (combo & 2) != 0, (combo & 1) != 0)) return new int[] {offset, combo >> 1, combo & 1};
            }
        }
        return null;
    }

    private static boolean plausibleRun(Cursor c, int offset, boolean hd, boolean dd) {
        ByteBuf probe = c.buf.duplicate().readerIndex(offset);
        int frames = 0;
        while (frames < 3) {
            if (probe.readableBytes() == 0) return frames >= 1 && (hd || frames >= 2);
            int at = probe.readerIndex();
            if (probe.readableBytes() < PduCodec.BHS_LENGTH) return frames >= 2;
            int opcode = probe.getUnsignedByte(at) & 0x3F;
            if (probe.getUnsignedByte(at + 4) > 16 || !validOpcode(opcode, c.initiator) || !plausibleHeader(probe, at, opcode)) return false;
            Object d = PduCodec.decodeFrame(probe, hd, dd, MAX_SEGMENT);
            if (d == null) return frames >= 2;
            if (!(d instanceof Pdu)) return false;
            frames++;
        }
        return true;
    }

    /**
     * Fixed bits a real BHS has (RFC 7143 §11): without these checks a run of zero bytes reads as
     * NOP-Outs. NOP-Out/In: byte 1 is 80h and ITT or TTT is the reserved tag; SCSI Command: reserved
     * bits of byte 1 and bytes 2-3 are zero; SCSI Response and R2T: F is set; Data-Out: only F may be set.
     */
    private static boolean plausibleHeader(ByteBuf b, int at, int opcode) {
        int b1 = b.getUnsignedByte(at + 1);
        return switch (opcode) {
            case Opcodes.NOP_OUT, Opcodes.NOP_IN -> b1 == 0x80 && (b.getInt(at + 16) == -1 || b.getInt(at + 20) == -1);
            case Opcodes.SCSI_COMMAND -> (b1 & 0x18) == 0 && b.getUnsignedShort(at + 2) == 0;
            case Opcodes.SCSI_RESPONSE -> (b1 & 0x80) != 0 && (b1 & 0x61) == 0;
            case Opcodes.R2T -> b1 == 0x80;
            case Opcodes.DATA_OUT -> (b1 & 0x7F) == 0;
            default -> true;
        };
    }

    private static boolean validOpcode(int op, boolean initiator) {
        return initiator
                ? op == Opcodes.NOP_OUT || op == Opcodes.SCSI_COMMAND || op == Opcodes.TASK_MANAGEMENT_REQUEST || op == Opcodes.TEXT_REQUEST
                        || op == Opcodes.DATA_OUT || op == Opcodes.LOGOUT_REQUEST || op == Opcodes.SNACK_REQUEST
                : op == Opcodes.NOP_IN || op == Opcodes.SCSI_RESPONSE || op == Opcodes.TASK_MANAGEMENT_RESPONSE || op == Opcodes.TEXT_RESPONSE
                        || op == Opcodes.DATA_IN || op == Opcodes.LOGOUT_RESPONSE || op == Opcodes.R2T || op == Opcodes.ASYNC_MESSAGE
                        || op == Opcodes.REJECT;
    }
}
