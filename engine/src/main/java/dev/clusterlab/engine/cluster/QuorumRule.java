package dev.clusterlab.engine.cluster;

/**
 * Who has quorum, by WSFC's quorum models (reference/cluster-arbitration.md §1.8): a node counts the
 * votes it can see, its own membership view plus the witness disk when it owns it, and has quorum
 * with a strict majority of all votes. Disk only: the witness owner alone has quorum.
 *
 * @param witnessDisk the witness disk, or null for node majority
 */
public record QuorumRule(QuorumModel model, String witnessDisk, int nodeCount) {

    public QuorumRule {
        if (model.needsWitness() && witnessDisk == null) throw new IllegalArgumentException(model + " needs a witness disk");
        if (nodeCount < 1) throw new IllegalArgumentException("a cluster has at least one node");
    }

    /** Every vote in the cluster. */
    public int totalVotes() {
        return switch (model) {
            case NODE_MAJORITY -> nodeCount;
            case NODE_AND_DISK_MAJORITY -> nodeCount + 1;
            case DISK_ONLY -> 1;
        };
    }

    /** The votes a node has when it sees {@code visibleNodes} nodes (itself included) and may own the witness. */
    public int votes(int visibleNodes, boolean ownsWitness) {
        return switch (model) {
            case NODE_MAJORITY -> visibleNodes;
            case NODE_AND_DISK_MAJORITY -> visibleNodes + (ownsWitness ? 1 : 0);
            case DISK_ONLY -> ownsWitness ? 1 : 0;
        };
    }

    public boolean hasQuorum(int visibleNodes, boolean ownsWitness) {
        return 2 * votes(visibleNodes, ownsWitness) > totalVotes();
    }

    /**
     * Whether owning the witness could decide quorum for a node that sees {@code visibleNodes}:
     * it has no majority without the witness but would have one with it.
     */
    public boolean needsWitness(int visibleNodes) {
        return model.needsWitness() && !hasQuorum(visibleNodes, false) && hasQuorum(visibleNodes, true);
    }
}
