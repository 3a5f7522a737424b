package dev.clusterlab.engine.timeline;

/** Where the engine appends events. The engine only appends; it never reads back. */
public interface TimelineSink {

    void append(TimelineEvent event);

    /** False when events are thrown away, so producers can skip building them. */
    default boolean recording() { return true; }

    TimelineSink DISCARD = new TimelineSink() {
        @Override
        public void append(TimelineEvent event) {}

        @Override
        public boolean recording() { return false; }
    };
}
