package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-built captures for the import tests: iSCSI PDUs in TCP segments in IPv4 in a link layer in pcap/pcapng. */
final class CaptureImportFixtures {
    static final String INITIATOR = "iqn.2026-11.dev.clusterlab.test:node-a";
    static final String TARGET = "iqn.2026-11.dev.clusterlab.test:disk1";
    static final long ISID = 0x23D0_0000_0001L;

    private CaptureImportFixtures() {}

    /** A frame and its capture time. */
    record Frame(long timeMicros, byte[] bytes) {}

    static byte[] encode(Pdu pdu) { return encode(pdu, false, false); }

    static byte[] encode(Pdu pdu, boolean headerDigest, boolean dataDigest) {
        ByteBuf b = Unpooled.buffer();
        PduCodec.encode(pdu, b, headerDigest, dataDigest);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] text(String... pairs) {
        List<TextCodec.KeyValue> kv = new ArrayList<>();
        for (String p : pairs) kv.add(new TextCodec.KeyValue(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
        return TextCodec.encode(kv);
    }

    static byte[] loginRequest(String initiator, long isid, String digest) {
        return encode(new Pdu.LoginRequest(true, false, 1, 3, 0, 0, isid, 0, 1, 0, 0, 0,
                text("InitiatorName=" + initiator, "TargetName=" + TARGET, "SessionType=Normal", "HeaderDigest=" + digest,
                        "DataDigest=" + digest)));
    }

    static byte[] loginResponse(long isid, String digest) {
        return encode(new Pdu.LoginResponse(true, false, 1, 3, 0, 0, isid, 7, 1, 0, 1, 64, 0, 0,
                text("HeaderDigest=" + digest, "DataDigest=" + digest, "TargetPortalGroupTag=1")));
    }

    static byte[] cdb16(byte[] cdb) { return Arrays.copyOf(cdb, 16); }

    static byte[] register(int itt, long key, boolean digests) {
        byte[] params = Cdbs.prOutParameters(0, key, false, false);
        return encode(new Pdu.ScsiCommand(false, true, false, true, 0, 0, itt, params.length, itt, 1,
                cdb16(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, params.length)), params), digests, digests);
    }

    static byte[] reserve(int itt, long key, int type) {
        byte[] params = Cdbs.prOutParameters(key, 0, false, false);
        return encode(new Pdu.ScsiCommand(false, true, false, true, 0, 0, itt, params.length, itt, 1,
                cdb16(Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, type, params.length)), params));
    }

    static byte[] write10(int itt) {
        return encode(new Pdu.ScsiCommand(false, true, false, true, 0, 0, itt, 512, itt, 1, cdb16(Cdbs.write10(0, 1)), new byte[512]));
    }

    /** CHECK CONDITION with fixed-format sense (key, ASC, ASCQ) in the SCSI Response's data segment. */
    static byte[] checkCondition(int itt, int key, int asc, int ascq) {
        byte[] d = new byte[2 + 18];
        d[1] = 18;
        d[2] = 0x70;
        d[4] = (byte) key;
        d[9] = 10;
        d[14] = (byte) asc;
        d[15] = (byte) ascq;
        return encode(new Pdu.ScsiResponse(0, 0, 0x02, itt, itt, itt + 1, itt + 64, 0, 0, 0, d));
    }

    static byte[] preempt(int itt, long key, long victim, int type) {
        byte[] params = Cdbs.prOutParameters(key, victim, false, false);
        return encode(new Pdu.ScsiCommand(false, true, false, true, 0, 0, itt, params.length, itt, 1,
                cdb16(Cdbs.persistentReserveOut(PrOutAction.PREEMPT, 0, type, params.length)), params));
    }

    static byte[] readReservation(int itt) {
        return encode(new Pdu.ScsiCommand(false, true, true, false, 0, 0, itt, 512, itt, 1,
                cdb16(Cdbs.persistentReserveIn(PrInAction.READ_RESERVATION, 512)), Pdu.NO_DATA));
    }

    /** READ RESERVATION data saying "no reservation" (generation, additional length 0). */
    static byte[] noReservationDataIn(int itt, int generation) {
        byte[] d = new byte[8];
        ByteBuffer.wrap(d).putInt(generation);
        return encode(new Pdu.DataIn(Pdu.DataIn.FINAL | Pdu.DataIn.STATUS | Pdu.DataIn.UNDERFLOW, 0, 0, itt, -1, itt, itt + 1, itt + 64,
                0, 0, 512 - d.length, d, 0, d.length));
    }

