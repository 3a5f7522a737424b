package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.MS;
import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineEvent.ClusterLog;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandCompleted;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeStateChanged;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Veritas I/O fencing (reference/cluster-arbitration.md §6.2): five nodes, three coordinator disks,
 * group g1 on data1 (node-a) and g2 on data2 (node-e). The 3-vs-2 partition at 5.5 s is seen at
 * 16 s by everyone (10 missed heartbeats of 1 s).
 */
class VeritasAgentTest {
    private static final long FAULT = 5 * S + 500 * MS;
    private static final long DETECTED = 16 * S;
    private static final List<String> MAJORITY = List.of("node-a", "node-b", "node-c");
    private static final List<String> MINORITY = List.of("node-d", "node-e");

    private static ReservationPolicyFixture fiveNodes(long seed) {
        return ReservationPolicyFixture.build(seed, VeritasAgent::new, b -> {
            for (String n : List.of("node-a", "node-b", "node-c", "node-d", "node-e")) b.node(n, 1);
            for (String c : List.of("coord1", "coord2", "coord3")) ReservationPolicyFixture.coordinatorDisk(b, c);
            ReservationPolicyFixture.dataDisk(b, "data1");
            ReservationPolicyFixture.dataDisk(b, "data2");
            b.group("g1", "data1", "node-a");
            b.group("g2", "data2", "node-e");
            ReservationPolicyFixture.nodeMajority(b);
        });
    }

    private static void partition(ReservationPolicyFixture f) {
        for (String a : MAJORITY) for (String b : MINORITY) f.sim.cut("cluster", a, b);
    }

    private static List<String> keysOn(ReservationPolicyFixture f, String disk) {
        return f.sim.fabric().disk(disk).lu().reservations().snapshot().registrants().stream()
                .map(r -> VeritasKeys.text(r.key())).toList();
    }

    @Test
    @DisplayName("§6.2 keys: coordinator VF + cluster id (4 hex) + node id (2 hex); data ('A'+id)VCS, zero padded [A]")
    void keysAreEightAsciiBytes() {
        assertThat(VeritasKeys.coordinatorKey(1)).isEqualTo(0x5646313233343031L); // "VF123401"
        assertThat(VeritasKeys.text(VeritasKeys.coordinatorKey(4))).isEqualTo("VF123404");
        assertThat(VeritasKeys.text(VeritasKeys.coordinatorKey(0xABCD, 0x1F))).isEqualTo("VFABCD1F");
        assertThat(VeritasKeys.dataKey(1)).isEqualTo(0x4256435300000000L); // "BVCS" + 4 zero bytes
        assertThat(VeritasKeys.text(VeritasKeys.dataKey(4))).isEqualTo("EVCS");
        assertThat(VeritasKeys.nodeOfCoordinatorKey(VeritasKeys.coordinatorKey(5), VeritasKeys.CLUSTER_ID)).isEqualTo(5);
        assertThat(VeritasKeys.nodeOfCoordinatorKey(VeritasKeys.dataKey(5), VeritasKeys.CLUSTER_ID)).isEqualTo(-1);
    }

    @Test
    @DisplayName("§6.2 at start every node registers on every coordinator and data disk; the owner reserves its data disk type 5")
    void everyNodeRegistersEverywhereAndOwnersReserve() {
        ReservationPolicyFixture f = fiveNodes(1);
        f.runUntil(1 * S);
        for (String c : List.of("coord1", "coord2", "coord3")) {
            assertThat(keysOn(f, c)).containsExactly("VF123401", "VF123402", "VF123403", "VF123404", "VF123405");
            assertThat(f.sim.fabric().disk(c).lu().reservations().snapshot().reserved()).isFalse();
        }
        assertThat(keysOn(f, "data2")).containsExactly("BVCS", "CVCS", "DVCS", "EVCS", "FVCS");
        ReservationSnapshot data2 = f.sim.fabric().disk("data2").lu().reservations().snapshot();
        assertThat(data2.reservationType()).isEqualTo(5);
        assertThat(data2.registrants()).filteredOn(ReservationSnapshot.Registrant::holder)
                .extracting(r -> VeritasKeys.text(r.key())).containsExactly("FVCS");
        assertThat(f.sim.groups().onlineNodes("g2")).containsExactly("node-e");
    }

