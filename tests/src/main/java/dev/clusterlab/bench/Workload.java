package dev.clusterlab.bench;

import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
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

    static TimelineSink sink(String mode) {
        return switch (mode) {
            case "discard" -> TimelineSink.DISCARD;
            case "recording" -> new RollingTimeline();
            default -> throw new IllegalArgumentException("timeline mode: " + mode);
        };
    }
}