    static byte[] readKeys(int itt, boolean digests) {
        return encode(new Pdu.ScsiCommand(false, true, true, false, 0, 0, itt, 512, itt, 1,
                cdb16(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 512)), Pdu.NO_DATA), digests, digests);
    }

    static byte[] good(int itt, boolean digests) {
        return encode(new Pdu.ScsiResponse(0, 0, 0, itt, itt, itt + 1, itt + 64, 0, 0, 0, Pdu.NO_DATA), digests, digests);
    }

    /** READ KEYS data (generation, keys) in a final Data-In PDU carrying GOOD status. */
    static byte[] keysDataIn(int itt, int generation, long... keys) {
        byte[] d = new byte[8 + 8 * keys.length];
        ByteBuffer.wrap(d).putInt(generation).putInt(8 * keys.length);
        for (int i = 0; i < keys.length; i++) ByteBuffer.wrap(d).putLong(8 + 8 * i, keys[i]);
        return encode(new Pdu.DataIn(Pdu.DataIn.FINAL | Pdu.DataIn.STATUS | Pdu.DataIn.UNDERFLOW, 0, 0, itt, -1, itt, itt + 1, itt + 64,
                0, 0, 512 - d.length, d, 0, d.length));
    }

    /** The PDUs of a session: login, REGISTER key 0xA1 (GOOD), READ KEYS (generation 1, key 0xA1). */
    static byte[][] session() {
        return new byte[][] {loginRequest(INITIATOR, ISID, "None"), loginResponse(ISID, "None"), register(2, 0xA1, false), good(2, false),
                readKeys(3, false), keysDataIn(3, 1, 0xA1)};
    }

    // ---------------------------------------------------------------- TCP/IP

    /** Builds the segments of one TCP connection; sequence numbers start at isn + 1 after the handshake. */
    static final class Connection {
        final String client = "10.0.0.1", server = "10.0.0.2";
        final int serverPort = 3260;
        int clientPort = 40001;
        int clientSeq = 0xFFFF_FF00, serverSeq = 0x7FFF_FFF0; // sequence numbers wrap past 2^32 (client) and 2^31 (server)
        long time = 1_000_000;
        final List<Frame> frames = new ArrayList<>();
        final Link link;

        Connection(Link link) { this.link = link; }

        Connection handshake() {
            frames.add(frame(true, clientSeq++, TcpSegment.SYN, new byte[0]));
            frames.add(frame(false, serverSeq++, TcpSegment.SYN | TcpSegment.ACK, new byte[0]));
            return this;
        }

        /** Sends {@code data} in one segment. */
        Connection send(boolean fromClient, byte[] data) { return send(fromClient, data, 1); }

        /** Sends {@code data} split into {@code parts} segments. */
        Connection send(boolean fromClient, byte[] data, int parts) {
            int step = (data.length + parts - 1) / parts;
            for (int at = 0; at < data.length; at += step) {
                byte[] piece = Arrays.copyOfRange(data, at, Math.min(data.length, at + step));
                frames.add(frame(fromClient, fromClient ? clientSeq : serverSeq, TcpSegment.ACK, piece));
                if (fromClient) clientSeq += piece.length;
                else serverSeq += piece.length;
            }
            return this;
        }

        Frame frame(boolean fromClient, int seq, int flags, byte[] payload) {
            time += 100;
            byte[] ip = fromClient ? ipv4Tcp(client, server, clientPort, serverPort, seq, flags, payload)
                    : ipv4Tcp(server, client, serverPort, clientPort, seq, flags, payload);
            return new Frame(time, link.wrap(ip));
        }
    }

    enum Link {
        ETHERNET(1), SLL(113), SLL2(276), RAW(101), NULL(0);

        final int type;

        Link(int type) { this.type = type; }

        byte[] wrap(byte[] ip) {
            return switch (this) {
                case ETHERNET -> concat(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00}, ip);
                case SLL -> concat(new byte[] {0, 0, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0, 0x08, 0x00}, ip);
                case SLL2 -> concat(new byte[] {0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0}, ip);
                case RAW -> ip;
                case NULL -> concat(new byte[] {2, 0, 0, 0}, ip);
            };
        }
    }

    static byte[] ipv4Tcp(String src, String dst, int sport, int dport, int seq, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putInt(0).put((byte) 64).put((byte) 6).putShort((short) 0);
        for (String part : src.split("\\.")) b.put((byte) Integer.parseInt(part));
        for (String part : dst.split("\\.")) b.put((byte) Integer.parseInt(part));
        b.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(0).put((byte) 0x50).put((byte) flags)
                .putShort((short) 65535).putInt(0);
        b.put(payload);
        return b.array();
    }

    // ---------------------------------------------------------------- files

    static byte[] pcap(int linkType, List<Frame> frames, ByteOrder order, boolean nano) {
        ByteBuffer b = ByteBuffer.allocate(24 + frames.stream().mapToInt(f -> 16 + f.bytes().length).sum()).order(order);
        b.putInt(nano ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        for (Frame f : frames) {
            b.putInt((int) (f.timeMicros() / 1_000_000)).putInt((int) (f.timeMicros() % 1_000_000 * (nano ? 1000 : 1)))
                    .putInt(f.bytes().length).putInt(f.bytes().length).put(f.bytes());
        }
        return b.array();
    }

    /** A pcapng file: one section, one interface per link type given; frame i goes to interface {@code interfaceOf[i]}. */
    static byte[] pcapng(ByteOrder order, int[] linkTypes, List<Frame> frames, int[] interfaceOf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer shb = ByteBuffer.allocate(28).order(order);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        out.writeBytes(shb.array());
        for (int linkType : linkTypes) {
            ByteBuffer idb = ByteBuffer.allocate(32).order(order);
            // if_tsresol = 9 (nanoseconds) on every interface, then opt_endofopt
            idb.putInt(1).putInt(32).putShort((short) linkType).putShort((short) 0).putInt(0)
                    .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0).putInt(32);
            out.writeBytes(idb.array());
        }
        for (int i = 0; i < frames.size(); i++) {
            byte[] data = frames.get(i).bytes();
            int padded = (data.length + 3) & ~3;
            int length = 32 + padded;
            long ns = frames.get(i).timeMicros() * 1000;
            ByteBuffer epb = ByteBuffer.allocate(length).order(order);
            epb.putInt(6).putInt(length).putInt(interfaceOf[i]).putInt((int) (ns >>> 32)).putInt((int) ns).putInt(data.length)
                    .putInt(data.length).put(data).put(new byte[padded - data.length]).putInt(length);
            out.writeBytes(epb.array());
        }
        return out.toByteArray();
    }
}
