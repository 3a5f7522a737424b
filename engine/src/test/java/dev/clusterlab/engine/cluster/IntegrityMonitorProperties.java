package dev.clusterlab.engine.cluster;

import static dev.clusterlab.engine.cluster.Sim.MS;
import static dev.clusterlab.engine.cluster.Sim.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent.IntegrityViolation;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import dev.clusterlab.engine.timeline.TimelineEvent.ViolationKind;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The lab's headline lesson as properties: with faithful passthrough a correct policy
 * ({@link FencingTestPolicy}, which registers with APTPL so that target restarts keep its fences) never
 * lets the integrity monitor fire, whatever node, network, path, reset and restart faults hit the
 * cluster, and once everything is repaired one node serves the group; with lossy passthrough a hung
 * owner that is fenced comes back and writes.
 */
class IntegrityMonitorProperties {
    private static final List<String> NODES = List.of("a", "b", "c");
    private static final long FAULTS_UNTIL = 60 * S;
    private static final long RUN_UNTIL = 120 * S;

    enum Kind { CRASH, RESTART, HANG, ISOLATE, CUT_NETWORK, HEAL_NETWORK, FAIL_PATH, RESTORE_PATH, LU_RESET, BUS_RESET, TARGET_RESTART }

    /** One fault at a half-second instant; {@code path} is "p1" or "p2" (node a has two paths). */
    record Fault(long at, Kind kind, String node, String path) {
        void apply(ClusterSimulation sim) {
            switch (kind) {
                case CRASH -> sim.crash(node);
                case RESTART -> sim.restart(node);
                case HANG -> sim.hang(node);
                case ISOLATE -> sim.isolate(node);
                case CUT_NETWORK -> sim.cut("cluster", null, null);
                case HEAL_NETWORK -> sim.heal("cluster", null, null);
                case FAIL_PATH -> sim.failPath(node, sim.fabric().pathCount(node) > 1 ? path : "p1");
                case RESTORE_PATH -> sim.restorePath(node, sim.fabric().pathCount(node) > 1 ? path : "p1");
                case LU_RESET -> sim.logicalUnitReset("data");
                case BUS_RESET -> sim.busReset("data");
                case TARGET_RESTART -> sim.targetRestart();
            }
        }
    }

    /**
     * Up to 10 faults at half seconds in [0, 60 s), node faults (the ones that force a takeover) drawn 3 times
     * as often as the others; in three schedules out of four, one more: a crash, hang or isolation of the
     * first owner a, which forces a takeover with fencing.
     */
    private static Arbitrary<List<Fault>> schedules(Kind... kinds) {
        Arbitrary<Long> at = Arbitraries.longs().between(0, FAULTS_UNTIL / S - 1).map(s -> s * S + 500 * MS);
        List<Tuple2<Integer, Kind>> weighted = new ArrayList<>();
        for (Kind k : kinds) weighted.add(Tuple.of(k == Kind.CRASH || k == Kind.HANG || k == Kind.ISOLATE ? 3 : 1, k));
        Arbitrary<Fault> fault = Combinators.combine(at, Arbitraries.frequency(weighted), Arbitraries.of(NODES), Arbitraries.of("p1", "p2"))
                .as(Fault::new);
        Arbitrary<Fault> ownerFault = Combinators.combine(at, Arbitraries.of(Kind.CRASH, Kind.HANG, Kind.ISOLATE))
                .as((t, kind) -> new Fault(t, kind, "a", "p1")).injectNull(0.25);
        return Combinators.combine(fault.list().ofMaxSize(10), ownerFault).as((background, owner) -> {
            List<Fault> all = new ArrayList<>(background);
            if (owner != null) all.add(owner);
            return all;
        });
    }

    @Provide
    Arbitrary<List<Fault>> faults() { return schedules(Kind.values()); }

    static ClusterSimulation cluster(long seed, Timeline timeline) { return cluster(seed, timeline, 0); }

    /**
     * Three nodes (a with two paths) running {@link FencingTestPolicy} on network "cluster" (1 ms +/- {@code jitter});
     * group g on disk "data", preferred on a.
     */
    static ClusterSimulation cluster(long seed, Timeline timeline, long jitter) {
        return ClusterSimulation.builder()
                .seed(seed)
                .timeline(timeline)
                .network("cluster", MS, jitter, 0.0)
                .node("a", 2).node("b", 1).node("c", 1)
                .disk("data", Sim.DISK_SIZE, DiskRole.DATA, Set.of())
                .group("g", "data", "a")
                .agents(FencingTestPolicy::new)
                .build();
    }

    /** Applies {@code faults}, then repairs everything at 60 s and runs on to 120 s. */
    static ClusterSimulation run(ClusterSimulation sim, List<Fault> faults) {
        for (Fault f : faults) sim.scheduler().scheduleAt(f.at(), () -> f.apply(sim));
        sim.scheduler().scheduleAt(FAULTS_UNTIL, () -> {
            for (String n : NODES) {
                sim.restart(n);
                for (int p = 0; p < sim.fabric().pathCount(n); p++) sim.restorePath(n, "p" + (p + 1));
            }
            sim.heal("cluster", null, null);
        });
        sim.runUntil(RUN_UNTIL);
        return sim;
    }

