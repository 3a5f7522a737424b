package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.MS;
import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.TimelineEvent.ClusterLog;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandCompleted;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import dev.clusterlab.engine.timeline.TimelineEvent.QuorumChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.TaskManagement;
import dev.clusterlab.engine.timeline.TimelineEvent.TaskManagementKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Legacy MSCS, SCSI-2 challenge/defense (reference/cluster-arbitration.md §2): two nodes, a quorum
 * disk (disk-only quorum) and one group. node-a forms the cluster and owns everything. Faults at
 * 5.5 s are detected at t0 = 16 s (10 missed heartbeats of 1 s), so the challenge's instants are
 * t0 (bus reset), t0 + 7 s (RESERVE) and t0 + 10 s (quorum online).
 */
class MscsAgentTest {
    private static final long FAULT = 5 * S + 500 * MS;
    private static final long T0 = 16 * S;

    private static ReservationPolicyFixture twoNodes(long seed) {
        return ReservationPolicyFixture.build(seed, MscsAgent::new, b -> {
            b.node("node-a", 1).node("node-b", 1);
            b.disk("quorum", ReservationPolicyFixture.DISK, DiskRole.DATA, Set.of());
            ReservationPolicyFixture.dataDisk(b, "data");
            b.group("sql", "data", "node-a");
            b.quorum(QuorumModel.DISK_ONLY, "quorum");
        });
    }

    private static ItNexus nexusOf(ReservationPolicyFixture f, String node) {
        return f.sim.fabric().nexus(node, 0, f.sim.fabric().disk("quorum"));
    }

    private static List<Long> times(List<CommandCompleted> completions) {
        return completions.stream().map(CommandCompleted::time).toList();
    }

    @Test
    @DisplayName("§2 step 3: the owner re-RESERVEs the quorum disk and its data disk every 3 s (SCSI maintenance command)")
    void ownerReReservesItsDisksEveryArbitrationInterval() {
        ReservationPolicyFixture f = twoNodes(1);
        f.runUntil(10 * S);
        assertThat(times(f.completions("node-a", "quorum", Opcode.RESERVE_6))).containsExactly(0L, 3 * S, 6 * S, 9 * S);
        assertThat(times(f.completions("node-a", "data", Opcode.RESERVE_6))).containsExactly(0L, 3 * S, 6 * S, 9 * S);
        assertThat(f.sim.fabric().disk("quorum").lu().reservations().spc2Holder()).isEqualTo(nexusOf(f, "node-a"));
        assertThat(f.sim.groups().onlineNodes("sql")).containsExactly("node-a");
    }

