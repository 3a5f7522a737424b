package dev.clusterlab.views.session;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.timeline.Timeline;

/**
 * Where a session's events come from: a simulation the session drives ({@link SimulatedRecording}),
 * a trace it replays ({@link ReplayedRecording}) or a live iSCSI target it watches
 * ({@link LiveRecording}). The window draws all three the same way, from the timeline.
 * Used on one thread (the FX thread): a live recording takes events from the target's threads
 * into a queue and moves them into the timeline only in {@link #recordUntil}.
 */
public sealed interface Recording permits SimulatedRecording, ReplayedRecording, LiveRecording {

    Timeline timeline();

    /** Everything at or before this time is in the timeline. */
    long recordedUntil();

    /** Records up to {@code time} where the source can (a simulation runs; a live target's arrived events move in). */
    void recordUntil(long time);

    /** Records the next event due at or before {@code limit}; false when there is none to record. */
    boolean recordNext(long limit);

    /** "node-a/p1" for an initiator port of the session, else null. */
    String describe(InitiatorPort port);

    /** What the window lays out; a live recording's grows as initiators log in. */
    Topology topology();
}