    @Test
    @DisplayName("§6.2 3-vs-2: the 3-node side's racer preempts the departed keys at once and wins the coordinator majority")
    void largerSideRacesAtOnceAndWinsTheCoordinatorMajority() {
        ReservationPolicyFixture f = fiveNodes(1);
        f.at(FAULT, () -> partition(f));
        f.runUntil(DETECTED + 500 * MS);
        // node-a (lowest id of its side) preempts node-d and node-e on coord1, coord2, coord3 in order.
        assertThat(f.events(NodeFenced.class)).filteredOn(n -> n.disk().startsWith("coord"))
                .extracting(NodeFenced::time, NodeFenced::by, NodeFenced::disk, NodeFenced::victim)
                .containsExactly(
                        tuple(DETECTED, "node-a", "coord1", "node-d"), tuple(DETECTED, "node-a", "coord1", "node-e"),
                        tuple(DETECTED, "node-a", "coord2", "node-d"), tuple(DETECTED, "node-a", "coord2", "node-e"),
                        tuple(DETECTED, "node-a", "coord3", "node-d"), tuple(DETECTED, "node-a", "coord3", "node-e"));
        assertThat(f.logs("node-a", "won the race: 3 of 3 coordinator disks")).extracting(ClusterLog::time).containsExactly(DETECTED);
        for (String c : List.of("coord1", "coord2", "coord3")) {
            assertThat(keysOn(f, c)).containsExactly("VF123401", "VF123402", "VF123403");
        }
        // The winner fences the departed data keys and takes g2 over (node-e gives it up at its next write, 17 s).
        assertThat(keysOn(f, "data2")).containsExactly("BVCS", "CVCS", "DVCS");
        assertThat(f.events(GroupStateChanged.class)).filteredOn(g -> g.group().equals("g2") && g.online())
                .extracting(GroupStateChanged::time, GroupStateChanged::node)
                .containsExactly(tuple(0L, "node-e"), tuple(DETECTED, "node-a"));
        assertThat(f.sim.groups().onlineNodes("g1")).containsExactly("node-a");
    }

