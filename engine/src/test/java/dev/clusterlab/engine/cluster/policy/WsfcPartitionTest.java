package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.WsfcFixture.GIB;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.MS;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.S;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A heartbeat partition with a disk witness (reference/cluster-arbitration.md §1.6): both sides
 * regroup alone after 10 s; the witness owner keeps defending, scrubs the other side's fresh key,
 * and the other side's challenge finds its key gone after 6 s, so it loses quorum (event 1177).
 * The cut lands at 5.5 s: both sides remove each other at 16 s.
 */
class WsfcPartitionTest {
    private static final long CUT = 5 * S + 500 * MS;

    /** node-a owns the witness and sql; node-b is the preferred owner of web (disk data2). */
    private static WsfcFixture twoGroups() {
        return WsfcFixture.build(11, b -> b.quorum(QuorumModel.NODE_AND_DISK_MAJORITY, "witness")
                .node("node-a", 1).node("node-b", 1)
                .disk("witness", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("data", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("data2", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .group("sql", "data", "node-a")
                .group("web", "data2", "node-b"));
    }

    /** Three nodes, node-and-disk majority (4 votes); node-a owns the witness and sql. */
    private static WsfcFixture threeNodesWithWitness() {
        return WsfcFixture.build(13, b -> b.quorum(QuorumModel.NODE_AND_DISK_MAJORITY, "witness")
                .node("node-a", 1).node("node-b", 1).node("node-c", 1)
                .disk("witness", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("data", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .group("sql", "data", "node-a"));
    }

    private static void isolateNodeA(WsfcFixture f) {
        f.sim.cut("cluster", "node-a", "node-b");
        f.sim.cut("cluster", "node-a", "node-c");
    }

    @Test
    @DisplayName("§1.6: the witness owner scrubs the challenger's key at its next defender round")
    void witnessOwnerScrubsTheChallengersKey() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(CUT, () -> f.sim.cut("cluster", null, null));
        f.runUntil(17 * S);
        assertThat(f.keysOn("witness")).containsExactlyInAnyOrder(key(1), key(2)); // node-b registered at 16 s
        f.runUntil(18 * S);
        assertThat(f.keysOn("witness")).containsExactly(key(1));
        assertThat(f.fencings()).extracting(NodeFenced::time, NodeFenced::victim, NodeFenced::by, NodeFenced::disk)
                .containsExactly(tuple(18 * S, "node-b", "node-a", "witness"));
    }

    @Test
    @DisplayName("§1.6: the challenger finds its key gone after 6 s and loses quorum (event 1177)")
    void challengerWhoseKeyWasScrubbedLosesQuorum() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(CUT, () -> f.sim.cut("cluster", null, null));
        f.runUntil(40 * S);
        assertThat(f.firstLog("node-b", "its owner is alive and defending it")).isEqualTo(22 * S);
        assertThat(f.firstLog("node-b", "event 1177: Cluster service is shutting down because quorum was lost")).isEqualTo(22 * S);
        assertThat(f.sim.node("node-b").hasQuorum()).isFalse();
        assertThat(f.holderOf("witness")).isEqualTo(key(1));
    }

    @Test
    @DisplayName("§1.6: the witness owner's side keeps quorum throughout and keeps its group")
    void witnessOwnerKeepsQuorumAndItsGroup() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(CUT, () -> f.sim.cut("cluster", null, null));
        f.runUntil(60 * S);
        assertThat(f.quorumChanges("node-a")).isEmpty();
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
        assertThat(f.owners("sql")).containsExactly("node-a");
        assertThat(f.groupChanges("sql")).hasSize(1);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("§1.6: the losing side's group is taken over by the witness owner after a 6 s challenge on its disk")
    void groupOnTheLosingSideFailsOverToTheWitnessOwner() {
        WsfcFixture f = twoGroups();
        f.at(CUT, () -> f.sim.cut("cluster", null, null));
        f.runUntil(60 * S);
        assertThat(f.owners("web")).containsExactly("node-a");
        // node-a challenges for data2 at 16 s; node-b, arbitrating, checks its disk but fences nobody; at
        // 22 s node-a preempts it, and node-b, its own challenge for the witness lost, stops (quorum lost).
        assertThat(f.groupChanges("web")).extracting(GroupStateChanged::time, GroupStateChanged::node, GroupStateChanged::online,
                        GroupStateChanged::reason)
                .containsExactly(tuple(0L, "node-b", true, "preferred owner"),
                        tuple(22 * S, "node-a", true, "failover from node-b (key preempted)"),
                        tuple(22 * S, "node-b", false, "quorum lost"));
        assertThat(f.writesFrom("node-b", "data2")).filteredOn(c -> c.time() >= 22 * S && c.status() == ScsiStatus.GOOD).isEmpty();
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("event 1177: without quorum a node takes every group it runs offline and keeps its keys registered")
    void nodeWithoutQuorumTakesEverythingOfflineAndLeavesItsKeys() {
        WsfcFixture f = threeNodesWithWitness();
        f.at(CUT, () -> isolateNodeA(f));
        f.runUntil(17 * S);
        // node-a: 1 node + witness = 2 of 4 votes, no majority.
        assertThat(f.groupChanges("sql")).extracting(GroupStateChanged::time, GroupStateChanged::node, GroupStateChanged::online,
                GroupStateChanged::reason).containsExactly(tuple(0L, "node-a", true, "preferred owner"),
                tuple(16 * S, "node-a", false, "quorum lost"));
        assertThat(f.holderOf("witness")).isEqualTo(key(1));
        assertThat(f.holderOf("data")).isEqualTo(key(1));
        assertThat(f.keysOn("data")).containsExactly(key(1));
    }

    @Test
    @DisplayName("§1.6: two nodes + witness: the winner is the witness owner, not the preferred owner of the group")
    void winnerIsTheWitnessOwner() {
        WsfcFixture f = twoGroups();
        f.at(CUT, () -> f.sim.cut("cluster", null, null));
        f.runUntil(60 * S);
        assertThat(f.owners("sql")).containsExactly("node-a");
        assertThat(f.owners("web")).containsExactly("node-a");
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
        assertThat(f.sim.node("node-b").hasQuorum()).isFalse();
    }

    @Test
    @DisplayName("heal: the loser rejoins with quorum as a non-owner; nothing moves back")
    void afterHealTheLoserRejoinsAsANonOwner() {
        WsfcFixture f = twoGroups();
        f.at(CUT, () -> f.sim.cut("cluster", null, null));
        f.at(50 * S + 500 * MS, () -> f.sim.heal("cluster", null, null));
        f.runUntil(90 * S);
        assertThat(f.sim.node("node-b").hasQuorum()).isTrue();
        assertThat(f.owners("sql")).containsExactly("node-a");
        assertThat(f.owners("web")).containsExactly("node-a");
        assertThat(f.keysOn("data2")).containsExactly(key(1));
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("retry [A]: without quorum a node re-challenges every QuorumArbitrationTimeMax and wins once the owner is gone")
    void loserRetriesAndFormsTheClusterWhenTheWitnessOwnerDies() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(CUT, () -> f.sim.cut("cluster", null, null));
        f.at(30 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.runUntil(60 * S);
        // Lost at 22 s; retried at 42 s; node-a no longer defends, so node-b preempts it at 48 s.
        List<Long> challenges = f.logs("node-b").stream().filter(l -> l.text().startsWith("arbitrating for the witness"))
                .map(l -> l.time()).toList();
        assertThat(challenges).containsExactly(16 * S, 42 * S);
        assertThat(f.owners("sql")).containsExactly("node-b");
        assertThat(f.groupChanges("sql")).filteredOn(GroupStateChanged::online).extracting(GroupStateChanged::time)
                .containsExactly(0L, 48 * S);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("§1.8: three nodes + witness, 1 | 2 partition: the pair wins the witness from the lone owner")
    void majorityPairWinsTheWitnessFromALoneOwner() {
        WsfcFixture f = threeNodesWithWitness();
        f.at(CUT, () -> isolateNodeA(f));
        f.runUntil(60 * S);
        // node-a: 1 node + witness = 2 of 4, no majority: it stops defending at 16 s; node-b then wins at 22 s.
        assertThat(f.firstLog("node-a", "event 1177")).isEqualTo(16 * S);
        assertThat(f.holderOf("witness")).isEqualTo(key(2));
        assertThat(f.owners("sql")).containsExactly("node-b");
        assertThat(f.sim.node("node-b").hasQuorum()).isTrue();
        assertThat(f.sim.node("node-c").hasQuorum()).isTrue(); // node-b, a member, owns the witness for both
        assertThat(f.sim.monitor().count()).isZero();
    }
}
