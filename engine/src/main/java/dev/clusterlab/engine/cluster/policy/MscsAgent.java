package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;

/** Placeholder: legacy MSCS with SCSI-2 RESERVE/RELEASE and bus-reset challenge/defense. */
public final class MscsAgent implements ClusterAgent {
    private final NodeContext node;

    public MscsAgent(NodeContext node) { this.node = node; }

    @Override
    public void start() { }
}