    @Test
    @DisplayName("§6.2 3-vs-2: the 2-node side's racer waits its fairness delay, finds itself ejected, and the whole side panics")
    void smallerSideWaitsLosesAndPanics() {
        ReservationPolicyFixture f = fiveNodes(1);
        f.at(FAULT, () -> partition(f));
        f.runUntil(DETECTED + 62 * S);
        List<ClusterLog> waits = f.logs("node-d", "the smaller sub-cluster waits");
        assertThat(waits).extracting(ClusterLog::time).containsExactly(DETECTED);
        long delay = Long.parseLong(waits.get(0).text().replaceAll(".* waits (\\d+)\\.(\\d{3}) s.*", "$1$2")) * MS;
        assertThat(delay).isBetween(1 * S, 60 * S);
        // Its PREEMPT AND ABORT comes from an unregistered nexus: after the 2Ah/05h unit attention the
        // winner's preempt left, RESERVATION CONFLICT (SPC-4 §5.13.11.2.4).
        List<CommandCompleted> race = f.completions("node-d", "coord1", Opcode.PERSISTENT_RESERVE_OUT).stream()
                .filter(c -> c.time() > DETECTED).toList();
        assertThat(race).extracting(CommandCompleted::time, CommandCompleted::status)
                .containsExactly(tuple(DETECTED + delay, ScsiStatus.CHECK_CONDITION),
                        tuple(DETECTED + delay, ScsiStatus.RESERVATION_CONFLICT));
        assertThat(f.logs("node-d", "lost the race: won 0 of 3")).extracting(ClusterLog::time).containsExactly(DETECTED + delay);
        for (String n : MINORITY) {
            assertThat(f.logs(n, "rebooting: " + VeritasAgent.PANIC)).hasSize(1);
            assertThat(f.events(NodeStateChanged.class)).filteredOn(e -> e.node().equals(n) && e.after() == NodeState.DOWN).hasSize(1);
        }
        for (String n : MAJORITY) assertThat(f.logs(n, "rebooting")).isEmpty();
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("[A] a non-racer learns the verdict from the coordinator disks: the winners' a second later, the losing owner at once")
    void nonRacersReadTheVerdictFromTheCoordinatorDisks() {
        ReservationPolicyFixture f = fiveNodes(1);
        f.at(FAULT, () -> partition(f));
        f.runUntil(DETECTED + 2 * S);
        assertThat(f.logs("node-b", "racer node-a won the race")).extracting(ClusterLog::time).containsExactly(DETECTED + S);
        assertThat(f.logs("node-c", "racer node-a won the race")).extracting(ClusterLog::time).containsExactly(DETECTED + S);
        // node-e ran g2: its next write (17 s) is refused (data key preempted), it stops g2 and finds itself ejected.
        assertThat(f.events(GroupStateChanged.class)).filteredOn(g -> g.node().equals("node-e") && !g.online())
                .extracting(GroupStateChanged::time).containsExactly(DETECTED + S);
        assertThat(f.logs("node-e", "rebooting: " + VeritasAgent.PANIC)).extracting(ClusterLog::time).containsExactly(DETECTED + S);
    }

    @Test
    @DisplayName("§6.2 preexisting split brain: the panicked nodes reboot still partitioned and refuse to join; after the heal they register")
    void rebootedLosersRefuseToJoinUntilThePartitionHeals() {
        ReservationPolicyFixture f = fiveNodes(1);
        f.at(FAULT, () -> partition(f));
        f.at(120 * S + 500 * MS, () -> f.sim.cut("cluster", null, null));
        f.at(120 * S + 600 * MS, () -> f.sim.heal("cluster", null, null));
        f.runUntil(110 * S);
        assertThat(f.logs("node-d", "preexisting split brain")).isNotEmpty();
        assertThat(keysOn(f, "coord1")).containsExactly("VF123401", "VF123402", "VF123403");
        assertThat(f.sim.node("node-d").hasQuorum()).isFalse();
        f.runUntil(125 * S);
        assertThat(keysOn(f, "coord1")).containsExactly("VF123401", "VF123402", "VF123403", "VF123404", "VF123405");
        assertThat(f.sim.node("node-d").hasQuorum()).isTrue();
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("[A] 1-vs-1 after a crash: the survivor waits a random fairness delay, then wins and takes the group")
    void twoNodeSurvivorWaitsItsDelayAndTakesOver() {
        ReservationPolicyFixture f = ReservationPolicyFixture.build(2, VeritasAgent::new, b -> {
            b.node("node-a", 1).node("node-b", 1);
            for (String c : List.of("coord1", "coord2", "coord3")) ReservationPolicyFixture.coordinatorDisk(b, c);
            ReservationPolicyFixture.dataDisk(b, "data");
            b.group("app", "data", "node-a");
            ReservationPolicyFixture.nodeMajority(b);
        });
        f.at(FAULT, () -> f.sim.crash("node-a"));
        f.runUntil(DETECTED + 61 * S);
        List<GroupStateChanged> online = f.events(GroupStateChanged.class).stream().filter(g -> g.online() && g.node().equals("node-b")).toList();
        assertThat(online).singleElement().satisfies(g -> assertThat(g.time()).isBetween(DETECTED + S, DETECTED + 60 * S));
        assertThat(f.events(NodeFenced.class)).extracting(NodeFenced::victim, NodeFenced::disk)
                .containsExactly(tuple("node-a", "coord1"), tuple("node-a", "coord2"), tuple("node-a", "coord3"), tuple("node-a", "data"));
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    @DisplayName("a hung node is raced out; when it resumes it finds its coordinator key gone and panics")
    void hungNodePanicsWhenItResumes() {
        ReservationPolicyFixture f = fiveNodes(1);
        f.at(FAULT, () -> f.sim.hang("node-e"));
        f.at(30 * S + 500 * MS, () -> f.sim.restart("node-e"));
        f.runUntil(31 * S);
        assertThat(f.sim.groups().onlineNodes("g2")).containsExactly("node-a");
        assertThat(f.logs("node-e", "rebooting: " + VeritasAgent.PANIC)).extracting(ClusterLog::time).containsExactly(30 * S + 500 * MS);
        assertThat(f.sim.monitor().count()).isZero();
    }

    @Test
    void sameSeedGivesTheSameTimelineDigest() {
        assertThat(partitionRun(11)).isEqualTo(partitionRun(11));
    }

    private static String partitionRun(long seed) {
        ReservationPolicyFixture f = fiveNodes(seed);
        f.at(FAULT, () -> partition(f));
        f.runUntil(100 * S);
        return f.digest();
    }
}
