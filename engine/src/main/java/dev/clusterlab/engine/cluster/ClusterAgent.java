package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;

/**
 * One node's cluster service: the arbitration policy as that node runs it (WSFC, MSCS, fence_scsi,
 * Veritas). A fresh agent is created each time the node boots; it acts only through its
 * {@link NodeContext}. Callbacks never arrive while the node is hung: they are held and delivered
 * when it resumes, as a frozen process would see them.
 */
public interface ClusterAgent {

    /** The service starts: at time 0 on a formed cluster, or after the node boots. */
    void start();

    /** This node's membership view changed. */
    default void membershipChanged(String peer, MembershipChange change) {}

    /** The storage stack learned that this node lost {@code disk} (faithful passthrough only). */
    default void diskLost(String disk, String reason) {}

    /** The node was hung and runs again; held callbacks and timers have been delivered just before. */
    default void resumed() {}

    /** Creates the agent for one node. */
    @FunctionalInterface
    interface Factory {
        ClusterAgent create(NodeContext context);
    }
}
