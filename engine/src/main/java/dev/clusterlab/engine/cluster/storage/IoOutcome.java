package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;

/** What a node's storage stack gets back for one command sent down one path. */
public sealed interface IoOutcome {

    /** The path the command went down ("p1"...), or null when no path could be used. */
    String path();

    /** The outcome in a word or two, for log lines: the status, "I/O error" or "no path". */
    default String inWords() {
        return switch (this) {
            case Completed c -> c.status().label();
            case IoError e -> "I/O error";
            case NoPath p -> "no path";
        };
    }

    /** True only for a command that completed with GOOD status. */
    default boolean isGood() { return this instanceof Completed c && c.response().isGood(); }

    /** The device answered; {@code response} is what reached the node (faithful passthrough). */
    record Completed(String path, ScsiResponse response) implements IoOutcome {
        public ScsiStatus status() { return response.status(); }
    }

    /**
     * The command failed with a generic host-side I/O error: the node cannot see SCSI status or sense
     * (lossy passthrough hiding a RESERVATION CONFLICT or a repeated unit attention).
     */
    record IoError(String path, String hidden) implements IoOutcome {}

    /** No usable path: the path is down (or every path is, for multipath I/O). */
    record NoPath(String path) implements IoOutcome {}
}
