package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;

/** Placeholder: Veritas-style I/O fencing: race for a majority of the coordinator disks. */
public final class VeritasAgent implements ClusterAgent {
    private final NodeContext node;

    public VeritasAgent(NodeContext node) { this.node = node; }

    @Override
    public void start() { }
}
