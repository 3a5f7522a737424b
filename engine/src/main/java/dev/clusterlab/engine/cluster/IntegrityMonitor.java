package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.cluster.storage.NodeStorage;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.cluster.storage.StorageFabric;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineEvent.ViolationKind;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The data-integrity monitor: the lab's referee. It sits between the engine and the timeline, sees
 * every event, and records an {@link TimelineEvent.IntegrityViolation} when
 * <ul>
 *   <li>a write completes with GOOD on a group's data disk from a node outside the membership view of
 *       a node that runs the group with quorum, is not hung (its view is current) and can still write: a node
 *       the cluster has left behind, which a correct
 *       policy must have fenced ({@link ViolationKind#WRITE_FROM_FENCED_NODE}, one per write); or</li>
 *   <li>two nodes both run a group, both believe they own its disk, and the disk accepts writes from
 *       both ({@link ViolationKind#SPLIT_BRAIN}, one per episode). A shared group (Cluster Shared
 *       Volume, reference/cluster-arbitration.md §1.7) is meant to run on several nodes: there only two
 *       writers that are not both in each other's membership view are a split brain (a hung writer's frozen
 *       view does not count).</li>
 * </ul>
 * With faithful passthrough and a correct policy neither can happen: the loser's registration is
 * preempted before the winner starts, and the loser hears RESERVATION CONFLICT and stops.
 */
public final class IntegrityMonitor implements TimelineSink {

    private final TimelineSink inner;
    private ClusterSimulation sim;
    private final List<TimelineEvent.IntegrityViolation> violations = new ArrayList<>();
    private final Set<String> splitBrainDisks = new HashSet<>();
    private String startedLu;
    private long startedId = -1;
    private boolean startedIsWrite;

    IntegrityMonitor(TimelineSink inner) { this.inner = inner; }

    void attach(ClusterSimulation sim) { this.sim = sim; }

    /** Every violation so far, in order. */
    public List<TimelineEvent.IntegrityViolation> violations() { return List.copyOf(violations); }

    public int count() { return violations.size(); }

    @Override
    public boolean recording() { return true; } // the monitor needs every event, even when nothing is kept

    @Override
    public void append(TimelineEvent event) {
        if (inner.recording()) inner.append(event);
        if (sim == null) return;
        switch (event) {
            case TimelineEvent.CommandStarted e -> {
                startedLu = e.lu();
                startedId = e.commandId();
                startedIsWrite = NodeStorage.writesMedium(e.cdb());
            }
            case TimelineEvent.CommandCompleted e -> {
                if (startedIsWrite && e.commandId() == startedId && e.lu().equals(startedLu) && e.status() == ScsiStatus.GOOD) {
                    checkWrite(e.lu(), e.nexus());
                }
                startedIsWrite = false;
            }
            case TimelineEvent.ReservationChanged e -> recheck(e.lu());
            default -> { }
        }
    }

    /** Re-evaluates the split-brain rule for every group (after node, path or group changes). */
    void recheckAll() {
        for (ResourceGroups.Group g : sim.groups().all()) recheck(g.disk());
    }

    private void checkWrite(String disk, ItNexus nexus) {
        ResourceGroups.Group group = sim.groups().onDisk(disk);
        if (group == null || sim.fabric().disk(disk).role() != DiskRole.DATA) return;
        String writer = sim.fabric().nodeOf(nexus.initiator());
        if (writer == null) return;
        for (String owner : sim.groups().onlineNodes(group.name())) {
            if (owner.equals(writer) || !believesOwner(owner, disk) || !sim.runtime(owner).quorumState()) continue;
            // A hung owner's quorum and view are frozen, not current: the cluster may rightly have moved on
            // without it (its own writes are still checked, against the new owner).
            if (sim.cluster().node(owner).state() == NodeState.HUNG) continue;
            // An owner that can no longer write has itself been fenced: it is not the one to protect.
            if (!canWrite(owner, disk)) continue;
            if (!sim.cluster().membership(owner).contains(writer)) {
                record(ViolationKind.WRITE_FROM_FENCED_NODE, disk, writer, owner,
                        "a write from " + writer + " reached " + disk + " while " + owner + " runs " + group.name()
                                + " and has removed " + writer + " from the cluster");
                return;
            }
        }
    }

    private void recheck(String disk) {
        ResourceGroups.Group group = sim.groups().onDisk(disk);
        if (group == null) return;
        List<String> writers = new ArrayList<>();
        for (String node : sim.groups().onlineNodes(group.name())) {
            if (believesOwner(node, disk) && canWrite(node, disk)) writers.add(node);
        }
        if (group.shared()) writers = strangers(writers);
        if (writers.size() < 2) {
            splitBrainDisks.remove(disk);
            return;
        }
        if (!splitBrainDisks.add(disk)) return;
        record(ViolationKind.SPLIT_BRAIN, disk, writers.get(1), writers.get(0),
                String.join(" and ", writers) + " both run " + group.name() + " and " + disk + " accepts writes from both"
                        + (group.shared() ? ", but they are not members of each other's cluster" : ""));
    }

    /**
     * The first two writers that are not both in each other's view (a shared group's split brain), or
     * none. A hung node's view is frozen, not current (as for owners above): only the live side's
     * view says whether a hung writer is still a member.
     */
    private List<String> strangers(List<String> writers) {
        for (int i = 0; i < writers.size(); i++) {
            for (int j = i + 1; j < writers.size(); j++) {
                String a = writers.get(i);
                String b = writers.get(j);
                if (!counts(a, b) || !counts(b, a)) return List.of(a, b);
            }
        }
        return List.of();
    }

    /** Whether {@code observer}'s view has {@code member}, or cannot tell because the observer is hung. */
    private boolean counts(String observer, String member) {
        return sim.cluster().node(observer).state() == NodeState.HUNG || sim.cluster().membership(observer).contains(member);
    }

    private boolean believesOwner(String node, String disk) {
        return sim.cluster().node(node).state() != NodeState.DOWN && sim.runtime(node).storage().believesOwner(disk);
    }

    private boolean canWrite(String node, String disk) {
        StorageFabric fabric = sim.fabric();
        SharedDisk d = fabric.disk(disk);
        for (int i = 0; i < fabric.pathCount(node); i++) {
            if (fabric.isUp(node, i) && fabric.writeAllowed(d, node, i)) return true;
        }
        return false;
    }

    private void record(ViolationKind kind, String disk, String node, String other, String detail) {
        TimelineEvent.IntegrityViolation v = new TimelineEvent.IntegrityViolation(sim.scheduler().now(), kind, disk, node, other, detail);
        violations.add(v);
        if (inner.recording()) inner.append(v);
    }
}
