package dev.clusterlab.engine.cluster;

import java.util.List;
import java.util.TreeSet;

/**
 * One node's belief about who is in the cluster. Each node has its own: during a partition two
 * nodes can disagree, and that disagreement is what quorum and arbitration (later) must resolve.
 * Members are kept sorted so snapshots are deterministic.
 */
public final class Membership {
    private final String self;
    private final TreeSet<String> members = new TreeSet<>();

    Membership(String self) {
        this.self = self;
        members.add(self);
    }

    /** The node whose view this is. */
    public String self() { return self; }

    public boolean contains(String node) { return members.contains(node); }

    public int size() { return members.size(); }

    /** The members in name order, as an immutable snapshot. */
    public List<String> members() { return List.copyOf(members); }

    boolean add(String node) { return members.add(node); }

    boolean remove(String node) { return members.remove(node); }

    /** Forgets everyone but itself, as after a reboot. */
    void reset() {
        members.clear();
        members.add(self);
    }

    @Override public String toString() { return self + " sees " + members; }
}
