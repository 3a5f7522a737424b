package dev.clusterlab.engine.sim;

import java.util.Arrays;

/**
 * Discrete-event scheduler on a virtual clock: the engine loop of a simulation.
 *
 * <p>Events run in (due time, insertion sequence) order, so events due at the same instant run in
 * the order they were scheduled and a run is reproducible (DESIGN.md "Threading": same seed, same
 * timeline). Virtual time only moves forward: it jumps to each event's due time as it runs.
 *
 * <p>Single-threaded by design (one loop owns all simulation state), so there are no locks; calling
 * it from two threads is a bug. Actions may schedule and cancel events, but may not drive the
 * scheduler themselves (no {@code runUntil} from inside an action).
 *
 * <p>Pending events live in an indexed binary heap; cancelling removes the event at once, so
 * {@link #pendingCount()} and {@link #isIdle()} are exact and the common "cancel the timeout and
 * arm a new one" pattern leaves no garbage behind. A periodic event reuses one heap entry for all
 * of its repetitions, so heartbeats allocate nothing per tick.
 */
public final class Scheduler {
    private final VirtualClock clock;
    private Event[] heap = new Event[64];
    private int size;
    private long nextSequence;
    /** Sequence numbers of {@link #scheduleFirstAt} events: below every ordinary one, in scheduling order. */
    private long nextFirstSequence = Long.MIN_VALUE;
    private long lastRunDue = -1;
    private boolean running;
    private long eventsRun;

    /** A scheduler whose virtual time starts at 0. */
    public Scheduler() { this(new VirtualClock()); }

    /**
     * A scheduler driving {@code clock}. The scheduler owns the clock from now on: nothing else may
     * advance it, or due times and "now" would disagree.
     */
    public Scheduler(VirtualClock clock) { this.clock = clock; }

    /** Current virtual time in nanoseconds. */
    public long now() { return clock.nowNanos(); }

    /** The clock to hand to components that only read time (logical units, timeline sinks). */
    public Clock clock() { return clock; }

    /** Runs {@code action} {@code delayNanos} after now; 0 means "now, after what is already due". */
    public EventHandle schedule(long delayNanos, Runnable action) {
        if (delayNanos < 0) throw new IllegalArgumentException("negative delay: " + delayNanos);
        return scheduleAt(dueAfter(delayNanos), action);
    }

    /** Runs {@code action} at virtual time {@code atNanos}, which must not be in the past. */
    public EventHandle scheduleAt(long atNanos, Runnable action) {
        requirePresentOrFuture(atNanos);
        if (action == null) throw new NullPointerException("action");
        Event event = new Event(this, action, 0);
        enqueue(event, atNanos);
        return event;
    }

    /**
     * Runs {@code action} at {@code atNanos} before every ordinary event due at that same instant, no
     * matter when those were scheduled (such events among themselves run in scheduling order).
     * Scripted steps and a user's actions use it, so a step runs at the start of its instant whether
     * it was scheduled before the run or while it was going: live sessions and replays agree.
     * Nothing may have run at {@code atNanos} yet ({@link #lastRunDueNanos()}), or the promise is broken.
     */
    public EventHandle scheduleFirstAt(long atNanos, Runnable action) {
        requirePresentOrFuture(atNanos);
        if (action == null) throw new NullPointerException("action");
        if (lastRunDue >= atNanos) throw new IllegalArgumentException("events already ran at " + atNanos);
        Event event = new Event(this, action, 0);
        enqueue(event, atNanos, nextFirstSequence++);
        return event;
    }

    /** The due time of the last event run, or -1 before the first. */
    public long lastRunDueNanos() { return lastRunDue; }

    /** Runs {@code action} every {@code periodNanos}, the first time one period from now. */
    public EventHandle every(long periodNanos, Runnable action) {
        return every(periodNanos, periodNanos, action);
    }

    /**
     * Runs {@code action} after {@code initialDelayNanos} and then every {@code periodNanos}.
     * Repetitions are spaced from due time to due time, so they never drift. If the action throws,
     * the exception propagates and the event stops repeating.
     */
    public EventHandle every(long initialDelayNanos, long periodNanos, Runnable action) {
        if (periodNanos <= 0) throw new IllegalArgumentException("period must be positive: " + periodNanos);
        if (initialDelayNanos < 0) throw new IllegalArgumentException("negative delay: " + initialDelayNanos);
        if (action == null) throw new NullPointerException("action");
        Event event = new Event(this, action, periodNanos);
        enqueue(event, dueAfter(initialDelayNanos));
        return event;
    }

    /** True when no event is pending. */
    public boolean isIdle() { return size == 0; }

    /** Number of pending events (each periodic event counts once). */
    public int pendingCount() { return size; }

    /** Due time of the next pending event, or {@link Long#MAX_VALUE} when idle. */
    public long nextDueNanos() { return size == 0 ? Long.MAX_VALUE : heap[0].due; }

    /** Events run since this scheduler was created (each periodic repetition counts). */
    public long eventsRun() { return eventsRun; }

