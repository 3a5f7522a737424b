package dev.clusterlab.engine.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Finds the TCP segment in a captured frame: link layer (Ethernet with VLAN tags, Linux cooked
 * SLL and SLL2 as {@code tcpdump -i any} writes, BSD loopback NULL/LOOP, raw IP) then IPv4 or IPv6
 * then TCP. Anything else (ARP, UDP, IP fragments after the first, a frame cut short by the snap
 * length) is not a segment: {@link #decode} returns null and {@link #lastReason()} says why.
 */
public final class TcpSegmentDecoder {
    static final int LINKTYPE_NULL = 0, LINKTYPE_ETHERNET = 1, LINKTYPE_RAW = 101, LINKTYPE_LOOP = 108,
            LINKTYPE_LINUX_SLL = 113, LINKTYPE_IPV4 = 228, LINKTYPE_IPV6 = 229, LINKTYPE_LINUX_SLL2 = 276,
            LINKTYPE_RAW_OPENBSD = 12, LINKTYPE_RAW_BSDOS = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86DD, ETHERTYPE_VLAN = 0x8100, ETHERTYPE_QINQ = 0x88A8;
    private static final int PROTOCOL_TCP = 6;

    private String lastReason;
    private boolean sawIp;
    private boolean unknownLinkType;

    /** Why the last frame gave no segment (null after a segment). */
    public String lastReason() { return lastReason; }

    /** Whether any frame so far carried IP (so "no TCP" can be told from "no IP"). */
    public boolean sawIp() { return sawIp; }

    /** Whether a frame had a link type this decoder does not know. */
    public boolean sawUnknownLinkType() { return unknownLinkType; }

    public TcpSegment decode(CapturedPacket p) {
        byte[] f = p.frame();
        int ipStart;
        int etherType;
        switch (p.linkType()) {
            case LINKTYPE_ETHERNET -> {
                if (f.length < 14) return none("short Ethernet frame");
                int at = 12;
                etherType = u16(f, at);
                while ((etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ) && f.length >= at + 6) {
                    at += 4;
                    etherType = u16(f, at);
                }
                ipStart = at + 2;
            }
            case LINKTYPE_LINUX_SLL -> {
                if (f.length < 16) return none("short Linux cooked (SLL) header");
                etherType = u16(f, 14);
                ipStart = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (f.length < 20) return none("short Linux cooked (SLL2) header");
                etherType = u16(f, 0);
                ipStart = 20;
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                if (f.length < 4) return none("short loopback header");
                // NULL stores the address family in the capturing host's byte order, LOOP in network order.
                int family = f[0] == 0 && f[1] == 0 ? u16(f, 2) : (f[0] & 0xFF) | (f[1] & 0xFF) << 8;
                etherType = family == 2 ? ETHERTYPE_IPV4 : family == 24 || family == 28 || family == 30 ? ETHERTYPE_IPV6 : -1;
                ipStart = 4;
            }
            case LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD, LINKTYPE_RAW_BSDOS, LINKTYPE_IPV4, LINKTYPE_IPV6 -> {
                if (f.length < 1) return none("empty raw IP packet");
                int version = (f[0] & 0xF0) >>> 4;
                etherType = version == 4 ? ETHERTYPE_IPV4 : version == 6 ? ETHERTYPE_IPV6 : -1;
                ipStart = 0;
            }
            default -> {
                unknownLinkType = true;
                return none("link type " + p.linkType() + " is not supported");
            }
        }
        return switch (etherType) {
            case ETHERTYPE_IPV4 -> ipv4(p.timeNanos(), f, ipStart);
            case ETHERTYPE_IPV6 -> ipv6(p.timeNanos(), f, ipStart);
            default -> none("not IP");
        };
    }

    private TcpSegment ipv4(long time, byte[] f, int at) {
        if (f.length < at + 20 || (f[at] & 0xF0) != 0x40) return none("short or bad IPv4 header");
        sawIp = true;
        int headerLength = (f[at] & 0x0F) * 4;
        int total = u16(f, at + 2);
        int fragmentOffset = u16(f, at + 6) & 0x1FFF;
        boolean moreFragments = (f[at + 6] & 0x20) != 0;
        if (f[at + 9] != PROTOCOL_TCP) return none("not TCP");
        if (fragmentOffset != 0 || moreFragments) return none("fragmented IPv4 packet");
        // total 0 happens with TCP segmentation offload: the frame length is then the truth.
        int end = total == 0 ? f.length : Math.min(f.length, at + total);
        if (total > 0 && f.length < at + total) return none("IPv4 packet cut short by the snap length");
        return tcp(time, f, at + headerLength, end, address(f, at + 12, 4), address(f, at + 16, 4), false);
    }

    private TcpSegment ipv6(long time, byte[] f, int at) {
        if (f.length < at + 40 || (f[at] & 0xF0) != 0x60) return none("short or bad IPv6 header");
        sawIp = true;
        int payloadLength = u16(f, at + 4);
        int next = f[at + 6] & 0xFF;
        int end = payloadLength == 0 ? f.length : at + 40 + payloadLength;
        if (end > f.length) return none("IPv6 packet cut short by the snap length");
        int pos = at + 40;
        // Skip the extension headers a host may put before TCP: hop-by-hop, routing, destination options.
        while (next == 0 || next == 43 || next == 60) {
            if (pos + 8 > end) return none("short IPv6 extension header");
            next = f[pos] & 0xFF;
            pos += ((f[pos + 1] & 0xFF) + 1) * 8;
        }
        if (next == 44) return none("fragmented IPv6 packet");
        if (next != PROTOCOL_TCP) return none("not TCP");
        return tcp(time, f, pos, end, address(f, at + 8, 16), address(f, at + 24, 16), true);
    }

    private TcpSegment tcp(long time, byte[] f, int at, int end, String src, String dst, boolean v6) {
        if (end - at < 20) return none("short TCP header");
        int dataOffset = ((f[at + 12] & 0xF0) >>> 4) * 4;
        if (dataOffset < 20 || at + dataOffset > end) return none("bad TCP header length");
        String source = (v6 ? "[" + src + "]" : src) + ":" + u16(f, at);
        String destination = (v6 ? "[" + dst + "]" : dst) + ":" + u16(f, at + 2);
        int sequence = ((f[at + 4] & 0xFF) << 24) | ((f[at + 5] & 0xFF) << 16) | ((f[at + 6] & 0xFF) << 8) | (f[at + 7] & 0xFF);
        lastReason = null;
        return new TcpSegment(time, source, destination, sequence, f[at + 13] & 0xFF, Arrays.copyOfRange(f, at + dataOffset, end));
    }

    private static String address(byte[] f, int at, int length) {
        try {
            String text = InetAddress.getByAddress(Arrays.copyOfRange(f, at, at + length)).getHostAddress();
            return length == 16 ? compressed(text) : text;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    /** "0:0:0:0:0:0:0:1" as "::1": the longest run of zero groups becomes "::" (RFC 5952 §4.2). */
    private static String compressed(String v6) {
        String[] groups = v6.split(":");
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) return v6;
        return String.join(":", Arrays.copyOfRange(groups, 0, bestStart)) + "::"
                + String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    }

    private TcpSegment none(String why) {
        lastReason = why;
        return null;
    }

    private static int u16(byte[] f, int at) { return ((f[at] & 0xFF) << 8) | (f[at + 1] & 0xFF); }
}
