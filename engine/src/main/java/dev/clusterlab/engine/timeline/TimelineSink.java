package dev.clusterlab.engine.timeline;

/** Where the engine appends events. The engine only appends; it never reads back. */
public interface TimelineSink {

    void append(TimelineEvent event);

    /** False when events are thrown away, so producers can skip building them. */
    default boolean recording() { return true; }

    /** A sink that appends every event to {@code first}, then to {@code second} (each only if it records). */
    static TimelineSink both(TimelineSink first, TimelineSink second) {
        return new TimelineSink() {
            @Override
            public void append(TimelineEvent event) {
                if (first.recording()) first.append(event);
                if (second.recording()) second.append(event);
            }

            @Override
            public boolean recording() { return first.recording() || second.recording(); }
        };
    }

    TimelineSink DISCARD = new TimelineSink() {
        @Override
        public void append(TimelineEvent event) {}

        @Override
        public boolean recording() { return false; }
    };
}
