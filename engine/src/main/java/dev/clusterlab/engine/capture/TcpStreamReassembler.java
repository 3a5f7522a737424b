package dev.clusterlab.engine.capture;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one direction of a TCP connection back into the byte stream the sender wrote, by sequence
 * number (RFC 9293 §3.4): retransmitted and overlapping bytes are dropped, segments that arrive
 * out of order wait until the bytes before them are there. A hole that is never filled (a segment
 * the capture lost) ends the stream there, with a note: what follows cannot be framed reliably.
 * Sequence numbers wrap at 2^32; offsets here are relative to the first byte and do not.
 */
public final class TcpStreamReassembler {
    private final TreeMap<Long, Pending> waiting = new TreeMap<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<long[]> arrivals = new ArrayList<>(); // {offset, time}: bytes from offset on completed at time
    private boolean started;
    private boolean sawSyn;
    private int base; // raw sequence number of stream offset 0
    private int retransmitted;
    private long firstTime = Long.MIN_VALUE;

    private record Pending(byte[] payload, long time) {}

    /**
     * A reassembled direction.
     *
     * @param sawSyn whether the stream's start (the SYN) is in the capture; else it starts mid-stream
     * @param note null, or what was wrong (a gap) and where
     */
    public record Stream(byte[] bytes, long[] offsets, long[] times, boolean sawSyn, int retransmittedSegments, String note,
                         long firstTime) {
        /** When the byte at {@code offset} had arrived (with everything before it). */
        public long timeAt(long offset) {
            int lo = 0, hi = offsets.length - 1, found = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (offsets[mid] <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
            }
            return offsets.length == 0 ? firstTime : times[found];
        }
    }

    public void add(TcpSegment s) {
        if (firstTime == Long.MIN_VALUE) firstTime = s.timeNanos();
        if (s.syn()) {
            if (!started) {
                started = true;
                sawSyn = true;
                base = s.sequence() + 1; // the SYN occupies one sequence number
            }
            return;
        }
        byte[] p = s.payload();
        if (p.length == 0) return;
        if (!started) {
            started = true;
            base = s.sequence();
        }
        long next = bytes.size();
        long offset = next + (s.sequence() - (int) (base + next)); // signed 32-bit distance from the next expected byte
        if (offset > next) {
            Pending old = waiting.get(offset);
            if (old == null || old.payload().length < p.length) waiting.put(offset, new Pending(p, s.timeNanos()));
            return;
        }
        if (!append(offset, p, s.timeNanos())) retransmitted++;
        drain(s.timeNanos());
    }

    /** Appends the part of {@code p} (which starts at {@code offset}) beyond what is there; false if nothing was new. */
    private boolean append(long offset, byte[] p, long time) {
        long next = bytes.size();
        long skip = next - offset;
        if (skip >= p.length) return false;
        arrivals.add(new long[] {next, time});
        bytes.write(p, (int) skip, (int) (p.length - skip));
        return true;
    }

    private void drain(long time) {
        while (!waiting.isEmpty() && waiting.firstKey() <= bytes.size()) {
            Map.Entry<Long, Pending> e = waiting.pollFirstEntry();
            if (!append(e.getKey(), e.getValue().payload(), Math.max(time, e.getValue().time()))) retransmitted++;
        }
    }

    public Stream finish() {
        String note = null;
        if (!waiting.isEmpty()) {
            long missing = waiting.firstKey() - bytes.size();
            long after = 0;
            for (Pending p : waiting.values()) after += p.payload().length;
            note = "gap: " + missing + " bytes never captured at stream offset " + bytes.size() + " (a lost segment); " + after
                    + " bytes after it ignored";
        }
        long[] offsets = new long[arrivals.size()], times = new long[arrivals.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = arrivals.get(i)[0];
            times[i] = arrivals.get(i)[1];
        }
        return new Stream(bytes.toByteArray(), offsets, times, sawSyn, retransmitted, note, firstTime);
    }
}
