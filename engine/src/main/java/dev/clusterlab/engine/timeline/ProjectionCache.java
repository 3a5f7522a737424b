package dev.clusterlab.engine.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Reconstructs a projection's state at any cursor position of a timeline from periodic snapshots.
 *
 * <p>A snapshot is kept after every {@code interval} events (positions 0, N, 2N, ...), built lazily
 * the first time a position beyond them is asked for. Once snapshots cover a position, its state
 * costs one copy plus at most {@code interval - 1} {@link Projection#apply} calls, whatever the
 * position: seeking is O(N), not O(position). Thread-safe; the work happens under this cache's lock.
 *
 * @param <S> the projection's state type
 */
public final class ProjectionCache<S> {
    public static final int DEFAULT_INTERVAL = 4096;

    private final Timeline timeline;
    private final Projection<S> projection;
    private final int interval;
    private final List<S> snapshots = new ArrayList<>(); // snapshots.get(k) = state after k * interval events

    public ProjectionCache(Timeline timeline, Projection<S> projection) { this(timeline, projection, DEFAULT_INTERVAL); }

    public ProjectionCache(Timeline timeline, Projection<S> projection, int interval) {
        if (interval < 1) throw new IllegalArgumentException("interval must be at least 1");
        this.timeline = timeline;
        this.projection = projection;
        this.interval = interval;
        snapshots.add(projection.initial());
    }

    public int interval() { return interval; }

    /** Number of snapshots held, including the initial state. */
    public synchronized int snapshotCount() { return snapshots.size(); }

    /**
     * The state after the first {@code position} events (0 = the initial state, {@code timeline.size()}
     * = the head). The caller owns the returned state.
     */
    public synchronized S stateAt(int position) {
        if (position < 0 || position > timeline.size()) throw new IndexOutOfBoundsException(position);
        extendSnapshotsTo(position);
        int k = position / interval;
        S state = projection.copy(snapshots.get(k));
        for (int i = k * interval; i < position; i++) projection.apply(state, timeline.get(i));
        return state;
    }

    /** The state after every event that happened at or before {@code time} (see {@link Timeline#countUpTo}). */
    public S stateAtTime(long time) { return stateAt(timeline.countUpTo(time)); }

    /** The state at the head of the timeline as published now. */
    public S head() { return stateAt(timeline.size()); }

    /**
     * Builds every snapshot up to the current head, e.g. once per UI pulse, so a later seek never has
     * to fold more than one interval.
     */
    public synchronized void catchUp() { extendSnapshotsTo(timeline.size()); }

    private void extendSnapshotsTo(int position) {
        int wanted = position / interval;
        if (snapshots.size() > wanted) return;
        int k = snapshots.size() - 1;
        S state = projection.copy(snapshots.get(k));
        for (int i = k * interval; k < wanted; ) {
            projection.apply(state, timeline.get(i++));
            if (i % interval == 0) {
                snapshots.add(projection.copy(state));
                k++;
            }
        }
    }
}
