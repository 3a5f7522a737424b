package dev.clusterlab.engine.timeline;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import java.util.List;

/**
 * Everything observable in a session, as immutable facts on one timeline (see DESIGN.md).
 * Byte arrays in events are never modified after the event is created.
 */
public sealed interface TimelineEvent {

    /** Session time in nanoseconds (virtual in simulations). */
    long time();

    /** A command arrived at logical unit {@code lu} from {@code nexus}. */
    record CommandStarted(long time, String lu, ItNexus nexus, long commandId, byte[] cdb, byte[] dataOut)
            implements TimelineEvent {}

    /** The command finished; {@code sense} is null unless the status is CHECK CONDITION. */
    record CommandCompleted(long time, String lu, ItNexus nexus, long commandId, ScsiStatus status,
                            SenseData sense, byte[] dataIn) implements TimelineEvent {}

    /** The reservation state of {@code lu} changed; {@code cause} says why in words. */
    record ReservationChanged(long time, String lu, ReservationSnapshot before, ReservationSnapshot after,
                              String cause) implements TimelineEvent {}

    /** A unit attention was queued for {@code nexus}. */
    record UnitAttentionQueued(long time, String lu, ItNexus nexus, AdditionalSense condition)
            implements TimelineEvent {}

    /** A task management function or transport event took effect on {@code lu}. */
    record TaskManagement(long time, String lu, ItNexus requester, TaskManagementKind kind)
            implements TimelineEvent {}

    /** Tasks of {@code victim} were aborted, e.g. by PREEMPT AND ABORT. */
    record TasksAborted(long time, String lu, ItNexus victim, int count, String cause) implements TimelineEvent {}

    /** Cluster node {@code node} changed state: crash, restart, hang, network isolation. */
    record NodeStateChanged(long time, String node, NodeState before, NodeState after) implements TimelineEvent {}

    /** The link between two nodes on {@code network} was cut ({@code up} false) or healed. */
    record LinkChanged(long time, String network, String nodeA, String nodeB, boolean up) implements TimelineEvent {}

    /**
     * {@code observer} missed {@code missed} consecutive heartbeats from {@code peer} on
     * {@code network} (the threshold): that route is down.
     */
    record HeartbeatLost(long time, String observer, String peer, String network, int missed)
            implements TimelineEvent {}

    /** A heartbeat from {@code peer} reached {@code observer} again on a route that was down. */
    record HeartbeatRestored(long time, String observer, String peer, String network) implements TimelineEvent {}

    /**
     * {@code observer}'s view of the cluster changed: {@code peer} joined or was removed;
     * {@code members} is the observer's full view afterwards, in name order (immutable).
     */
    record MembershipChanged(long time, String observer, String peer, MembershipChange change, List<String> members)
            implements TimelineEvent {
        public MembershipChanged {
            members = List.copyOf(members);
        }
    }

    /** Resource group {@code group} went online or offline on {@code node}; {@code reason} in words. */
    record GroupStateChanged(long time, String group, String node, boolean online, String reason)
            implements TimelineEvent {}

    /**
     * {@code by} cut {@code victim} off {@code disk} (e.g. PREEMPT AND ABORT of its key, or a SCSI-2
     * reservation taken after a bus reset); {@code how} says with what, in words.
     */
    record NodeFenced(long time, String victim, String by, String disk, String how) implements TimelineEvent {}

    /** {@code node} gained or lost quorum with {@code votes} of {@code total} votes. */
    record QuorumChanged(long time, String node, boolean quorum, int votes, int total) implements TimelineEvent {}

    /** Path {@code path} of {@code node} (to every shared disk) failed or came back. */
    record PathChanged(long time, String node, String path, boolean up, String reason) implements TimelineEvent {}

    /** How {@code node}'s path {@code path} passes status and sense from now on. */
    record PassthroughChanged(long time, String node, String path, PassthroughMode mode) implements TimelineEvent {}

    /**
     * The data-integrity monitor fired: a write from a node that should have been fenced reached
     * {@code disk}, or two nodes both believe they own the service on it and both can write.
     *
     * @param other the node that legitimately owns the disk's service, or null
     */
    record IntegrityViolation(long time, ViolationKind kind, String disk, String node, String other, String detail)
            implements TimelineEvent {}

    /** A line of {@code node}'s cluster log, in plain words (e.g. "lost quorum, stopping the cluster service"). */
    record ClusterLog(long time, String node, String text) implements TimelineEvent {}

    enum ViolationKind {
        /** A write reached the disk from a node outside the membership of the service's owner. */
        WRITE_FROM_FENCED_NODE,
        /** Two nodes both run the disk's service and the disk accepts writes from both. */
        SPLIT_BRAIN
    }

    enum MembershipChange { JOINED, REMOVED }

    enum TaskManagementKind { LOGICAL_UNIT_RESET, TARGET_RESET, I_T_NEXUS_LOSS, POWER_ON, ABORT_TASK_SET, CLEAR_TASK_SET }
}
