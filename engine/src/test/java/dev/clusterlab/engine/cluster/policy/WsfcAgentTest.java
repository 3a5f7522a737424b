package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.WsfcFixture.GIB;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.MS;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.S;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.ClusterParameters;
import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.cluster.storage.NodeStorage;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import dev.clusterlab.engine.timeline.TimelineEvent.QuorumChanged;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WSFC start, defence and failover after a node failure (reference/cluster-arbitration.md §1.2-1.5).
 * Heartbeats tick on whole seconds (1 s x 10 misses), defender rounds on multiples of 3 s; faults
 * land on half seconds, so a crash at 5.5 s is detected at exactly 16 s.
 */
class WsfcAgentTest {

    @Test
    @DisplayName("§1.2 [A]: a node's key is its id in the high word and \"MSFT\" in the low word")
    void keyIsNodeIdInTheHighWordAndMsftInTheLowWord() {
        assertThat(WsfcKeys.keyOf(1)).isEqualTo(0x0000_0001_4D53_4654L);
        assertThat(WsfcKeys.keyOf(2)).isEqualTo(0x0000_0002_4D53_4654L);
    }

    @Test
    @DisplayName("§1.1-1.3: the preferred owner registers its key on every path and holds a type 5 reservation")
    void preferredOwnerRegistersOnEveryPathAndReservesWriteExclusiveRegistrantsOnly() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness(2, Set.of());
        assertThat(f.owners("sql")).containsExactly("node-a");
        assertThat(f.registrationsOf("data", key(1))).isEqualTo(2);
        assertThat(f.holderOf("data")).isEqualTo(key(1));
        assertThat(f.reservationType("data")).isEqualTo(5);
    }

    @Test
    @DisplayName("start: nodes that do not run a group register nothing on its data disk")
    void nonOwnersDoNotRegisterOnFailoverDataDisks() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness(2, Set.of());
        f.runUntil(30 * S);
        assertThat(f.keysOn("data")).containsExactly(key(1));
    }

    @Test
    @DisplayName("start: the first node by id owns the witness, type 5, and every node has quorum")
    void firstNodeByIdOwnsTheWitnessAndEveryoneHasQuorum() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        assertThat(f.holderOf("witness")).isEqualTo(key(1));
        assertThat(f.reservationType("witness")).isEqualTo(5);
        assertThat(f.keysOn("witness")).containsExactly(key(1));
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
        assertThat(f.sim.node("node-b").hasQuorum()).isTrue();
    }

    @Test
    @DisplayName("§1.5: owner power-off -> survivor challenges the witness for 6 s, then preempts and brings sql online")
    void ownerPowerOffFailsOverAfterDetectionPlusWitnessChallenge() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        long crash = 5 * S + 500 * MS;
        f.at(crash, () -> f.sim.crash("node-a"));
        f.runUntil(60 * S);

        // Detected at the 10th missed heartbeat (16 s); the witness is A's, so B must wait 6 s before it preempts.
        assertThat(f.firstLog("node-b", "arbitrating for the witness")).isEqualTo(16 * S);
        GroupStateChanged online = f.groupChanges("sql").stream().filter(GroupStateChanged::online)
                .filter(g -> g.node().equals("node-b")).findFirst().orElseThrow();
        assertThat(online.time()).isEqualTo(22 * S)
                .isBetween(crash + 10 * S, crash + 10 * S + 6 * S + S);
        assertThat(f.owners("sql")).containsExactly("node-b");
        assertThat(f.holderOf("data")).isEqualTo(key(2));
        assertThat(f.holderOf("witness")).isEqualTo(key(2));
        assertThat(f.keysOn("data")).containsExactly(key(2));
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("§1.4 [A]: the dead owner's key is preempted on the data disk and recorded as a fencing")
    void failoverRecordsThatTheSurvivorFencedTheDeadOwnerOnWitnessAndDataDisk() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.runUntil(30 * S);
        assertThat(f.fencings()).extracting(NodeFenced::time, NodeFenced::victim, NodeFenced::by, NodeFenced::disk)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(22 * S, "node-a", "node-b", "witness"),
                        org.assertj.core.groups.Tuple.tuple(22 * S, "node-a", "node-b", "data"));
    }

    @Test
    @DisplayName("§1.8: while it challenges for the witness the survivor has 1 of 3 votes, then 2 of 3")
    void survivorReportsNoQuorumWhileArbitratingAndQuorumOnceItOwnsTheWitness() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.runUntil(30 * S);
        assertThat(f.quorumChanges("node-b")).extracting(QuorumChanged::time, QuorumChanged::quorum, QuorumChanged::votes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(16 * S, false, 1),
                        org.assertj.core.groups.Tuple.tuple(22 * S, true, 2));
    }

    /** Three nodes, node majority, sql preferred on node-c. */
    private static WsfcFixture threeNodesNodeMajority() {
        return WsfcFixture.build(3, b -> b.quorum(QuorumModel.NODE_MAJORITY, null)
                .node("node-a", 1).node("node-b", 1).node("node-c", 1)
                .disk("data", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .group("sql", "data", "node-c"));
    }

    @Test
    @DisplayName("node majority: the lowest-id member challenges for the dead owner's disk and owns it 6 s after detection")
    void nodeMajorityFailoverGoesToTheLowestIdMemberAfterAChallengeWait() {
        WsfcFixture f = threeNodesNodeMajority();
        assertThat(f.owners("sql")).containsExactly("node-c");
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-c"));
        f.runUntil(40 * S);
        assertThat(f.owners("sql")).containsExactly("node-a");
        // Removed at 16 s; no witness challenge proved node-c silent, so node-a waits 6 s on the data disk itself.
        assertThat(f.groupChanges("sql")).filteredOn(GroupStateChanged::online)
                .extracting(GroupStateChanged::time, GroupStateChanged::node)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, "node-c"), org.assertj.core.groups.Tuple.tuple(22 * S, "node-a"));
        assertThat(f.keysOn("data")).containsExactly(key(1));
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("asymmetric cut (A-B cut, C sees both): both A and B count a majority, yet sql never moves and the monitor stays silent")
    void asymmetricCutDoesNotMakeTheGroupPingPong() {
        // Regression for a property-test counterexample: node-a reboots at 1.5 s, and the A-B link is cut
        // at the same moment, so node-a joins with {A, C} while node-b later removes node-a and keeps {B, C}.
        WsfcFixture f = WsfcFixture.build(3, b -> b.quorum(QuorumModel.NODE_MAJORITY, null)
                .node("node-a", 1).node("node-b", 1).node("node-c", 1)
                .disk("data", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .group("sql", "data", "node-a"));
        f.at(1 * S + 500 * MS, () -> {
            f.sim.crash("node-a");
            f.sim.restart("node-a");
            f.sim.cut("cluster", "node-b", "node-a");
        });
        f.runUntil(120 * S);
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
        assertThat(f.sim.node("node-b").hasQuorum()).isTrue();
        // node-a, the live owner, scrubs node-b's challenge key each time; node-b never gets the disk.
        assertThat(f.owners("sql")).containsExactly("node-a");
        assertThat(f.groupChanges("sql")).filteredOn(g -> g.node().equals("node-b")).isEmpty();
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("§1.4: the defender scrubs a key no member owns within one DiskArbInterval")
    void defenderPreemptsAForeignKeyOnItsDataDisk() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        long foreign = 0xBADL;
        f.at(4 * S + 500 * MS, () -> f.sim.issue("node-b", null, "data", NodeStorage.registerIgnore(foreign)));
        f.runUntil(5 * S);
        assertThat(f.keysOn("data")).contains(foreign);
        f.runUntil(6 * S); // node-a's defender round at 6 s
        assertThat(f.keysOn("data")).containsExactly(key(1));
        assertThat(f.firstLog("node-a", "removed key 0xbad")).isEqualTo(6 * S);
        assertThat(f.owners("sql")).containsExactly("node-a");
    }

    @Test
    @DisplayName("§1.4: the defender leaves a member's key alone (only non-members are scrubbed)")
    void defenderKeepsTheKeyOfAMember() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(4 * S + 500 * MS, () -> f.sim.issue("node-b", null, "data", NodeStorage.registerIgnore(key(2))));
        f.runUntil(30 * S);
        assertThat(f.keysOn("data")).containsExactlyInAnyOrder(key(1), key(2));
        assertThat(f.fencings()).isEmpty();
    }

    @Test
    @DisplayName("event 1038: a group whose key was preempted goes offline and restarts on the next defender round")
    void groupWhoseKeyWasPreemptedGoesOfflineAndItsPreferredOwnerReacquiresIt() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        // An operator on node-b, a member, preempts node-a's key by hand (as the validation wizard would).
        f.at(4 * S + 500 * MS, () -> {
            f.sim.issue("node-b", null, "data", NodeStorage.registerIgnore(key(2)));
            f.sim.issue("node-b", null, "data", dev.clusterlab.engine.scsi.ScsiRequest.dataOut(
                    dev.clusterlab.engine.scsi.Cdbs.persistentReserveOut(dev.clusterlab.engine.scsi.PrOutAction.PREEMPT, 0, 5, 24),
                    dev.clusterlab.engine.scsi.Cdbs.prOutParameters(key(2), key(1), false, false)));
        });
        f.runUntil(12 * S);
        // A's write at 5 s meets RESERVATION CONFLICT: offline; at the 9 s round it takes the disk back.
        assertThat(f.groupChanges("sql")).extracting(GroupStateChanged::time, GroupStateChanged::node, GroupStateChanged::online)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, "node-a", true),
                        org.assertj.core.groups.Tuple.tuple(5 * S, "node-a", false),
                        org.assertj.core.groups.Tuple.tuple(9 * S, "node-a", true));
        assertThat(f.holderOf("data")).isEqualTo(key(1));
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("boot: a rebooted node owns nothing and rejoins with quorum as a non-owner")
    void rebootedNodeRejoinsAsANonOwner() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.at(60 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(120 * S);
        assertThat(f.owners("sql")).containsExactly("node-b");
        assertThat(f.holderOf("witness")).isEqualTo(key(2));
        assertThat(f.keysOn("data")).containsExactly(key(2));
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
        assertThat(f.sim.node("node-b").hasQuorum()).isTrue();
        // Joined one DiskArbInterval after the first heartbeat from node-b (61.001 s).
        assertThat(f.firstLog("node-a", "joining the cluster")).isEqualTo(64 * S + MS);
        assertThat(f.quorumChanges("node-b")).noneMatch(q -> q.time() > 60 * S);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("boot: a fresh node sends no reservation command before it has joined")
    void freshNodeDoesNotArbitrateBeforeJoining() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.at(60 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(64 * S);
        assertThat(f.commandsFrom("node-a", 60 * S)).isZero();
    }

    @Test
    @DisplayName("boot: a preferred owner back before anyone noticed takes its orphaned group back when it joins")
    void quickRebootOfThePreferredOwnerBringsItsGroupBackOnItself() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.at(8 * S + 500 * MS, () -> f.sim.restart("node-a")); // 3 missed heartbeats: node-b never removes it
        f.runUntil(40 * S);
        assertThat(f.owners("sql")).containsExactly("node-a");
        assertThat(f.fencings()).isEmpty();
        assertThat(f.groupChanges("sql")).filteredOn(GroupStateChanged::online).extracting(GroupStateChanged::time)
                .containsExactly(0L, 12 * S + MS);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("boot: a node alone after a total outage forms the cluster by winning the witness")
    void lastNodeBackAfterTotalOutageFormsTheClusterAlone() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(5 * S + 500 * MS, () -> {
            f.sim.crash("node-a");
            f.sim.crash("node-b");
        });
        f.at(30 * S + 500 * MS, () -> f.sim.restart("node-b"));
        f.runUntil(90 * S);
        // Nobody answers for QuorumArbitrationTimeMax (20 s), then the challenge takes 6 s.
        assertThat(f.firstLog("node-b", "trying to form the cluster alone")).isEqualTo(50 * S + 500 * MS);
        assertThat(f.owners("sql")).containsExactly("node-b");
        assertThat(f.holderOf("witness")).isEqualTo(key(2));
        assertThat(f.holderOf("data")).isEqualTo(key(2));
    }

    @Test
    @DisplayName("§1.4: arbitration longer than QuorumArbitrationTimeMax is lost (challenge wait 25 s > 20 s)")
    void challengeThatWouldOutlastQuorumArbitrationTimeMaxIsLost() {
        ClusterParameters d = ClusterParameters.DEFAULTS;
        ClusterParameters slow = new ClusterParameters(d.arbitrationInterval(), 25 * S, 20 * S, d.mscsChallengeReserve(),
                d.mscsQuorumOnline(), d.watchdogTimeout(), d.veritasRaceDelayMin(), d.veritasRaceDelayMax(),
                d.workloadInterval(), d.multipathCheckInterval(), d.rebootTime());
        WsfcFixture f = WsfcFixture.build(7, b -> b.parameters(slow).quorum(QuorumModel.NODE_AND_DISK_MAJORITY, "witness")
                .node("node-a", 1).node("node-b", 1)
                .disk("witness", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("data", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .group("sql", "data", "node-a"));
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.runUntil(37 * S);
        assertThat(f.firstLog("node-b", "longer than QuorumArbitrationTimeMax")).isEqualTo(36 * S);
        assertThat(f.sim.node("node-b").hasQuorum()).isFalse();
        assertThat(f.owners("sql")).isEmpty();
        assertThat(f.holderOf("witness")).isEqualTo(key(1));
    }
}
