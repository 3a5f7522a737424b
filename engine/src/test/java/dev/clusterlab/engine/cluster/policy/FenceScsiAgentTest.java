package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.MS;
import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineEvent.ClusterLog;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandCompleted;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandStarted;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeStateChanged;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pacemaker fence_scsi (reference/cluster-arbitration.md §4.1): three nodes with two paths each,
 * node majority, groups web (data1, node-a) and db (data2, node-c). Faults at 5.5 s are seen at
 * 16 s (10 missed heartbeats); the watchdog checks at 5, 10, 15, 20 s...; a reboot takes 30 s.
 */
class FenceScsiAgentTest {
    private static final long FAULT = 5 * S + 500 * MS;
    private static final long DETECTED = 16 * S;
    private static final long KEY_A = 0x81050001L;
    private static final long KEY_B = 0x81050002L;
    private static final long KEY_C = 0x81050003L;

    private static ReservationPolicyFixture threeNodes(long seed) {
        return ReservationPolicyFixture.build(seed, FenceScsiAgent::new, b -> {
            b.node("node-a", 2).node("node-b", 2).node("node-c", 2);
            ReservationPolicyFixture.dataDisk(b, "data1");
            ReservationPolicyFixture.dataDisk(b, "data2");
            b.group("web", "data1", "node-a");
            b.group("db", "data2", "node-c");
            ReservationPolicyFixture.nodeMajority(b);
        });
    }

    private static List<Long> keysOn(ReservationPolicyFixture f, String disk) {
        return f.sim.fabric().disk(disk).lu().reservations().snapshot().registrants().stream()
                .map(ReservationSnapshot.Registrant::key).toList();
    }

    @Test
    @DisplayName("§4.1 id mode: md5(cluster name)[0:4] + node id in 4 digits; 'clusterlab' gives 8105, the reference's 'mycluster' 6c9d")
    void keysAreTheClusterNameHashFollowedByTheNodeId() {
        assertThat(FenceScsiKeys.clusterPrefix("clusterlab")).isEqualTo("8105"); // md5 = 810571c2b8657e09...
        assertThat(FenceScsiKeys.key(1)).isEqualTo(KEY_A);
        assertThat(FenceScsiKeys.key(2)).isEqualTo(KEY_B);
        assertThat(FenceScsiKeys.key(3)).isEqualTo(KEY_C);
        assertThat(FenceScsiKeys.key(12)).isEqualTo(0x81050012L); // "%.4d": decimal digits
        assertThat(FenceScsiKeys.key("mycluster", 1)).isEqualTo(0x6c9d0001L);
        assertThat(FenceScsiKeys.key("mycluster", 2)).isEqualTo(0x6c9d0002L);
    }

    @Test
    @DisplayName("§4.1 unfence: TUR then REGISTER AND IGNORE on every path of every data disk; the first node RESERVEs type 5")
    void unfenceRegistersEveryPathAndTheFirstNodeReservesType5() {
        ReservationPolicyFixture f = threeNodes(1);
        f.runUntil(1 * S);
        for (String disk : List.of("data1", "data2")) {
            // 3 nodes x 2 paths: one registration per I_T nexus (SPC-4 §5.13.7).
            assertThat(keysOn(f, disk)).containsExactly(KEY_A, KEY_A, KEY_B, KEY_B, KEY_C, KEY_C);
            ReservationSnapshot s = f.sim.fabric().disk(disk).lu().reservations().snapshot();
            assertThat(s.reservationType()).isEqualTo(5);
            assertThat(s.registrants()).filteredOn(ReservationSnapshot.Registrant::holder)
                    .extracting(ReservationSnapshot.Registrant::key).containsExactly(KEY_A);
        }
        // node-b on data1: TUR down p1 and p2 first, then REGISTER AND IGNORE EXISTING KEY down p1 and p2.
        List<String> sent = f.events(CommandStarted.class).stream()
                .filter(c -> c.lu().equals("data1") && "node-b".equals(f.nodeOf(c.nexus())))
                .map(c -> describe(c) + " " + f.sim.fabric().describe(c.nexus().initiator()))
                .toList();
        assertThat(sent).startsWith("TUR node-b/p1", "TUR node-b/p2", "REGISTER AND IGNORE node-b/p1", "REGISTER AND IGNORE node-b/p2");
        // sg_persist -T 5: every PR OUT the agent sends carries type 5, the registrations too.
        assertThat(f.events(CommandStarted.class)).filteredOn(c -> (c.cdb()[0] & 0xFF) == Opcode.PERSISTENT_RESERVE_OUT)
                .isNotEmpty().allSatisfy(c -> assertThat(c.cdb()[2] & 0x0F).isEqualTo(5));
        assertThat(f.sim.groups().onlineNodes("web")).containsExactly("node-a");
        assertThat(f.sim.groups().onlineNodes("db")).containsExactly("node-c");
    }

