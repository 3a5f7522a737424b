package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.WsfcFixture.GIB;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.MS;
import static dev.clusterlab.engine.cluster.policy.WsfcFixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The invariant for a correct policy over random fault schedules with faithful passthrough:
 * the integrity monitor never fires, and once the faults are repaired every group runs on exactly
 * one node that believes it owns the disk. Two networks, one with jitter and 5 % heartbeat loss.
 */
class WsfcProperties {
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final long FAULTS_UNTIL = 120 * S;
    private static final long REPAIR_AT = FAULTS_UNTIL + 500 * MS;
    private static final long SETTLED_AT = 300 * S;

    /** One fault at a half-second instant (heartbeats and defender rounds fall on whole seconds). */
    record Fault(long at, String kind, String node, String peer) {
        Consumer<ClusterSimulation> action() {
            return switch (kind) {
                case "crash" -> sim -> sim.crash(node);
                case "restart" -> sim -> sim.restart(node);
                case "hang" -> sim -> sim.hang(node);
                case "isolate" -> sim -> sim.isolate(node);
                case "cut" -> sim -> {
                    sim.cut("cluster", node, peer);
                    sim.cut("client", node, peer);
                };
                case "heal" -> sim -> {
                    sim.heal("cluster", node, peer);
                    sim.heal("client", node, peer);
                };
                case "fail-path" -> sim -> sim.failPath(node, "p1");
                case "restore-path" -> sim -> sim.restorePath(node, "p1");
                default -> throw new IllegalStateException(kind);
            };
        }

        @Override public String toString() { return (at / 1e9) + "s " + kind + " " + node + (peer == null ? "" : " " + peer); }
    }

    @Provide
    Arbitrary<List<Fault>> faultSchedules() {
        Arbitrary<Long> at = Arbitraries.longs().between(1, FAULTS_UNTIL / S - 1).map(second -> second * S + 500 * MS);
        Arbitrary<String> kind = Arbitraries.of("crash", "restart", "hang", "isolate", "cut", "heal", "fail-path", "restore-path");
        Arbitrary<String> node = Arbitraries.of(NODES);
        Arbitrary<Fault> fault = Combinators.combine(at, kind, node, node)
                .filter((t, k, a, b) -> !(k.equals("cut") || k.equals("heal")) || !a.equals(b))
                .as((t, k, a, b) -> new Fault(t, k, a, k.equals("cut") || k.equals("heal") ? b : null));
        return fault.list().ofMaxSize(12).map(list -> list.stream().sorted((x, y) -> Long.compare(x.at(), y.at())).toList());
    }

    @Provide
    Arbitrary<QuorumModel> models() { return Arbitraries.of(QuorumModel.NODE_MAJORITY, QuorumModel.NODE_AND_DISK_MAJORITY); }

    @Property(tries = 200)
    void faithfulPassthroughNeverLetsTheMonitorFireAndEveryGroupEndsUpOwnedOnce(
            @ForAll("faultSchedules") List<Fault> faults, @ForAll("models") QuorumModel model, @ForAll long seed) {
        WsfcFixture f = WsfcFixture.build(seed, b -> {
            b.quorum(model, model == QuorumModel.NODE_MAJORITY ? null : "witness")
                    .network("client", 2 * MS, 300_000, 0.05)
                    .node("node-a", 2).node("node-b", 2).node("node-c", 2)
                    .disk("witness", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                    .disk("data", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                    .disk("data2", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                    .group("sql", "data", "node-a")
                    .group("web", "data2", "node-c");
        });
        for (Fault fault : faults) f.at(fault.at(), () -> fault.action().accept(f.sim));
        f.repairEverythingAt(REPAIR_AT, NODES);
        f.runUntil(SETTLED_AT);

        assertThat(f.sim.monitor().violations()).as("faults %s\n%s", faults, f.story()).isEmpty();
        for (String group : List.of("sql", "web")) {
            List<String> owners = f.owners(group);
            assertThat(owners).as("owners of %s after %s\n%s", group, faults, f.story()).hasSize(1);
            String disk = f.sim.groups().group(group).disk();
            assertThat(f.sim.node(owners.get(0)).storage().believesOwner(disk)).as("%s believes it owns %s", owners.get(0), disk).isTrue();
        }
    }
}
