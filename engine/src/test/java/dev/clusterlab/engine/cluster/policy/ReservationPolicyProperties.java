package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.RandomFaults;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

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

    @Property(tries = 40)
    void mscsIsSafeAndConverges(@ForAll long seed) {
        ReservationPolicyFixture f = ReservationPolicyFixture.build(seed, MscsAgent::new, b -> {
            b.node("node-a", 2).node("node-b", 2);
            b.disk("quorum", ReservationPolicyFixture.DISK, DiskRole.DATA, Set.of());
            ReservationPolicyFixture.dataDisk(b, "data1");
            ReservationPolicyFixture.dataDisk(b, "data2");
            b.group("g1", "data1", "node-a");
            b.group("g2", "data2", "node-b");
            b.quorum(QuorumModel.DISK_ONLY, "quorum");
        });
        assertSafeAndSettled(f, List.of("g1", "g2"));
    }

    @Property(tries = 40)
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

    @Property(tries = 40)
    void fenceScsiTwoNodeIsSafeAndConverges(@ForAll long seed) {
        ReservationPolicyFixture f = ReservationPolicyFixture.build(seed, FenceScsiAgent::new, b -> {
            b.node("node-a", 1).node("node-b", 1);
            ReservationPolicyFixture.dataDisk(b, "data1");
            b.group("g1", "data1", "node-b");
            ReservationPolicyFixture.nodeMajority(b);
        });
        assertSafeAndSettled(f, List.of("g1"));
    }

    @Property(tries = 40)
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
