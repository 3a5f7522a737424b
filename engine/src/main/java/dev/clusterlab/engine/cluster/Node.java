package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.timeline.NodeState;

/** One cluster node: its name, its current state and its own view of who is in the cluster. */
public final class Node {
    private final String name;
    private final int index;
    private final Membership membership;
    private NodeState state = NodeState.UP;

    Node(String name, int index) {
        this.name = name;
        this.index = index;
        this.membership = new Membership(name);
    }

    public String name() { return name; }

    public NodeState state() { return state; }

    /** Who this node believes is in the cluster (always including itself). */
    public Membership membership() { return membership; }

    int index() { return index; }

    void state(NodeState state) { this.state = state; }

    /** Sends heartbeats: only a node that is up and connected. */
    boolean sendsHeartbeats() { return state == NodeState.UP; }

    /** Runs its failure detector and updates its view: a connected or isolated node, not a hung or dead one. */
    boolean watchesPeers() { return state == NodeState.UP || state == NodeState.ISOLATED; }

    /** Takes heartbeats in: only a node that is up and connected (a hung one drops them unprocessed). */
    boolean receivesHeartbeats() { return state == NodeState.UP; }

    @Override public String toString() { return name + "(" + state + ")"; }
}
