package dev.clusterlab.bench;

import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;

/**
 * A recording sink that appends to a real {@link Timeline} but starts a fresh one every
 * {@link #EVENTS_PER_TIMELINE} events, so a benchmark pays the real cost of recording without
 * keeping millions of events (a READ's event holds its 4 KiB of data) alive.
 */
final class RollingTimeline implements TimelineSink {
    static final int EVENTS_PER_TIMELINE = 1 << 16;

    private Timeline current = new Timeline();
    private long appended;

    @Override
    public void append(TimelineEvent event) {
        current.append(event);
        appended++;
        if (current.size() >= EVENTS_PER_TIMELINE) current = new Timeline();
    }

    /** Events appended since this sink was created. */
    long appended() { return appended; }

    /** The timeline currently being filled. */
    Timeline current() { return current; }
}
