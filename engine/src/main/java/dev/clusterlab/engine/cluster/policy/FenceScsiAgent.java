package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;

/** Placeholder: Pacemaker fence_scsi: unfence = register + reserve, fence = PREEMPT AND ABORT, watchdog check. */
public final class FenceScsiAgent implements ClusterAgent {
    private final NodeContext node;

    public FenceScsiAgent(NodeContext node) { this.node = node; }

    @Override
    public void start() { }
}