    private static void assertSilentAndServing(ClusterSimulation sim, Timeline timeline, List<Fault> faults) {
        assertThat(sim.monitor().violations()).as("faults %s", faults).isEmpty();
        // Liveness once everything is repaired: exactly one node runs g, believes it, and its writes land.
        List<String> owners = sim.groups().onlineNodes("g");
        assertThat(owners).as("owners at the end, faults %s", faults).hasSize(1);
        String owner = owners.get(0);
        assertThat(sim.node(owner).storage().believesOwner("data")).isTrue();
        long landed = timeline.ofType(TimelineEvent.CommandCompleted.class).stream()
                .filter(c -> c.time() >= RUN_UNTIL - 5 * S && c.status() == ScsiStatus.GOOD && c.lu().equals("data")
                        && owner.equals(sim.fabric().nodeOf(c.nexus().initiator())))
                .count();
        assertThat(landed).as("GOOD commands from %s in the last 5 s, faults %s", owner, faults).isGreaterThanOrEqualTo(5);
    }

    @Property(tries = 300)
    @Label("faithful passthrough + a correct policy: the monitor never fires, and some node ends up owning the disk")
    void faithfulPassthroughAndACorrectPolicyNeverTriggerTheMonitor(@ForAll("faults") List<Fault> faults) {
        Timeline timeline = new Timeline();
        ClusterSimulation sim = run(cluster(1, timeline), faults);
        // The property is only worth something if fencing takes place in a good share of the runs.
        Statistics.label("a node was fenced").collect(!timeline.ofType(NodeFenced.class).isEmpty());
        Statistics.label("a node was fenced").coverage(c -> c.check(true).percentage(p -> p >= 20));
        Statistics.label("a node was hung").collect(faults.stream().anyMatch(f -> f.kind() == Kind.HANG));
        assertSilentAndServing(sim, timeline, faults);
    }

    @Property(tries = 200)
    @Label("the same seed and fault schedule give the same timeline, command for command")
    void theSameScheduleGivesTheSameTimeline(@ForAll("faults") List<Fault> faults, @ForAll long seed) {
        Timeline first = new Timeline();
        Timeline second = new Timeline();
        run(cluster(seed, first, 300_000), faults);
        run(cluster(seed, second, 300_000), faults);
        assertThat(rendered(second)).isEqualTo(rendered(first));
    }

    /** The timeline with byte arrays spelled out (records compare arrays by identity). */
    private static List<String> rendered(Timeline timeline) {
        List<String> out = new ArrayList<>();
        for (TimelineEvent e : timeline.all()) {
            out.add(switch (e) {
                case TimelineEvent.CommandStarted c -> c.time() + " " + c.lu() + " " + c.nexus() + " " + c.commandId() + " "
                        + Arrays.toString(c.cdb()) + " " + Arrays.hashCode(c.dataOut());
                case TimelineEvent.CommandCompleted c -> c.time() + " " + c.lu() + " " + c.commandId() + " " + c.status() + " "
                        + c.sense() + " " + Arrays.hashCode(c.dataIn());
                default -> e.toString();
            });
        }
        return out;
    }

    /** The KVM lesson's schedule: the owner a hangs at 5.5 s and resumes at 40.5 s. */
    private static final List<Fault> HANG_OF_THE_OWNER = List.of(
            new Fault(5 * S + 500 * MS, Kind.HANG, "a", null),
            new Fault(40 * S + 500 * MS, Kind.RESTART, "a", null));

    @Example
    @Label("the hang of the owner behind faithful passthrough: fenced, it stops at RESERVATION CONFLICT")
    void hangOfTheOwnerWithFaithfulPassthroughIsSafe() {
        Timeline timeline = new Timeline();
        ClusterSimulation sim = run(cluster(1, timeline), HANG_OF_THE_OWNER);
        assertThat(timeline.ofType(NodeFenced.class)).extracting(NodeFenced::victim, NodeFenced::by).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "b"));
        assertSilentAndServing(sim, timeline, HANG_OF_THE_OWNER);
        assertThat(sim.groups().onlineNodes("g")).containsExactly("b");
    }

    @Example
    @Label("the same hang with every path lossy: the fenced owner re-registers, writes again, and the monitor fires")
    void hangOfTheOwnerWithLossyPassthroughTriggersTheMonitor() {
        Timeline timeline = new Timeline();
        ClusterSimulation sim = cluster(1, timeline);
        for (String n : NODES) sim.passthrough(n, null, PassthroughMode.LOSSY);
        sim.scheduler().scheduleAt(5 * S + 500 * MS, () -> sim.hang("a"));
        sim.runUntil(30 * S);
        assertThat(sim.cluster().node("a").state()).isEqualTo(NodeState.HUNG);
        assertThat(timeline.ofType(NodeFenced.class)).hasSize(1);
        List<IntegrityViolation> violations = sim.monitor().violations();
        assertThat(violations).extracting(IntegrityViolation::kind)
                .contains(ViolationKind.SPLIT_BRAIN, ViolationKind.WRITE_FROM_FENCED_NODE);
        assertThat(violations).filteredOn(v -> v.kind() == ViolationKind.WRITE_FROM_FENCED_NODE)
                .allSatisfy(v -> {
                    assertThat(v.node()).isEqualTo("a");
                    assertThat(v.other()).isEqualTo("b");
                });
        assertThat(sim.groups().onlineNodes("g")).containsExactly("a", "b");
    }
}
