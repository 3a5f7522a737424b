package dev.clusterlab.engine.timeline;

/** What a cluster node is doing, as far as heartbeats and membership are concerned. */
public enum NodeState {
    /** Running normally: sends and receives heartbeats and keeps its membership view current. */
    UP,
    /**
     * The cluster service is frozen (e.g. a paused VM): it sends no heartbeats and its membership
     * view does not change, yet the node stays powered and can still issue I/O. This is the classic
     * split-brain danger (issue 4, "node hang").
     */
    HUNG,
    /**
     * Powered and running, but every network interface is unplugged: it neither sends nor receives
     * heartbeats, so it sees all peers go silent and they see it go silent.
     */
    ISOLATED,
    /** Crashed or powered off: neither sends nor receives; its view restarts from scratch on UP. */
    DOWN
}
