package dev.clusterlab.views.sequence;

import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;

/**
 * One row of the sequence diagram: a completed SCSI command (an arrow from a node lane to a disk
 * lane) or a cluster event worth a mark on a node's lane. {@code index} is the timeline position of
 * the event that completes the row, so rows are in timeline order and a cursor cuts them exactly.
 */
public sealed interface SequenceRow permits SequenceRow.Command, SequenceRow.ClusterEvent {

    long time();

    int index();

    /** The node lane the row starts on. */
    String node();

    /** What the row says, e.g. {@code PR OUT PREEMPT rk=0xb sark=0xa type=5 (WERO) -> GOOD}. */
    String text();

    /**
     * A command from {@code node}'s {@code path} to {@code disk}; {@code label} is the decoder's
     * sg_persist-style summary; {@code sense} is null unless the status is CHECK CONDITION.
     */
    record Command(long time, int index, String node, String path, String disk, CommandKind kind, String label,
                   ScsiStatus status, SenseData sense, byte[] cdb, byte[] dataOut, byte[] dataIn) implements SequenceRow {

        @Override
        public String text() { return label + " -> " + outcome(); }

        /** "GOOD", "RESERVATION CONFLICT", or "CHECK CONDITION" with its sense. */
        public String outcome() { return status.label() + (sense != null ? " " + sense : ""); }
    }

    /**
     * A cluster fact told by the narrator as important (fencing, a group going online or offline, a
     * member removed, a node going down); {@code disk} is the disk it concerns, or null.
     */
    record ClusterEvent(long time, int index, String node, String disk, String text, String otherNode) implements SequenceRow {}
}