    @Test
    @DisplayName("§2 steps 4-5, live defender: bus reset at t0, the owner re-reserves within 3 s, the challenger's RESERVE at t0+7 s conflicts and it stops")
    void liveDefenderKeepsTheQuorumDiskAndTheChallengerStops() {
        ReservationPolicyFixture f = twoNodes(1);
        f.at(FAULT, () -> f.sim.cut("cluster", null, null));
        f.runUntil(40 * S);

        // The challenger resets the bus at t0: every disk on it gets a target reset.
        assertThat(f.events(TaskManagement.class)).filteredOn(t -> t.kind() == TaskManagementKind.TARGET_RESET)
                .extracting(TaskManagement::time).containsOnly(T0);
        // The defender's next maintenance RESERVE (18 s, within 3 s of the reset) takes the quorum disk back.
        assertThat(times(f.completions("node-a", "quorum", Opcode.RESERVE_6))).contains(18 * S);
        List<CommandCompleted> challenge = f.completions("node-b", "quorum", Opcode.RESERVE_6);
        assertThat(challenge).singleElement().satisfies(c -> {
            assertThat(c.time()).isEqualTo(T0 + 7 * S);
            assertThat(c.status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        });
        assertThat(f.logs("node-b", "cluster service stopping")).extracting(ClusterLog::time).containsExactly(T0 + 7 * S);
        assertThat(f.sim.node("node-b").hasQuorum()).isFalse();
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
        assertThat(f.events(QuorumChanged.class)).noneMatch(q -> q.node().equals("node-a"));
        assertThat(f.sim.groups().onlineNodes("sql")).containsExactly("node-a");
        assertThat(f.sim.fabric().disk("quorum").lu().reservations().spc2Holder()).isEqualTo(nexusOf(f, "node-a"));
        assertThat(f.events(NodeFenced.class)).isEmpty();
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("§2 steps 5-6, dead defender: the challenger's RESERVE at t0+7 s is GOOD, quorum online and groups taken at t0+10 s")
    void deadDefenderLosesTheQuorumAt7sAndTheGroupsAt10s() {
        ReservationPolicyFixture f = twoNodes(1);
        f.at(FAULT, () -> f.sim.crash("node-a"));
        f.runUntil(T0 + 7 * S + 500 * MS);
        assertThat(f.sim.fabric().disk("quorum").lu().reservations().spc2Holder()).isEqualTo(nexusOf(f, "node-b"));
        assertThat(f.completions("node-b", "quorum", Opcode.RESERVE_6)).first()
                .satisfies(c -> assertThat(c.time()).isEqualTo(T0 + 7 * S))
                .satisfies(c -> assertThat(c.status()).isEqualTo(ScsiStatus.GOOD));
        assertThat(f.sim.groups().onlineNodes("sql")).isEmpty();
        assertThat(f.sim.node("node-b").hasQuorum()).isFalse();

        f.runUntil(40 * S);
        assertThat(f.events(GroupStateChanged.class)).filteredOn(g -> g.online() && g.node().equals("node-b"))
                .extracting(GroupStateChanged::time).containsExactly(T0 + 10 * S);
        assertThat(f.events(QuorumChanged.class)).filteredOn(q -> q.node().equals("node-b"))
                .extracting(QuorumChanged::time, QuorumChanged::quorum)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T0, false), org.assertj.core.groups.Tuple.tuple(T0 + 10 * S, true));
        assertThat(f.events(NodeFenced.class)).extracting(NodeFenced::time, NodeFenced::victim, NodeFenced::by, NodeFenced::disk, NodeFenced::how)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0 + 7 * S, "node-a", "node-b", "quorum", "bus reset + RESERVE"),
                        org.assertj.core.groups.Tuple.tuple(T0 + 10 * S, "node-a", "node-b", "data", "bus reset + RESERVE"));
        assertThat(f.sim.fabric().disk("data").lu().reservations().spc2Holder())
                .isEqualTo(f.sim.fabric().nexus("node-b", 0, f.sim.fabric().disk("data")));
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("§2 step 7: an owner whose maintenance RESERVE conflicts shuts its cluster service down")
    void failedMaintenanceReserveStopsTheClusterService() {
        ReservationPolicyFixture f = twoNodes(1);
        // An operator resets the bus and node-b reserves the quorum disk by hand before node-a's 12 s maintenance.
        f.at(10 * S + 500 * MS, () -> {
            f.sim.busReset("quorum");
            f.sim.issue("node-b", null, "quorum", ScsiRequest.noData(Cdbs.reserve6()));
        });
        f.runUntil(20 * S);
        assertThat(f.logs("node-a", "did not respond to a SCSI maintenance command")).extracting(ClusterLog::time)
                .containsExactly(12 * S);
        assertThat(f.sim.node("node-a").hasQuorum()).isFalse();
        assertThat(f.sim.groups().onlineNodes("sql")).isEmpty();
        // Its data disk was RELEASEd on the way down.
        assertThat(f.sim.fabric().disk("data").lu().reservations().spc2Holder()).isNull();
    }

    @Test
    @DisplayName("a stopped challenger joins again as a member once the network heals and it sees the owner")
    void stoppedChallengerRejoinsWhenTheOwnerIsBackInView() {
        ReservationPolicyFixture f = twoNodes(1);
        f.at(FAULT, () -> f.sim.cut("cluster", null, null));
        f.at(30 * S + 500 * MS, () -> f.sim.heal("cluster", null, null));
        f.runUntil(40 * S);
        assertThat(f.logs("node-b", "joined the cluster through node-a")).hasSize(1);
        assertThat(f.sim.node("node-b").hasQuorum()).isTrue();
        assertThat(f.sim.groups().onlineNodes("sql")).containsExactly("node-a");
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("a rebooted former owner finds the quorum disk held and joins through the new owner")
    void restartedDefenderJoinsTheNewOwner() {
        ReservationPolicyFixture f = twoNodes(1);
        f.at(FAULT, () -> f.sim.crash("node-a"));
        f.at(40 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(60 * S);
        assertThat(f.logs("node-a", "joined the cluster through node-b")).hasSize(1);
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
        assertThat(f.sim.groups().onlineNodes("sql")).containsExactly("node-b");
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("a hung owner is challenged like a dead one; when it resumes its maintenance RESERVE conflicts and it stops")
    void hungOwnerLosesEverythingAndStopsWhenItResumes() {
        ReservationPolicyFixture f = twoNodes(1);
        f.at(FAULT, () -> f.sim.hang("node-a"));
        f.at(40 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(60 * S);
        assertThat(f.sim.groups().onlineNodes("sql")).containsExactly("node-b");
        assertThat(f.logs("node-a", "cluster service stopping")).isNotEmpty();
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    void sameSeedGivesTheSameTimelineDigest() {
        String first = runDeadDefender(7);
        assertThat(runDeadDefender(7)).isEqualTo(first);
    }

    private static String runDeadDefender(long seed) {
        ReservationPolicyFixture f = twoNodes(seed);
        f.at(FAULT, () -> f.sim.crash("node-a"));
        f.at(40 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(90 * S);
        return f.digest();
    }
}
