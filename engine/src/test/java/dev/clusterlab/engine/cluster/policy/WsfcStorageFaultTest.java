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
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** WSFC over an imperfect SAN: multipath path loss, a target that forgets reservations, determinism. */
class WsfcStorageFaultTest {

    @Test
    @DisplayName("§1.1 multipath: losing one of two paths keeps the group online, writing through the other path")
    void pathLossKeepsTheGroupOnlineWithNoViolations() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness(2, Set.of());
        f.at(5 * S + 500 * MS, () -> f.sim.failPath("node-a", "p1"));
        f.at(30 * S + 500 * MS, () -> f.sim.restorePath("node-a", "p1"));
        f.runUntil(60 * S);
        assertThat(f.groupChanges("sql")).hasSize(1);
        assertThat(f.owners("sql")).containsExactly("node-a");
        assertThat(f.writesFrom("node-a", "data")).allMatch(c -> c.status() == ScsiStatus.GOOD).hasSizeGreaterThan(50);
        assertThat(f.registrationsOf("data", key(1))).isEqualTo(2);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("§1.1 multipath: a survivor with a dead path registers on the live one; the path checker adds the other later")
    void failoverWithADeadPathRegistersOnTheLivePathAndThePathCheckerCompletesIt() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness(2, Set.of());
        f.at(2 * S + 500 * MS, () -> f.sim.failPath("node-b", "p1"));
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.runUntil(23 * S);
        assertThat(f.owners("sql")).containsExactly("node-b");
        assertThat(f.registrationsOf("data", key(2))).isEqualTo(1);
        f.at(40 * S + 500 * MS, () -> f.sim.restorePath("node-b", "p1"));
        f.runUntil(46 * S); // the path checker runs every 5 s: 45 s
        assertThat(f.registrationsOf("data", key(2))).isEqualTo(2);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("esos#62 quirk: READ RESERVATION reports none, so the defender thinks it lost the disk and sql flaps every 3 s")
    void targetThatForgetsReservationsMakesTheGroupFlap() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness(1, Set.of(DiskQuirk.FORGETS_RESERVATION));
        f.runUntil(20 * S);
        // Offline at each defender round that finds "no reservation", back online at the next round.
        assertThat(f.groupChanges("sql")).extracting(GroupStateChanged::time, GroupStateChanged::online).containsExactly(
                tuple(0L, true), tuple(3 * S, false), tuple(6 * S, true), tuple(9 * S, false),
                tuple(12 * S, true), tuple(15 * S, false), tuple(18 * S, true));
        assertThat(f.firstLog("node-a", "event 1038: Ownership of cluster disk 'data' has been unexpectedly lost by this node "
                + "(READ RESERVATION reports no reservation)")).isEqualTo(3 * S);
        // The target enforced the reservation all along: it is node-a's, type 5, and nothing unsafe happened.
        assertThat(f.holderOf("data")).isEqualTo(key(1));
        assertThat(f.reservationType("data")).isEqualTo(5);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("esos#62 quirk: failover still works (PREEMPT moves the reservation) but the new owner flaps too")
    void failoverOntoAForgetfulTargetSucceedsThenFlaps() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness(1, Set.of(DiskQuirk.FORGETS_RESERVATION));
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.runUntil(25 * S);
        assertThat(f.groupChanges("sql")).filteredOn(g -> g.node().equals("node-b"))
                .extracting(GroupStateChanged::time, GroupStateChanged::online)
                .containsExactly(tuple(22 * S, true), tuple(24 * S, false));
        assertThat(f.holderOf("data")).isEqualTo(key(2));
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("determinism: the same seed gives the same timeline, event for event, with jitter and loss")
    void sameSeedSameTimeline() {
        String first = faultyRun(42);
        String second = faultyRun(42);
        assertThat(first).isEqualTo(second);
        assertThat(first.lines().count()).isGreaterThan(1000);
    }

    @Test
    @DisplayName("determinism: the seed matters (heartbeat jitter and loss draw from it)")
    void differentSeedDifferentTimeline() {
        assertThat(faultyRun(1)).isNotEqualTo(faultyRun(2));
    }

    /** Three nodes with jitter and loss, a partition, a crash, a hang and a restart. */
    private static String faultyRun(long seed) {
        WsfcFixture f = WsfcFixture.build(seed, b -> b.quorum(QuorumModel.NODE_AND_DISK_MAJORITY, "witness")
                .network("client", 2 * MS, 300_000, 0.05)
                .node("node-a", 2).node("node-b", 2).node("node-c", 1)
                .disk("witness", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("data", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("data2", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .group("sql", "data", "node-a")
                .group("web", "data2", "node-c"));
        f.sim.cluster().setLoss("cluster", 0.05);
        f.at(5 * S + 500 * MS, () -> {
            f.sim.cut("cluster", "node-a", "node-b");
            f.sim.cut("client", "node-a", "node-b");
        });
        f.at(30 * S + 500 * MS, () -> f.sim.crash("node-c"));
        f.at(45 * S + 500 * MS, () -> f.sim.heal("cluster", null, null));
        f.at(50 * S + 500 * MS, () -> f.sim.hang("node-b"));
        f.at(70 * S + 500 * MS, () -> f.sim.restart("node-b"));
        f.at(80 * S + 500 * MS, () -> f.sim.restart("node-c"));
        f.runUntil(150 * S);
        return f.transcript();
    }
}
