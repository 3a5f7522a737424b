package dev.clusterlab.engine.capture;

import java.util.Arrays;

/**
 * One TCP segment out of a captured packet.
 *
 * @param source "address:port" of the sender ({@code [v6]:port} for IPv6)
 * @param destination "address:port" of the receiver
 * @param sequence the raw 32-bit sequence number
 * @param flags the TCP flag bits (byte 13 of the header)
 */
public record TcpSegment(long timeNanos, String source, String destination, int sequence, int flags, byte[] payload) {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;

    public boolean syn() { return (flags & SYN) != 0; }

    public boolean fin() { return (flags & FIN) != 0; }

    public boolean rst() { return (flags & RST) != 0; }

    public boolean ack() { return (flags & ACK) != 0; }

    @Override
    public String toString() {
        return source + " > " + destination + " seq " + Integer.toUnsignedString(sequence) + " len " + payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpSegment t && t.timeNanos == timeNanos && t.source.equals(source) && t.destination.equals(destination)
                && t.sequence == sequence && t.flags == flags && Arrays.equals(t.payload, payload);
    }

    @Override
    public int hashCode() { return 31 * source.hashCode() + sequence; }
}
