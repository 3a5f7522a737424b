package dev.clusterlab.engine.capture;

import java.nio.ByteBuffer;

/**
 * One made-up TCP connection between an initiator and a target, as Ethernet II + IPv4 + TCP frames
 * with consistent sequence and acknowledgement numbers and correct IPv4 and TCP checksums (RFC 791
 * §3.1, RFC 9293 §3.1), so Wireshark follows it as one stream without complaints. Every segment
 * acknowledges all the peer has sent, so no pure ACKs are needed; the SYNs carry a window scale
 * (RFC 7323 §2) so a 64 KiB Data-In burst never fills the advertised window.
 */
final class SyntheticConnection {
    static final int FIN = 0x01, SYN = 0x02, PSH = 0x08, ACK = 0x10;
    private static final int ETHERNET = 14, IPV4 = 20, TCP = 20, SYN_OPTIONS = 8;
    private static final int WINDOW_SCALE = 7;

    private final int initiatorIp, targetIp, initiatorPort, targetPort;
    private long initiatorSeq, targetSeq; // next sequence number each side sends
    private int ipId;

    SyntheticConnection(int initiatorIp, int initiatorPort, int targetIp, int targetPort, int seed) {
        this.initiatorIp = initiatorIp;
        this.initiatorPort = initiatorPort;
        this.targetIp = targetIp;
        this.targetPort = targetPort;
        // Fixed, distinct initial sequence numbers: exports are deterministic.
        this.initiatorSeq = 0x1000_0000L + seed * 0x0010_0000L & 0xFFFF_FFFFL;
        this.targetSeq = 0x8000_0000L + seed * 0x0010_0000L & 0xFFFF_FFFFL;
        this.ipId = seed * 1000 & 0xFFFF;
    }

    /** The three-way handshake: SYN, SYN-ACK, ACK. */
    byte[][] handshake() {
        byte[] syn = frame(true, SYN, new byte[0]);
        byte[] synAck = frame(false, SYN | ACK, new byte[0]);
        byte[] ack = frame(true, ACK, new byte[0]);
        return new byte[][] {syn, synAck, ack};
    }

    /** One data segment (PSH, ACK) from the initiator ({@code fromInitiator}) or the target. */
    byte[] data(boolean fromInitiator, byte[] payload) { return frame(fromInitiator, PSH | ACK, payload); }

    private byte[] frame(boolean fromInitiator, int flags, byte[] payload) {
        boolean syn = (flags & SYN) != 0;
        int tcpLength = TCP + (syn ? SYN_OPTIONS : 0) + payload.length;
        ByteBuffer f = ByteBuffer.allocate(ETHERNET + IPV4 + tcpLength);
        int src = fromInitiator ? initiatorIp : targetIp, dst = fromInitiator ? targetIp : initiatorIp;
        // Ethernet II: locally administered MACs derived from the IP addresses.
        f.putShort((short) 0x0200).putInt(dst).putShort((short) 0x0200).putInt(src).putShort((short) 0x0800);
        int ip = f.position();
        f.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4 + tcpLength)).putShort((short) ipId++)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(dst);
        f.putShort(ip + 10, (short) checksum(f.array(), ip, IPV4, 0));
        int tcp = f.position();
        long seq = fromInitiator ? initiatorSeq : targetSeq, ack = fromInitiator ? targetSeq : initiatorSeq;
        int headerWords = (TCP + (syn ? SYN_OPTIONS : 0)) / 4;
        f.putShort((short) (fromInitiator ? initiatorPort : targetPort)).putShort((short) (fromInitiator ? targetPort : initiatorPort))
                .putInt((int) seq).putInt((flags & ACK) != 0 ? (int) ack : 0).put((byte) (headerWords << 4)).put((byte) flags)
                .putShort((short) 0xFFFF).putShort((short) 0).putShort((short) 0);
        if (syn) f.put(new byte[] {2, 4, (byte) 0xFF, (byte) 0xD7, 1, 3, 3, WINDOW_SCALE}); // MSS 65495, NOP, wscale 7
        f.put(payload);
        int pseudo = sum16(src) + sum16(dst) + 6 + tcpLength;
        f.putShort(tcp + 16, (short) checksum(f.array(), tcp, tcpLength, pseudo));
        long advance = payload.length + (syn ? 1 : 0) + ((flags & FIN) != 0 ? 1 : 0);
        if (fromInitiator) initiatorSeq = initiatorSeq + advance & 0xFFFF_FFFFL;
        else targetSeq = targetSeq + advance & 0xFFFF_FFFFL;
        return f.array();
    }

    private static int sum16(int v) { return (v >>> 16) + (v & 0xFFFF); }

    /** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
    static int checksum(byte[] b, int off, int len, int initial) {
        long sum = initial;
        int i = off;
        for (; i + 1 < off + len; i += 2) sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        if (i < off + len) sum += (b[i] & 0xFF) << 8;
        while ((sum >>> 16) != 0) sum = (sum & 0xFFFF) + (sum >>> 16);
        return (int) (~sum & 0xFFFF);
    }
}