    /**
     * Runs exactly one event: advances time to its due time and runs it. Returns false, leaving
     * time unchanged, when idle.
     */
    public boolean runNext() {
        if (size == 0) return false;
        enterLoop();
        try {
            runHead();
        } finally {
            running = false;
        }
        return true;
    }

    /** Alias of {@link #runNext()} for "step" controls. */
    public boolean step() { return runNext(); }

    /**
     * Runs every event due at or before {@code timeNanos}, including ones scheduled along the way,
     * then sets the time to {@code timeNanos}. Returns the number of events run.
     */
    public long runUntil(long timeNanos) {
        requirePresentOrFuture(timeNanos);
        enterLoop();
        long before = eventsRun;
        try {
            while (size > 0 && heap[0].due <= timeNanos) runHead();
        } finally {
            running = false;
        }
        clock.setNanos(timeNanos);
        return eventsRun - before;
    }

    /** Runs for {@code durationNanos} of virtual time; see {@link #runUntil(long)}. */
    public long runFor(long durationNanos) {
        if (durationNanos < 0) throw new IllegalArgumentException("negative duration: " + durationNanos);
        return runUntil(dueAfter(durationNanos));
    }

    /**
     * Runs until no event is pending or {@code maxEvents} have run (periodic events never let the
     * scheduler go idle, hence the bound). Returns the number of events run.
     */
    public long runUntilIdle(long maxEvents) {
        long run = 0;
        while (run < maxEvents && runNext()) run++;
        return run;
    }

    // ---- internals ----------------------------------------------------------------------------

    private void runHead() {
        Event event = heap[0];
        removeAt(0);
        clock.setNanos(event.due);
        lastRunDue = event.due;
        eventsRun++;
        if (event.period == 0) {
            event.state = Event.DONE;
            event.action.run();
            return;
        }
        event.state = Event.RUNNING;
        boolean completed = false;
        try {
            event.action.run();
            completed = true;
        } finally {
            // The action may have cancelled its own periodic event; only then, or on an
            // exception, does it stop repeating.
            if (event.state == Event.RUNNING) {
                if (completed) enqueue(event, event.due + event.period);
                else event.state = Event.DONE;
            }
        }
    }

    private void enterLoop() {
        if (running) throw new IllegalStateException("the scheduler is already running (called from an action?)");
        running = true;
    }

    private long dueAfter(long delayNanos) {
        long due = clock.nowNanos() + delayNanos;
        if (due < 0) throw new IllegalArgumentException("due time overflows: now + " + delayNanos);
        return due;
    }

    private void requirePresentOrFuture(long atNanos) {
        if (atNanos < clock.nowNanos()) {
            throw new IllegalArgumentException("time does not go backwards: " + atNanos + " < now " + clock.nowNanos());
        }
    }

    private void enqueue(Event event, long due) { enqueue(event, due, nextSequence++); }

    private void enqueue(Event event, long due, long sequence) {
        event.due = due;
        event.sequence = sequence;
        event.state = Event.PENDING;
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        heap[size] = event;
        event.index = size;
        size++;
        siftUp(event.index);
    }

    boolean cancel(Event event) {
        switch (event.state) {
            case Event.PENDING -> removeAt(event.index);
            case Event.RUNNING -> { /* a periodic action cancelling itself: just don't re-enqueue */ }
            default -> { return false; }
        }
        event.state = Event.CANCELLED;
        return true;
    }

    private void removeAt(int index) {
        Event removed = heap[index];
        removed.index = -1;
        size--;
        if (index == size) {
            heap[size] = null;
            return;
        }
        Event last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.index = index;
        siftDown(index);
        if (heap[index] == last) siftUp(index);
    }

    private void siftUp(int index) {
        Event event = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Event above = heap[parent];
            if (!runsBefore(event, above)) break;
            heap[index] = above;
            above.index = index;
            index = parent;
        }
        heap[index] = event;
        event.index = index;
    }

    private void siftDown(int index) {
        Event event = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && runsBefore(heap[right], heap[child])) child = right;
            Event below = heap[child];
            if (!runsBefore(below, event)) break;
            heap[index] = below;
            below.index = index;
            index = child;
        }
        heap[index] = event;
        event.index = index;
    }

    private static boolean runsBefore(Event a, Event b) {
        return a.due < b.due || (a.due == b.due && a.sequence < b.sequence);
    }

    /** One heap entry; a periodic event is re-enqueued with a fresh sequence number each time. */
    static final class Event implements EventHandle {
        static final byte PENDING = 0, RUNNING = 1, DONE = 2, CANCELLED = 3;

        private final Scheduler owner;
        final Runnable action;
        final long period;
        long due;
        long sequence;
        int index = -1;
        byte state;

        Event(Scheduler owner, Runnable action, long period) {
            this.owner = owner;
            this.action = action;
            this.period = period;
        }

        @Override public boolean cancel() { return owner.cancel(this); }
        @Override public boolean isPending() { return state == PENDING || (state == RUNNING && period > 0); }
        @Override public boolean isCancelled() { return state == CANCELLED; }
        @Override public long dueNanos() { return due; }
    }
}
