package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.WsfcFixture.GIB;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.MS;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The invariant for Cluster Shared Volumes (reference/cluster-arbitration.md §1.7) over the
 * random fault schedules of {@link WsfcProperties}, faithful passthrough: the integrity monitor never
 * fires, and once the faults are repaired the shared volume runs on every node and exactly one node,
 * its coordinator, holds the reservation.
 */
class WsfcSharedVolumeProperties {
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final long REPAIR_AT = 120 * S + 500 * MS;
    private static final long SETTLED_AT = 300 * S;

    @Provide
    Arbitrary<List<WsfcProperties.Fault>> faultSchedules() { return new WsfcProperties().faultSchedules(); }

    @Provide
    Arbitrary<QuorumModel> models() { return new WsfcProperties().models(); }

    @Property(tries = 50)
    void faithfulPassthroughKeepsTheMonitorSilentAndTheVolumeEndsUpEverywhereWithOneCoordinator(
            @ForAll("faultSchedules") List<WsfcProperties.Fault> faults, @ForAll("models") QuorumModel model, @ForAll long seed) {
        WsfcFixture f = WsfcFixture.build(seed, b -> b.quorum(model, model == QuorumModel.NODE_MAJORITY ? null : "witness")
                .network("client", 2 * MS, 300_000, 0.05)
                .node("node-a", 2).node("node-b", 2).node("node-c", 2)
                .disk("witness", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("volume1", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .sharedGroup("csv1", "volume1", "node-a"));
        for (WsfcProperties.Fault fault : faults) f.at(fault.at(), () -> fault.action().accept(f.sim));
        f.repairEverythingAt(REPAIR_AT, NODES);
        f.runUntil(SETTLED_AT);

        assertThat(f.sim.monitor().violations()).as("faults %s\n%s", faults, f.story()).isEmpty();
        assertThat(f.owners("csv1")).as("runners after %s\n%s", faults, f.story()).containsExactlyElementsOf(NODES);
        for (String n : NODES) assertThat(f.sim.node(n).storage().believesOwner("volume1")).as("%s believes it has volume1", n).isTrue();
        Set<String> holders = new LinkedHashSet<>();
        for (var r : f.sim.fabric().disk("volume1").lu().reservations().snapshot().registrants()) {
            if (r.holder()) holders.add(f.sim.fabric().nodeOf(r.initiator()));
        }
        assertThat(holders).as("reservation holders after %s\n%s", faults, f.story()).hasSize(1);
        assertThat(f.holderOf("volume1")).isEqualTo(WsfcKeys.keyOf(f.sim.node(holders.iterator().next()).id()));
    }
}
