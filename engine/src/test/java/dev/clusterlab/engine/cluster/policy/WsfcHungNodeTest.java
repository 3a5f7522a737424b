package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.WsfcFixture.MS;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandCompleted;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.IntegrityViolation;
import dev.clusterlab.engine.timeline.TimelineEvent.ViolationKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The KVM lesson (reference/cluster-arbitration.md §5.2): node-a, owner of sql and the witness,
 * hangs at 5.5 s - its cluster service freezes, but the service's writes carry on. node-b removes
 * it at 16 s, wins the witness at 22 s and takes sql over, preempting node-a's key. What happens to
 * node-a's next write decides everything: with faithful passthrough (SG_IO) it gets RESERVATION
 * CONFLICT and stops; with lossy passthrough (pre-2.7 QEMU scsi-block) it sees a plain I/O error,
 * re-registers and writes on - the integrity monitor must fire.
 */
class WsfcHungNodeTest {
    private static final long HANG = 5 * S + 500 * MS;
    private static final long FENCED_AT = 22 * S;

    private static WsfcFixture hungOwner(PassthroughMode mode) {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.sim.passthrough("node-a", null, mode);
        f.at(HANG, () -> f.sim.hang("node-a"));
        return f;
    }

    @Test
    @DisplayName("faithful: the hung node's first write after it is fenced gets RESERVATION CONFLICT, and it writes no more")
    void faithfulHungOwnersWritesGetReservationConflictAfterItIsFenced() {
        WsfcFixture f = hungOwner(PassthroughMode.FAITHFUL);
        f.runUntil(40 * S);
        assertThat(f.fencings()).anyMatch(x -> x.time() == FENCED_AT && x.victim().equals("node-a") && x.disk().equals("data"));
        assertThat(f.writesFrom("node-a", "data")).filteredOn(c -> c.time() >= FENCED_AT)
                .extracting(CommandCompleted::time, CommandCompleted::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FENCED_AT, ScsiStatus.RESERVATION_CONFLICT));
        assertThat(f.writesFrom("node-a", "data")).filteredOn(c -> c.time() < FENCED_AT)
                .allMatch(c -> c.status() == ScsiStatus.GOOD).hasSize(22); // one a second, 0 s to 21 s
    }

    @Test
    @DisplayName("faithful: the integrity monitor stays silent (SG_IO passes RESERVATION CONFLICT to the node)")
    void faithfulHungOwnerLeavesTheMonitorSilent() {
        WsfcFixture f = hungOwner(PassthroughMode.FAITHFUL);
        f.runUntil(60 * S);
        assertThat(f.sim.monitor().count()).isZero();
        assertThat(f.owners("sql")).contains("node-b");
        assertThat(f.sim.node("node-a").storage().believesOwner("data")).isFalse();
    }

    @Test
    @DisplayName("lossy: the fenced node re-registers and writes on; the monitor fires from the moment it is fenced")
    void lossyHungOwnerKeepsWritingAndTheMonitorFires() {
        WsfcFixture f = hungOwner(PassthroughMode.LOSSY);
        f.runUntil(40 * S);
        assertThat(f.sim.monitor().count()).isPositive();
        IntegrityViolation first = f.sim.monitor().violations().get(0);
        assertThat(first.time()).isEqualTo(FENCED_AT);
        assertThat(f.sim.monitor().violations()).anyMatch(v -> v.kind() == ViolationKind.WRITE_FROM_FENCED_NODE
                && v.node().equals("node-a") && v.other().equals("node-b"));
        assertThat(f.sim.monitor().violations()).anyMatch(v -> v.kind() == ViolationKind.SPLIT_BRAIN);
        // The target refuses node-a's write after each preemption (the node only sees an I/O error), then
        // accepts the retry once node-a has re-registered: every second from 22 s on, a write gets through.
        assertThat(f.writesFrom("node-a", "data")).filteredOn(c -> c.time() >= FENCED_AT && c.status() == ScsiStatus.GOOD)
                .extracting(CommandCompleted::time).containsExactly(22 * S, 23 * S, 24 * S, 25 * S, 26 * S, 27 * S, 28 * S,
                        29 * S, 30 * S, 31 * S, 32 * S, 33 * S, 34 * S, 35 * S, 36 * S, 37 * S, 38 * S, 39 * S, 40 * S);
    }

    @Test
    @DisplayName("lossy: the defender keeps preempting the re-registered key every DiskArbInterval, and loses every time")
    void lossyDefenderPreemptsTheReRegisteredKeyEveryRound() {
        WsfcFixture f = hungOwner(PassthroughMode.LOSSY);
        f.runUntil(34 * S);
        assertThat(f.fencings()).filteredOn(x -> x.disk().equals("data")).extracting(x -> x.time())
                .containsExactly(22 * S, 24 * S, 27 * S, 30 * S, 33 * S);
    }

    @Test
    @DisplayName("faithful resume: the node learns it lost both disks (event 1038) and rejoins as a non-owner")
    void faithfulResumeTakesTheGroupOfflineAndKeepsTheNodeANonOwner() {
        WsfcFixture f = hungOwner(PassthroughMode.FAITHFUL);
        f.at(40 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(80 * S);
        assertThat(f.groupChanges("sql")).filteredOn(g -> g.node().equals("node-a") && !g.online())
                .extracting(GroupStateChanged::time).containsExactly(40 * S + 500 * MS);
        assertThat(f.firstLog("node-a", "event 1038: Ownership of cluster disk 'witness'")).isEqualTo(40 * S + 500 * MS);
        assertThat(f.owners("sql")).containsExactly("node-b");
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("lossy resume: the defender's READ RESERVATION tells the node the truth; the violations stop")
    void lossyResumeEndsTheSplitBrain() {
        WsfcFixture f = hungOwner(PassthroughMode.LOSSY);
        f.at(40 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(41 * S);
        int atResume = f.sim.monitor().count();
        assertThat(f.firstLog("node-a", "event 1038: Ownership of cluster disk 'data'")).isEqualTo(40 * S + 500 * MS);
        f.runUntil(90 * S);
        assertThat(f.sim.monitor().count()).isEqualTo(atResume);
        assertThat(f.owners("sql")).containsExactly("node-b");
    }

    @Test
    @DisplayName("a hung owner's frozen view does not make the new owner's legitimate writes violations")
    void newOwnerWritingWhileTheOldOwnerIsHungIsNoViolation() {
        // Regression for a property-test counterexample (node majority): node-b reboots, node-a, which had
        // removed node-b meanwhile, hangs; node-b joins with node-c, challenges node-a's silent disk and takes
        // sql. node-a's frozen state still says "quorum, owner, node-b not a member" until its next write fails.
        WsfcFixture f = WsfcFixture.build(17, b -> b.quorum(dev.clusterlab.engine.cluster.QuorumModel.NODE_MAJORITY, null)
                .node("node-a", 2).node("node-b", 2).node("node-c", 2)
                .disk("data", WsfcFixture.GIB, dev.clusterlab.engine.cluster.storage.DiskRole.DATA,
                        java.util.EnumSet.noneOf(dev.clusterlab.engine.cluster.storage.DiskQuirk.class))
                .group("sql", "data", "node-a"));
        f.at(1 * S + 500 * MS, () -> f.sim.crash("node-b"));
        f.at(12 * S + 500 * MS, () -> {
            f.sim.restart("node-b");
            f.sim.hang("node-a");
        });
        f.runUntil(40 * S);
        assertThat(f.owners("sql")).contains("node-b");
        assertThat(f.writesFrom("node-a", "data")).filteredOn(c -> c.time() > 22 * S)
                .extracting(CommandCompleted::status).containsExactly(ScsiStatus.RESERVATION_CONFLICT);
        assertThat(f.sim.monitor().count()).isZero();
    }
}
