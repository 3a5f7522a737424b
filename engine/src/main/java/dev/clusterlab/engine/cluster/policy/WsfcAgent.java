package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;

/** Placeholder: WSFC with SCSI-3 persistent reservations (type 5, defender/challenger, disk witness). */
public final class WsfcAgent implements ClusterAgent {
    private final NodeContext node;

    public WsfcAgent(NodeContext node) { this.node = node; }

    @Override
    public void start() { }
}
