package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.timeline.PassthroughMode;
import java.util.List;

/** The faults a scenario can inject. Names refer to the scenario's nodes, networks and disks. */
public sealed interface FaultAction {

    /** Power-off: the node stops at once, without releasing anything. */
    record Crash(String node) implements FaultAction {}

    record Restart(String node) implements FaultAction {}

    /** The node stops heartbeating but keeps issuing I/O: the split-brain danger. */
    record Hang(String node) implements FaultAction {}

    /** The node loses every network, but keeps its disk paths. */
    record Isolate(String node) implements FaultAction {}

    /** Cut a whole network ({@code a} and {@code b} null) or the link between two nodes on it. */
    record Cut(String network, String a, String b) implements FaultAction {}

    /** Undo a {@link Cut} of the same network or link. */
    record Heal(String network, String a, String b) implements FaultAction {}

    /**
     * Splits {@code network} in two: every link between a node of {@code side} and a node outside it is
     * cut (links within each side stay). {@code heal NETWORK} undoes it.
     */
    record Partition(String network, List<String> side) implements FaultAction {
        public Partition { side = List.copyOf(side); }
    }

    record FailPath(String node, String path) implements FaultAction {}

    record RestorePath(String node, String path) implements FaultAction {}

    /** LOGICAL UNIT RESET of a disk (SAM-5 §5.7.6): drops SCSI-2 reservations, keeps PR. */
    record LuReset(String disk) implements FaultAction {}

    /** Bus reset as MSCS challengers use it: every disk on the bus loses its SCSI-2 reservation. */
    record BusReset(String disk) implements FaultAction {}

    /** The target restarts: only APTPL reservations survive (SPC-4 §5.14.5). */
    record TargetRestart() implements FaultAction {}

    /** How a node's path (or all its paths when {@code path} is null) passes status and sense. */
    record Passthrough(String node, String path, PassthroughMode mode) implements FaultAction {}
}