    private static String describe(CommandStarted c) {
        int op = c.cdb()[0] & 0xFF;
        if (op == Opcode.TEST_UNIT_READY) return "TUR";
        if (op == Opcode.PERSISTENT_RESERVE_OUT && (c.cdb()[1] & 0x1F) == PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY.code()) return "REGISTER AND IGNORE";
        return String.format("%02x", op);
    }

    @Test
    @DisplayName("§4.1 fence: the lowest-id quorate member PREEMPT AND ABORTs the departed key (type 5) once per disk and recovers its group")
    void departedNodeIsFencedWithPreemptAndAbortAndItsGroupRecovered() {
        ReservationPolicyFixture f = threeNodes(1);
        f.at(FAULT, () -> f.sim.isolate("node-c"));
        f.runUntil(DETECTED + 500 * MS);

        List<CommandStarted> preempts = f.events(CommandStarted.class).stream()
                .filter(c -> (c.cdb()[0] & 0xFF) == Opcode.PERSISTENT_RESERVE_OUT
                        && (c.cdb()[1] & 0x1F) == PrOutAction.PREEMPT_AND_ABORT.code())
                .toList();
        assertThat(preempts).extracting(CommandStarted::time, CommandStarted::lu, c -> f.nodeOf(c.nexus()))
                .containsExactly(tuple(DETECTED, "data1", "node-a"), tuple(DETECTED, "data2", "node-a"));
        assertThat(preempts).allSatisfy(c -> {
            assertThat(c.cdb()[2] & 0x0F).isEqualTo(5);
            assertThat(Bytes.u64(c.dataOut(), 0)).isEqualTo(KEY_A);
            assertThat(Bytes.u64(c.dataOut(), 8)).isEqualTo(KEY_C);
        });
        assertThat(f.events(NodeFenced.class)).extracting(NodeFenced::time, NodeFenced::victim, NodeFenced::by, NodeFenced::disk)
                .containsExactly(tuple(DETECTED, "node-c", "node-a", "data1"), tuple(DETECTED, "node-c", "node-a", "data2"));
        assertThat(keysOn(f, "data2")).containsExactly(KEY_A, KEY_A, KEY_B, KEY_B);
        assertThat(f.sim.groups().onlineNodes("db")).containsExactly("node-a");
        assertThat(f.logs("node-b", "fencing")).isEmpty();
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("votequorum: the isolated node keeps 1 vote of 3, loses quorum and stops its resources")
    void nodeWithoutQuorumStopsItsResources() {
        ReservationPolicyFixture f = threeNodes(1);
        f.at(FAULT, () -> f.sim.isolate("node-c"));
        f.runUntil(DETECTED + 500 * MS);
        assertThat(f.sim.node("node-c").hasQuorum()).isFalse();
        assertThat(f.events(GroupStateChanged.class)).filteredOn(g -> g.node().equals("node-c") && !g.online())
                .extracting(GroupStateChanged::time, GroupStateChanged::group).containsExactly(tuple(DETECTED, "db"));
        assertThat(f.sim.node("node-a").hasQuorum()).isTrue();
    }

    @Test
    @DisplayName("§4.1 fence_scsi_check: the fenced node, alive but isolated, finds its key gone at its next check (20 s) and reboots")
    void watchdogRebootsTheFencedNodeWhenItIsAlive() {
        ReservationPolicyFixture f = threeNodes(1);
        f.at(FAULT, () -> f.sim.isolate("node-c"));
        f.runUntil(30 * S);
        assertThat(f.logs("node-c", "rebooting: fence_scsi_check: key 0x81050003 no longer registered on any device"))
                .extracting(ClusterLog::time).containsExactly(20 * S);
        assertThat(f.events(NodeStateChanged.class)).filteredOn(n -> n.node().equals("node-c"))
                .extracting(NodeStateChanged::time, NodeStateChanged::after)
                .containsExactly(tuple(FAULT, NodeState.ISOLATED), tuple(20 * S, NodeState.DOWN));
        // The survivors keep their keys: their own checks pass.
        assertThat(f.logs("node-a", "rebooting")).isEmpty();
        assertThat(f.logs("node-b", "rebooting")).isEmpty();
    }

    @Test
    @DisplayName("§4.1: after the reboot the node rejoins the quorate membership and unfences again on every path")
    void rebootedNodeRejoinsAndUnfences() {
        ReservationPolicyFixture f = threeNodes(1);
        f.at(FAULT, () -> f.sim.isolate("node-c"));
        f.runUntil(50 * S);
        assertThat(keysOn(f, "data1")).doesNotContain(KEY_C);
        f.runUntil(53 * S);
        assertThat(f.sim.node("node-c").hasQuorum()).isTrue();
        assertThat(f.logs("node-c", "unfenced")).extracting(ClusterLog::time).filteredOn(t -> t > 0)
                .singleElement().satisfies(t -> assertThat(t).isBetween(50 * S, 52 * S));
        assertThat(keysOn(f, "data1")).containsExactly(KEY_A, KEY_A, KEY_B, KEY_B, KEY_C, KEY_C);
        assertThat(keysOn(f, "data2")).containsExactly(KEY_A, KEY_A, KEY_B, KEY_B, KEY_C, KEY_C);
        f.runUntil(90 * S);
        assertThat(f.sim.cluster().node("node-c").state()).isEqualTo(NodeState.UP); // the watchdog is content now
        assertThat(f.sim.groups().onlineNodes("db")).containsExactly("node-a");  // no failback
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("a crashed node keeps its registrations until the survivors fence it; then its group is recovered")
    void crashedNodeIsFencedAndItsGroupRecovered() {
        ReservationPolicyFixture f = threeNodes(1);
        f.at(FAULT, () -> f.sim.crash("node-a"));
        f.runUntil(DETECTED - S);
        assertThat(keysOn(f, "data1")).contains(KEY_A);
        f.runUntil(DETECTED + 500 * MS);
        assertThat(f.events(NodeFenced.class)).extracting(NodeFenced::victim, NodeFenced::by)
                .containsOnly(tuple("node-a", "node-b"));
        assertThat(keysOn(f, "data1")).doesNotContain(KEY_A);
        assertThat(f.sim.groups().onlineNodes("web")).containsExactly("node-b");
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("a hung node is fenced; when it resumes its write gets RESERVATION CONFLICT, its group stops and the watchdog reboots it")
    void hungNodeIsFencedAndRebootsWhenItResumes() {
        ReservationPolicyFixture f = threeNodes(1);
        f.at(FAULT, () -> f.sim.hang("node-c"));
        f.at(40 * S + 500 * MS, () -> f.sim.restart("node-c"));
        f.runUntil(50 * S);
        List<CommandCompleted> writes = f.completions("node-c", "data2", Opcode.WRITE_10);
        // Its service keeps writing while hung; the first write after the fence (16 s) conflicts, then it stops.
        assertThat(writes).filteredOn(c -> c.time() > DETECTED).singleElement()
                .satisfies(c -> assertThat(ReservationPolicyFixture.conflict(c)).isTrue());
        assertThat(f.sim.groups().onlineNodes("db")).containsExactly("node-a");
        assertThat(f.logs("node-c", "rebooting: fence_scsi_check")).extracting(ClusterLog::time).containsExactly(45 * S);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("[A] two_node: on a split both halves are quorate and race; the first PREEMPT AND ABORT wins, the loser's conflicts")
    void twoNodeSplitIsAFenceRaceTheFirstFencerWins() {
        ReservationPolicyFixture f = ReservationPolicyFixture.build(1, FenceScsiAgent::new, b -> {
            b.node("node-a", 1).node("node-b", 1);
            ReservationPolicyFixture.dataDisk(b, "data");
            b.group("web", "data", "node-b");
            ReservationPolicyFixture.nodeMajority(b);
        });
        f.at(FAULT, () -> f.sim.cut("cluster", null, null));
        f.runUntil(30 * S);
        assertThat(f.events(NodeFenced.class)).extracting(NodeFenced::victim, NodeFenced::by).containsExactly(tuple("node-b", "node-a"));
        List<CommandCompleted> loser = f.completions("node-b", "data", Opcode.PERSISTENT_RESERVE_OUT).stream()
                .filter(c -> c.time() == DETECTED).toList();
        assertThat(loser).extracting(CommandCompleted::status).containsExactly(ScsiStatus.RESERVATION_CONFLICT);
        assertThat(f.logs("node-b", "fencing node-a failed")).hasSize(1);
        assertThat(f.sim.groups().onlineNodes("web")).containsExactly("node-a");
        assertThat(f.logs("node-b", "rebooting: fence_scsi_check")).extracting(ClusterLog::time).containsExactly(20 * S);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    void sameSeedGivesTheSameTimelineDigest() {
        assertThat(isolateAndRejoin(3)).isEqualTo(isolateAndRejoin(3));
    }

    private static String isolateAndRejoin(long seed) {
        ReservationPolicyFixture f = threeNodes(seed);
        f.at(FAULT, () -> f.sim.isolate("node-c"));
        f.runUntil(90 * S);
        return f.digest();
    }
}
