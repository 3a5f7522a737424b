package dev.clusterlab.engine.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts segments into TCP connections (by address/port pair; a new SYN on a pair that already
 * carried data starts a new connection) and reassembles both directions of each. The client is
 * the side that sent the SYN; without one (a capture started mid-connection) the side that is not
 * on the iSCSI well-known port 3260, else the side with the higher port.
 */
public final class TcpConnections {
    /** One TCP connection, both directions reassembled. */
    public record Connection(String client, String server, long firstTime, TcpStreamReassembler.Stream toServer,
                             TcpStreamReassembler.Stream toClient, long endTime) {
        public String label() { return client + " -> " + server; }
    }

    private static final class Builder {
        final String a, b;
        String client;
        final TcpStreamReassembler fromA = new TcpStreamReassembler(), fromB = new TcpStreamReassembler();
        final long firstTime;
        long endTime = Long.MIN_VALUE;
        boolean data;

        Builder(String a, String b, long firstTime) { this.a = a; this.b = b; this.firstTime = firstTime; }
    }

    private final Map<String, Builder> open = new LinkedHashMap<>();
    private final List<Builder> all = new ArrayList<>();

    public void add(TcpSegment s) {
        boolean forward = s.source().compareTo(s.destination()) < 0;
        String key = forward ? s.source() + "|" + s.destination() : s.destination() + "|" + s.source();
        Builder c = open.get(key);
        boolean newConnection = s.syn() && !s.ack();
        if (c == null || (newConnection && c.data)) {
            c = new Builder(forward ? s.source() : s.destination(), forward ? s.destination() : s.source(), s.timeNanos());
            open.put(key, c);
            all.add(c);
        }
        if (newConnection) c.client = s.source();
        (s.source().equals(c.a) ? c.fromA : c.fromB).add(s);
        if (s.payload().length > 0) c.data = true;
        if (s.fin() || s.rst()) c.endTime = s.timeNanos();
    }

    public List<Connection> finish() {
        List<Connection> out = new ArrayList<>();
        for (Builder c : all) {
            String client = c.client != null ? c.client : guessClient(c.a, c.b);
            boolean aIsClient = client.equals(c.a);
            TcpStreamReassembler.Stream fromA = c.fromA.finish(), fromB = c.fromB.finish();
            out.add(new Connection(client, aIsClient ? c.b : c.a, c.firstTime, aIsClient ? fromA : fromB, aIsClient ? fromB : fromA,
                    c.endTime));
        }
        return out;
    }

    private static String guessClient(String a, String b) {
        int pa = port(a), pb = port(b);
        if (pb == 3260) return a;
        if (pa == 3260) return b;
        return pa > pb ? a : b;
    }

    static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }
}
