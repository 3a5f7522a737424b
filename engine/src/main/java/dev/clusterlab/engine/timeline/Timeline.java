package dev.clusterlab.engine.timeline;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The append-only log of a session. One writer (the engine loop) appends; any thread may read the
 * prefix published so far. Events are stored in fixed-size chunks so appending never copies.
 *
 * <p>Appending also maintains four indexes, each O(1) amortised per event: by time (binary search),
 * by logical unit name, by initiator port and by cluster node. Index queries return event indexes in
 * append order. A SCSI event counts for a node when the {@linkplain #resolveNodesWith node resolver}
 * names the node its initiator port belongs to; a cluster event counts for every node it names.
 *
 * <p>Time order: producers append in non-decreasing {@link TimelineEvent#time()}. Live I/O threads
 * can race between reading the clock and appending, so a slightly earlier time is not rejected
 * (that would lose a fact); the time index instead files such an event under the latest time seen
 * so far ({@link #indexedTime}), which keeps the index sorted and the event where it was appended.
 */
public final class Timeline implements TimelineSink {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int[] NONE = new int[0];

    private final List<TimelineEvent[]> chunks = new ArrayList<>();
    private final List<long[]> timeChunks = new ArrayList<>(); // running maximum of event times
    private final Map<String, IndexList> byLu = new HashMap<>();
    private final Map<InitiatorPort, IndexList> byInitiator = new HashMap<>();
    private final Map<String, IndexList> byNode = new HashMap<>();
    private java.util.function.Function<InitiatorPort, String> nodeOfInitiator = port -> null;
    private long latestTime = Long.MIN_VALUE;
    private volatile int size; // written after the slot, so readers below size see complete events

    @Override
    public synchronized void append(TimelineEvent event) {
        if (event == null) throw new IllegalArgumentException("event");
        int n = size;
        if ((n & (CHUNK - 1)) == 0) {
            chunks.add(new TimelineEvent[CHUNK]);
            timeChunks.add(new long[CHUNK]);
        }
        chunks.get(n >>> CHUNK_BITS)[n & (CHUNK - 1)] = event;
        latestTime = Math.max(latestTime, event.time());
        timeChunks.get(n >>> CHUNK_BITS)[n & (CHUNK - 1)] = latestTime;
        String lu = logicalUnitOf(event);
        if (lu != null) byLu.computeIfAbsent(lu, k -> new IndexList()).add(n);
        InitiatorPort initiator = initiatorOf(event);
        if (initiator != null) byInitiator.computeIfAbsent(initiator, k -> new IndexList()).add(n);
        indexNodes(event, initiator, n);
        size = n + 1;
    }

    /**
     * Names the node each initiator port belongs to (null when none), so SCSI events are indexed by
     * node too. Set it before the first event; events already appended are not re-indexed.
     */
    public synchronized void resolveNodesWith(java.util.function.Function<InitiatorPort, String> resolver) {
        this.nodeOfInitiator = resolver == null ? port -> null : resolver;
    }

    /** Indexes of the events about cluster node {@code node}, ascending. */
    public synchronized int[] indexesOfNode(String node) {
        IndexList list = byNode.get(node);
        return list == null ? NONE : list.toArray();
    }

    private void indexNodes(TimelineEvent event, InitiatorPort initiator, int n) {
        String a = null, b = null;
        switch (event) {
            case TimelineEvent.NodeStateChanged e -> a = e.node();
            case TimelineEvent.LinkChanged e -> { a = e.nodeA(); b = e.nodeB(); }
            case TimelineEvent.HeartbeatLost e -> { a = e.observer(); b = e.peer(); }
            case TimelineEvent.HeartbeatRestored e -> { a = e.observer(); b = e.peer(); }
            case TimelineEvent.MembershipChanged e -> { a = e.observer(); b = e.peer(); }
            case TimelineEvent.GroupStateChanged e -> a = e.node();
            case TimelineEvent.NodeFenced e -> { a = e.by(); b = e.victim(); }
            case TimelineEvent.QuorumChanged e -> a = e.node();
            case TimelineEvent.PathChanged e -> a = e.node();
            case TimelineEvent.PassthroughChanged e -> a = e.node();
            case TimelineEvent.IntegrityViolation e -> { a = e.node(); b = e.other(); }
            case TimelineEvent.ClusterLog e -> a = e.node();
            default -> a = initiator == null ? null : nodeOfInitiator.apply(initiator);
        }
        if (a != null) byNode.computeIfAbsent(a, k -> new IndexList()).add(n);
        if (b != null && !b.equals(a)) byNode.computeIfAbsent(b, k -> new IndexList()).add(n);
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

    /** The time the time index files event {@code index} under: the largest event time up to it. */
    public synchronized long indexedTime(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
        return timeChunks.get(index >>> CHUNK_BITS)[index & (CHUNK - 1)];
    }

    /**
     * The first event index whose {@link #indexedTime} is at or after {@code time}, or {@link #size()}
     * when there is none. O(log n).
     */
    public synchronized int firstIndexAtOrAfter(long time) {
        int lo = 0, hi = size; // invariant: answer in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeChunks.get(mid >>> CHUNK_BITS)[mid & (CHUNK - 1)] < time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * The number of events that happened at or before {@code time}: the cursor position for "state at
     * time t" (events [0, result) are in the past).
     */
    public int countUpTo(long time) {
        return time == Long.MAX_VALUE ? size : firstIndexAtOrAfter(time + 1);
    }

    /** Indexes of the events about logical unit {@code lu}, ascending. */
    public synchronized int[] indexesOfLogicalUnit(String lu) {
        IndexList list = byLu.get(lu);
        return list == null ? NONE : list.toArray();
    }

    /**
     * Indexes of the events that involve initiator port {@code initiator}, ascending: commands and
     * completions from it, unit attentions queued for it, task management it requested and tasks of
     * it aborted. Reservation changes name no nexus and are found through the logical unit index.
     */
    public synchronized int[] indexesOfInitiator(InitiatorPort initiator) {
        IndexList list = byInitiator.get(initiator);
        return list == null ? NONE : list.toArray();
    }

    /** The logical units named by events so far (no particular order). */
    public synchronized Set<String> logicalUnits() { return new HashSet<>(byLu.keySet()); }

    /** The initiator ports named by events so far (no particular order). */
    public synchronized Set<InitiatorPort> initiators() { return new HashSet<>(byInitiator.keySet()); }

    static String logicalUnitOf(TimelineEvent event) {
        return switch (event) {
            case TimelineEvent.CommandStarted e -> e.lu();
            case TimelineEvent.CommandCompleted e -> e.lu();
            case TimelineEvent.ReservationChanged e -> e.lu();
            case TimelineEvent.UnitAttentionQueued e -> e.lu();
            case TimelineEvent.TaskManagement e -> e.lu();
            case TimelineEvent.TasksAborted e -> e.lu();
            case TimelineEvent.NodeStateChanged e -> null;
            case TimelineEvent.LinkChanged e -> null;
            case TimelineEvent.HeartbeatLost e -> null;
            case TimelineEvent.HeartbeatRestored e -> null;
            case TimelineEvent.MembershipChanged e -> null;
            case TimelineEvent.GroupStateChanged e -> null;
            case TimelineEvent.NodeFenced e -> e.disk();
            case TimelineEvent.QuorumChanged e -> null;
            case TimelineEvent.PathChanged e -> null;
            case TimelineEvent.PassthroughChanged e -> null;
            case TimelineEvent.IntegrityViolation e -> e.disk();
            case TimelineEvent.ClusterLog e -> null;
        };
    }

    static InitiatorPort initiatorOf(TimelineEvent event) {
        ItNexus nexus = switch (event) {
            case TimelineEvent.CommandStarted e -> e.nexus();
            case TimelineEvent.CommandCompleted e -> e.nexus();
            case TimelineEvent.ReservationChanged e -> null;
            case TimelineEvent.UnitAttentionQueued e -> e.nexus();
            case TimelineEvent.TaskManagement e -> e.requester();
            case TimelineEvent.TasksAborted e -> e.victim();
            case TimelineEvent.NodeStateChanged e -> null;
            case TimelineEvent.LinkChanged e -> null;
            case TimelineEvent.HeartbeatLost e -> null;
            case TimelineEvent.HeartbeatRestored e -> null;
            case TimelineEvent.MembershipChanged e -> null;
            case TimelineEvent.GroupStateChanged e -> null;
            case TimelineEvent.NodeFenced e -> null;
            case TimelineEvent.QuorumChanged e -> null;
            case TimelineEvent.PathChanged e -> null;
            case TimelineEvent.PassthroughChanged e -> null;
            case TimelineEvent.IntegrityViolation e -> null;
            case TimelineEvent.ClusterLog e -> null;
        };
        return nexus == null ? null : nexus.initiator();
    }
}
