package dev.clusterlab.views.canvas;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the heartbeat pulses on one link direction are at a given time: a pure function of the
 * frame time and the heartbeat interval (RaftScope's render-time interpolation), so a rewound frame
 * draws exactly the same dots. One heartbeat leaves each sender per interval; it is drawn taking
 * {@link #TRAVEL} of the interval to cross (the real 1 ms latency would be invisible). The two
 * directions are half an interval apart so their dots do not sit on each other.
 */
final class HeartbeatPulses {
    /** The share of an interval a pulse takes to cross its link. */
    static final double TRAVEL = 0.6;

    enum Kind {
        /** A heartbeat on its way; {@code at} from the sender (0) to the receiver (1). */
        HEARTBEAT,
        /** A heartbeat that ran into a cut: it stays at the cut mark (0.5) and fades. */
        LOST,
        /** At the receiver's end (1): the heartbeat it expected did not come. Fades over one interval. */
        MISSED
    }

    /** One dot to draw: where along the link (0 = sender, 1 = receiver) and how opaque. */
    record Pulse(Kind kind, double at, double alpha) {}

    private HeartbeatPulses() {}

    /**
     * The pulses of one direction of a link at {@code time}.
     *
     * @param direction 0 for the first node to the second, 1 for the way back (half an interval later)
     * @param senderBeating the sender is UP (a down, hung or isolated node sends nothing)
     * @param receiverBeating the receiver is UP and so expects the sender's heartbeats
     * @param cut the link is cut between them
     */
    static List<Pulse> on(long time, long interval, int direction, boolean senderBeating, boolean receiverBeating, boolean cut) {
        List<Pulse> out = new ArrayList<>(2);
        double phase = phase(time, interval, direction);
        if (senderBeating && phase < TRAVEL && (receiverBeating || cut)) {
            double u = phase / TRAVEL;
            if (!cut) out.add(new Pulse(Kind.HEARTBEAT, u, 1));
            else if (u <= 0.5) out.add(new Pulse(Kind.HEARTBEAT, u, 1));
            else out.add(new Pulse(Kind.LOST, 0.5, 1 - (u - 0.5) / 0.5));
        }
        if (receiverBeating && (!senderBeating || cut)) out.add(missed(time, interval, direction));
        return out;
    }

    /** The "missed" ring at the receiver's end: it appears when the heartbeat was due and fades until the next. */
    static Pulse missed(long time, long interval, int direction) {
        double age = Math.floorMod(Math.round((phase(time, interval, direction) - TRAVEL) * 1e6), 1_000_000L) / 1e6;
        return new Pulse(Kind.MISSED, 1, 1 - age);
    }

    /** Where in its interval the direction's heartbeat is, 0 (just sent) to 1. */
    static double phase(long time, long interval, int direction) {
        return Math.floorMod(time + direction * (interval / 2), interval) / (double) interval;
    }
}
