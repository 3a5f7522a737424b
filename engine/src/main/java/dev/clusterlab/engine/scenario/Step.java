package dev.clusterlab.engine.scenario;

import java.time.Duration;

/** A timed step of a scenario: at {@code at} (from the start), issue a command or inject a fault. */
public sealed interface Step {

    Duration at();

    /** The 1-based line of the file the step was written on, so a runner can point back at it. */
    int line();

    /** A SCSI command in the shared command language, issued by a node. */
    record Command(Duration at, LabCommand command, int line) implements Step {}

    /** A fault injected into the topology. */
    record Fault(Duration at, FaultAction action, int line) implements Step {}
}
