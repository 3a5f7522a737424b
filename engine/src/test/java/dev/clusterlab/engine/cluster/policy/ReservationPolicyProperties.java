package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.RandomFaults;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * With faithful passthrough, a correct policy never lets a fenced node's write through and never
 * lets two nodes both write a group's disk, whatever the faults (crash, hang, isolation, cut links,
 * path loss, LU resets); and once everything is healed, every group runs on exactly one node.
 */
class ReservationPolicyProperties {
    private static final long FAULTS_UNTIL = 240 * S;
    /** Long enough after the heal for a reboot (30 s), a rejoin and the slowest fairness delay (60 s). */
    private static final long SETTLED = FAULTS_UNTIL + 150 * S;

    private static void assertSafeAndSettled(ReservationPolicyFixture f, List<String> groups) {
        RandomFaults.schedule(f.sim, 15 * S, 40 * S, FAULTS_UNTIL);
        f.runUntil(SETTLED);
        assertThat(f.sim.monitor().violations()).isEmpty();
        for (String g : groups) assertThat(f.sim.groups().onlineNodes(g)).as("group %s", g).hasSize(1);
    }

    /**
     * MSCS under node and network faults. Not under LU resets or path loss: those release SCSI-2
     * reservations (SPC-2 §5.5.1, SAM-5 §6.3.4), so a hung former owner that still issues I/O writes
     * unchecked until the owner's next maintenance RESERVE, up to arbitration.interval later. That
     * window is SCSI-2's, not the policy's, and is why clusters moved to persistent reservations.
     */
    @Property(tries = 200)
    void mscsIsSafeAndConvergesUnderNodeAndNetworkFaults(@ForAll long seed, @ForAll("nodeFaults") List<NodeFault> faults) {
        ReservationPolicyFixture f = ReservationPolicyFixture.build(seed, MscsAgent::new, b -> {
            b.node("node-a", 2).node("node-b", 2);
            b.disk("quorum", ReservationPolicyFixture.DISK, DiskRole.DATA, Set.of());
            ReservationPolicyFixture.dataDisk(b, "data1");
            ReservationPolicyFixture.dataDisk(b, "data2");
            b.group("g1", "data1", "node-a");
            b.group("g2", "data2", "node-b");
            b.quorum(QuorumModel.DISK_ONLY, "quorum");
        });
        for (NodeFault fault : faults) fault.schedule(f);
        f.at(FAULTS_UNTIL, () -> {
            for (String n : f.sim.nodeNames()) f.sim.restart(n);
            f.sim.heal("cluster", null, null);
        });
        f.runUntil(SETTLED);
        assertThat(f.sim.monitor().violations()).isEmpty();
        for (String g : List.of("g1", "g2")) assertThat(f.sim.groups().onlineNodes(g)).as("group %s", g).hasSize(1);
    }

    /** One fault on one node at a half second, undone after {@code outage} seconds (a cut heals, the rest restart). */
    record NodeFault(int second, int kind, String node, int outage) {
        void schedule(ReservationPolicyFixture f) {
            long at = second * S + S / 2;
            long undo = Math.min(at + outage * S, FAULTS_UNTIL);
            String other = node.equals("node-a") ? "node-b" : "node-a";
            switch (kind) {
                case 0 -> f.at(at, () -> f.sim.crash(node));
                case 1 -> f.at(at, () -> f.sim.hang(node));
                case 2 -> f.at(at, () -> f.sim.isolate(node));
                default -> f.at(at, () -> f.sim.cut("cluster", node, other));
            }
            if (kind == 3) f.at(undo, () -> f.sim.heal("cluster", node, other));
            else f.at(undo, () -> f.sim.restart(node));
        }
    }

    @Provide
    Arbitrary<List<NodeFault>> nodeFaults() {
        return Combinators.combine(Arbitraries.integers().between(0, 230), Arbitraries.integers().between(0, 3),
                        Arbitraries.of("node-a", "node-b"), Arbitraries.integers().between(1, 60))
                .as(NodeFault::new).list().ofMaxSize(10);
    }

    @Property(tries = 200)
    void fenceScsiIsSafeAndConverges(@ForAll long seed) {
        ReservationPolicyFixture f = ReservationPolicyFixture.build(seed, FenceScsiAgent::new, b -> {
            b.node("node-a", 2).node("node-b", 2).node("node-c", 2);
            ReservationPolicyFixture.dataDisk(b, "data1");
            ReservationPolicyFixture.dataDisk(b, "data2");
            b.group("g1", "data1", "node-a");
            b.group("g2", "data2", "node-c");
            ReservationPolicyFixture.nodeMajority(b);
        });
        assertSafeAndSettled(f, List.of("g1", "g2"));
    }

    @Property(tries = 200)
    void fenceScsiTwoNodeIsSafeAndConverges(@ForAll long seed) {
        ReservationPolicyFixture f = ReservationPolicyFixture.build(seed, FenceScsiAgent::new, b -> {
            b.node("node-a", 1).node("node-b", 1);
            ReservationPolicyFixture.dataDisk(b, "data1");
            b.group("g1", "data1", "node-b");
            ReservationPolicyFixture.nodeMajority(b);
        });
        assertSafeAndSettled(f, List.of("g1"));
    }

    @Property(tries = 200)
    void veritasIsSafeAndConverges(@ForAll long seed) {
        ReservationPolicyFixture f = ReservationPolicyFixture.build(seed, VeritasAgent::new, b -> {
            b.node("node-a", 1).node("node-b", 1).node("node-c", 1);
            for (String c : List.of("coord1", "coord2", "coord3")) ReservationPolicyFixture.coordinatorDisk(b, c);
            ReservationPolicyFixture.dataDisk(b, "data1");
            ReservationPolicyFixture.dataDisk(b, "data2");
            b.group("g1", "data1", "node-a");
            b.group("g2", "data2", "node-c");
            ReservationPolicyFixture.nodeMajority(b);
        });
        assertSafeAndSettled(f, List.of("g1", "g2"));
    }
}
