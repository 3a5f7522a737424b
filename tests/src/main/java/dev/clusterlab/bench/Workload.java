package dev.clusterlab.bench;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.timeline.TimelineSink;

/**
 * One benchmarked operation, runnable from JMH and from a plain test. Every operation is expected
 * to end GOOD; anything else is counted so the run can be failed (a benchmark that measures error
 * paths measures the wrong thing).
 */
abstract class Workload {
    final TimelineSink timeline;
    private long commands;
    private long failures;
    private String firstFailure;

    Workload(TimelineSink timeline) { this.timeline = timeline; }

    /** Performs the next operation. */
    abstract ScsiResponse step();

    /** Records {@code response} of command {@code what}; returns it. */
    final ScsiResponse check(ScsiResponse response, String what) {
        commands++;
        if (response.status() != ScsiStatus.GOOD) {
            if (failures++ == 0) firstFailure = what + " ended " + response.status() + (response.sense() != null ? " " + response.sense() : "");
        }
        return response;
    }

    /** Commands issued so far, including setup. */
    long commands() { return commands; }

    long failures() { return failures; }

    /** Throws when any command did not end GOOD. */
    final void requireAllGood() {
        if (failures > 0) {
            throw new IllegalStateException(getClass().getSimpleName() + ": " + failures + " of " + commands
                    + " commands did not end GOOD; first: " + firstFailure);
        }
    }

    /**
     * Collects whatever unit attentions a new nexus finds waiting (e.g. POWER ON OCCURRED, SPC-4
     * §6.39: REQUEST SENSE reports and clears them one at a time), as an initiator does at login,
     * so the measured commands never meet one.
     */
    final void drainUnitAttentions(LogicalUnit lu, ItNexus nexus) {
        ScsiRequest requestSense = ScsiRequest.dataIn(Cdbs.requestSense(252), 252);
        for (int i = 0; i < 16; i++) {
            byte[] sense = check(lu.execute(nexus, requestSense), "REQUEST SENSE at login").dataIn();
            if (senseKey(sense) != UNIT_ATTENTION) return;
        }
        throw new IllegalStateException("unit attentions keep coming for " + nexus);
    }

    private static final int UNIT_ATTENTION = 0x6;

    /** The sense key of fixed (70h/71h) or descriptor (72h/73h) sense data; -1 when there is none. */
    static int senseKey(byte[] sense) {
        if (sense.length < 3) return -1;
        boolean descriptor = (sense[0] & 0x7F) >= 0x72;
        return (descriptor ? sense[1] : sense[2]) & 0x0F;
    }

    static TimelineSink sink(String mode) {
        return switch (mode) {
            case "discard" -> TimelineSink.DISCARD;
            case "recording" -> new RollingTimeline();
            default -> throw new IllegalArgumentException("timeline mode: " + mode);
        };
    }
}
