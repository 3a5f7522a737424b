package dev.clusterlab.engine.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The append-only log of a session. One writer (the engine loop) appends; any thread may read the
 * prefix published so far. Events are stored in fixed-size chunks so appending never copies.
 */
public final class Timeline implements TimelineSink {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final List<TimelineEvent[]> chunks = new ArrayList<>();
    private volatile int size; // written after the slot, so readers below size see complete events

    @Override
    public synchronized void append(TimelineEvent event) {
        if (event == null) throw new IllegalArgumentException("event");
        int n = size;
        if ((n & (CHUNK - 1)) == 0) chunks.add(new TimelineEvent[CHUNK]);
        chunks.get(n >>> CHUNK_BITS)[n & (CHUNK - 1)] = event;
        size = n + 1;
    }

    /** Number of events published so far. */
    public int size() { return size; }

    public TimelineEvent get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
        synchronized (this) {
            return chunks.get(index >>> CHUNK_BITS)[index & (CHUNK - 1)];
        }
    }

    /** A copy of events [from, to). */
    public List<TimelineEvent> slice(int from, int to) {
        if (from < 0 || to > size || from > to) throw new IndexOutOfBoundsException(from + ".." + to);
        List<TimelineEvent> out = new ArrayList<>(to - from);
        synchronized (this) {
            for (int i = from; i < to; i++) out.add(chunks.get(i >>> CHUNK_BITS)[i & (CHUNK - 1)]);
        }
        return out;
    }

    public List<TimelineEvent> all() { return slice(0, size); }

    /** Events of one kind, in order. */
    public <E extends TimelineEvent> List<E> ofType(Class<E> type) {
        List<E> out = new ArrayList<>();
        for (TimelineEvent e : all()) if (type.isInstance(e)) out.add(type.cast(e));
        return out;
    }
}
