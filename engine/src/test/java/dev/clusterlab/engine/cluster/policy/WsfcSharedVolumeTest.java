package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.WsfcFixture.GIB;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.MS;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.S;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandCompleted;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import dev.clusterlab.engine.timeline.TimelineEvent.ViolationKind;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WSFC Cluster Shared Volumes (reference/cluster-arbitration.md §1.7, §1.2, §1.4 CSV variant): three
 * nodes with two paths each, a disk witness and one shared volume first coordinated by node-a.
 * Heartbeats tick on whole seconds (1 s x 10), defender rounds on multiples of 3 s; faults land on
 * half seconds, so a fault at 5.5 s is detected at exactly 16 s.
 */
class WsfcSharedVolumeTest {
    private static final long FAULT = 5 * S + 500 * MS;
    private static final long DETECTED = 16 * S;

    static WsfcFixture threeNodesWithCsv() {
        return WsfcFixture.build(7, b -> b.quorum(QuorumModel.NODE_AND_DISK_MAJORITY, "witness")
                .node("node-a", 2).node("node-b", 2).node("node-c", 2)
                .disk("witness", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("volume1", 10 * GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .sharedGroup("csv1", "volume1", "node-a"));
    }

    static long shared(int id) { return WsfcKeys.sharedKeyOf(id); }

    private static boolean writesGood(WsfcFixture f, String node, long from, long to) {
        for (CommandCompleted c : f.writesFrom(node, "volume1")) {
            if (c.time() >= from && c.time() < to && c.status() == ScsiStatus.GOOD) return true;
        }
        return false;
    }

    @Test
    @DisplayName("§1.7 [A]: a shared key is the node id in the high word and \"CSV \" in the low word")
    void sharedKeyIsNodeIdInTheHighWordAndCsvInTheLowWord() {
        assertThat(WsfcKeys.sharedKeyOf(3)).isEqualTo(0x0000_0003_4353_5620L);
        WsfcFixture f = threeNodesWithCsv();
        assertThat(WsfcKeys.nodeOf(shared(2), f.sim.node("node-a"))).isEqualTo("node-b");
    }

    @Test
    @DisplayName("§1.7: every member runs the shared volume and writes to it; only the coordinator holds the type 5 reservation")
    void everyNodeRunsTheSharedVolumeAndOnlyTheCoordinatorHoldsTheReservation() {
        WsfcFixture f = threeNodesWithCsv();
        f.runUntil(3 * S + 500 * MS);
        assertThat(f.owners("csv1")).containsExactly("node-a", "node-b", "node-c");
        assertThat(f.holderOf("volume1")).isEqualTo(key(1));
        assertThat(f.reservationType("volume1")).isEqualTo(5);
        for (String n : f.owners("csv1")) {
            assertThat(f.sim.node(n).storage().believesOwner("volume1")).as(n).isTrue();
            assertThat(writesGood(f, n, 0, 3 * S + 500 * MS)).as("%s writes under type 5 as a registrant", n).isTrue();
        }
        assertThat(f.sim.monitor().violations()).isEmpty();
    }

    @Test
    @DisplayName("§1.2/§1.7: READ KEYS lists the coordinator's owner key and each other member's shared key, once per path")
    void readKeysShowsTheOwnerKeyAndOneSharedKeyPerPath() {
        WsfcFixture f = threeNodesWithCsv();
        var keys = new PrClient(f.sim.node("node-b").storage()).readKeys("volume1");
        assertThat(keys).containsExactlyInAnyOrder(key(1), key(1), shared(2), shared(2), shared(3), shared(3));
    }

    @Test
    @DisplayName("§1.7: the coordinator preempts a crashed member's shared key when it leaves the view; it runs there no more")
    void crashedMembersSharedKeyIsPreemptedByTheCoordinatorWhenItLeavesTheView() {
        WsfcFixture f = threeNodesWithCsv();
        f.at(FAULT, () -> f.sim.crash("node-c"));
        f.runUntil(30 * S);

        NodeFenced fenced = f.fencings().stream().filter(x -> x.victim().equals("node-c")).findFirst().orElseThrow();
        assertThat(fenced.by()).isEqualTo("node-a");
        assertThat(fenced.disk()).isEqualTo("volume1");
        assertThat(fenced.time()).isEqualTo(DETECTED).isLessThanOrEqualTo(FAULT + 10 * S + 3 * S);
        assertThat(f.keysOn("volume1")).containsExactlyInAnyOrder(key(1), shared(2));
        assertThat(f.owners("csv1")).containsExactly("node-a", "node-b");
        assertThat(f.sim.monitor().violations()).isEmpty();
    }

    @Test
    @DisplayName("§1.7, §1.4: coordinator crash -> the lowest-id survivor takes the reservation (old key proven silent on the witness) and the volume runs on the survivors")
    void coordinatorCrashMakesTheLowestIdSurvivorTheCoordinator() {
        WsfcFixture f = threeNodesWithCsv();
        f.at(FAULT, () -> f.sim.crash("node-a"));
        f.runUntil(60 * S);

        // Members pause the volume when the coordinator leaves (16 s); node-b wins the witness after the
        // 6 s challenge (22 s), and so may preempt node-a's key on the volume at once.
        GroupStateChanged paused = f.groupChanges("csv1").stream().filter(g -> !g.online() && g.node().equals("node-b")).findFirst().orElseThrow();
        assertThat(paused.time()).isEqualTo(DETECTED);
        GroupStateChanged coordinator = f.groupChanges("csv1").stream()
                .filter(g -> g.online() && g.node().equals("node-b") && g.time() > 0).findFirst().orElseThrow();
        assertThat(coordinator.time()).isEqualTo(22 * S);
        assertThat(f.holderOf("volume1")).isEqualTo(key(2));
        assertThat(f.keysOn("volume1")).containsExactlyInAnyOrder(key(2), shared(3));
        assertThat(f.owners("csv1")).containsExactly("node-b", "node-c");
        assertThat(f.sim.monitor().violations()).isEmpty();
    }

    @Test
    @DisplayName("§1.7: a restarted member registers its shared key again and runs the volume once it is a member with quorum")
    void restartedMemberRegistersItsSharedKeyAgainAndRunsTheVolume() {
        WsfcFixture f = threeNodesWithCsv();
        f.at(FAULT, () -> f.sim.crash("node-c"));
        f.at(40 * S + 500 * MS, () -> f.sim.restart("node-c"));
        f.runUntil(70 * S);

        assertThat(f.registrationsOf("volume1", shared(3))).isEqualTo(2);
        GroupStateChanged back = f.groupChanges("csv1").stream().filter(g -> g.online() && g.node().equals("node-c") && g.time() > 0)
                .findFirst().orElseThrow();
        // Heard at 41.001 s, joined at 44.001 s; online at its first defender round a DiskArbInterval later.
        assertThat(back.time()).isEqualTo(49 * S + 500 * MS);
        assertThat(f.owners("csv1")).containsExactly("node-a", "node-b", "node-c");
        assertThat(f.sim.monitor().violations()).isEmpty();
    }

    @Test
    @DisplayName("§1.6/§1.7, faithful passthrough: an isolated member is scrubbed and stops writing; the monitor stays silent")
    void isolatedMemberWithFaithfulPassthroughStopsWritingAfterBeingScrubbed() {
        WsfcFixture f = threeNodesWithCsv();
        f.at(FAULT, () -> f.sim.isolate("node-c"));
        f.runUntil(40 * S);

        assertThat(f.fencings()).anyMatch(x -> x.victim().equals("node-c") && x.time() == DETECTED && x.disk().equals("volume1"));
        assertThat(writesGood(f, "node-c", FAULT, DETECTED)).as("still a member until 16 s").isTrue();
        assertThat(writesGood(f, "node-c", DETECTED, 40 * S)).isFalse();
        assertThat(f.owners("csv1")).containsExactly("node-a", "node-b");
        assertThat(f.sim.monitor().violations()).isEmpty();
    }

    @Test
    @DisplayName("KVM lesson on a CSV, faithful: a hung member's writes hit RESERVATION CONFLICT once scrubbed; the monitor stays silent")
    void hungMemberWithFaithfulPassthroughIsStoppedByTheScrub() {
        WsfcFixture f = threeNodesWithCsv();
        f.at(FAULT, () -> f.sim.hang("node-c"));
        f.runUntil(40 * S);

        assertThat(writesGood(f, "node-c", DETECTED, 40 * S)).isFalse();
        assertThat(f.writesFrom("node-c", "volume1")).anyMatch(c -> c.time() == DETECTED && c.status() == ScsiStatus.RESERVATION_CONFLICT);
        assertThat(f.sim.monitor().violations()).isEmpty();
    }

    @Test
    @DisplayName("KVM lesson on a CSV, lossy: a hung member re-registers after the hidden conflict and writes on; the monitor fires")
    void hungMemberWithLossyPassthroughWritesAfterTheScrubAndTheMonitorFires() {
        WsfcFixture f = threeNodesWithCsv();
        f.sim.passthrough("node-c", null, PassthroughMode.LOSSY);
        f.at(FAULT, () -> f.sim.hang("node-c"));
        f.runUntil(40 * S);

        assertThat(writesGood(f, "node-c", DETECTED + 1, 40 * S)).isTrue();
        assertThat(f.sim.monitor().violations()).isNotEmpty()
                .allMatch(v -> v.node().equals("node-c"))
                .anyMatch(v -> v.kind() == ViolationKind.WRITE_FROM_FENCED_NODE);
    }

    @Test
    @DisplayName("isolation, lossy: the isolated member loses quorum at the very heartbeat its key is scrubbed, so it stops on its own")
    void isolatedMemberWithLossyPassthroughStopsOnQuorumLoss() {
        WsfcFixture f = threeNodesWithCsv();
        f.sim.passthrough("node-c", null, PassthroughMode.LOSSY);
        f.at(FAULT, () -> f.sim.isolate("node-c"));
        f.runUntil(40 * S);

        assertThat(writesGood(f, "node-c", DETECTED, 40 * S)).isFalse();
        assertThat(f.sim.monitor().violations()).isEmpty();
    }
}
