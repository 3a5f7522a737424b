package dev.clusterlab.bench;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.RandomFaults;
import dev.clusterlab.engine.cluster.policy.WsfcAgent;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.timeline.ClusterView;
import dev.clusterlab.engine.timeline.DiskReservationView;
import dev.clusterlab.engine.timeline.ProjectionCache;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulator's figures for issue 4, measured on one realistic soak: a WSFC cluster of
 * {@code nodes} nodes (two paths each) with {@code disks} data disks, one resource group per disk
 * and a disk witness, under random faults (one every 30 s on average, outages up to 60 s), for one
 * simulated hour, recording every event.
 *
 * <p>Prints: wall time for the simulated hour; scheduler events and timeline events per second of
 * wall time; heap per million timeline events (used heap after GC, before and after); and the time
 * to reconstruct the cluster view and the per-disk reservation view at random points of the
 * timeline. A first run warms the JIT up; the figures are from the second. Run with
 * {@code bench/cluster-soak [nodes] [disks] [hours]}.
 */
public final class ClusterSoak {
    private static final long SECOND = 1_000_000_000L;

    /** What one soak produced. */
    public record Result(long wallNanos, long schedulerEvents, Timeline timeline, int faults, int violations) {}

    private ClusterSoak() {}

    /** Builds the soak cluster: nodes n1..nN, disks d1..dM with groups g1..gM spread over the nodes, witness w. */
    public static ClusterSimulation cluster(int nodes, int disks, long seed, TimelineSink sink, ClusterAgent.Factory agents) {
        ClusterSimulation.Builder b = ClusterSimulation.builder().seed(seed).timeline(sink).agents(agents)
                .quorum(QuorumModel.NODE_AND_DISK_MAJORITY, "w")
                .network("cluster", 200_000, 50_000, 0.001)
                .network("client", 500_000, 100_000, 0.001)
                .disk("w", 64L << 20, DiskRole.WITNESS, Set.of());
        for (int i = 1; i <= nodes; i++) b.node("n" + i, 2);
        for (int d = 1; d <= disks; d++) {
            b.disk("d" + d, 1L << 30, DiskRole.DATA, Set.of());
            b.group("g" + d, "d" + d, "n" + (1 + (d - 1) % nodes));
        }
        return b.build();
    }

    /** Runs the soak for {@code simulatedNanos}, faults stopping a minute before the end. */
    public static Result soak(int nodes, int disks, long simulatedNanos, long seed) {
        Timeline timeline = new Timeline();
        ClusterSimulation sim = cluster(nodes, disks, seed, timeline, WsfcAgent::new);
        RandomFaults faults = RandomFaults.schedule(sim, 30 * SECOND, 60 * SECOND, Math.max(0, simulatedNanos - 60 * SECOND));
        long start = System.nanoTime();
        sim.runUntil(simulatedNanos);
        long wall = System.nanoTime() - start;
        return new Result(wall, sim.scheduler().eventsRun(), timeline, faults.injected(), sim.monitor().count());
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int disks = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        double hours = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        long simulated = (long) (hours * 3600 * SECOND);
        System.out.printf(Locale.ROOT, "cluster-soak: %d nodes x 2 paths, %d data disks + witness, WSFC, random faults, %.2f h simulated%n",
                nodes, disks, hours);
        soak(nodes, disks, simulated / 6, 1); // warm-up
        long before = usedHeapAfterGc();
        Result r = soak(nodes, disks, simulated, 2);
        long after = usedHeapAfterGc();
        double wallSeconds = r.wallNanos() / 1e9;
        int events = r.timeline().size();
        System.out.printf(Locale.ROOT, "  wall time:               %.2f s for %.2f h simulated (%.0fx real time)%n",
                wallSeconds, hours, hours * 3600 / wallSeconds);
        System.out.printf(Locale.ROOT, "  faults injected:         %d, integrity violations: %d%n", r.faults(), r.violations());
        System.out.printf(Locale.ROOT, "  scheduler events:        %,d (%,.0f per second)%n", r.schedulerEvents(), r.schedulerEvents() / wallSeconds);
        System.out.printf(Locale.ROOT, "  timeline events:         %,d (%,.0f per second)%n", events, events / wallSeconds);
        System.out.printf(Locale.ROOT, "  heap per million events: %.1f MiB (timeline kept in memory, used heap after GC)%n",
                (after - before) / 1048576.0 / (events / 1e6));
        seek(r.timeline(), "cluster view", new ProjectionCache<>(r.timeline(), ClusterView.INSTANCE, 1024));
        seek(r.timeline(), "reservation view", new ProjectionCache<>(r.timeline(), DiskReservationView.INSTANCE, 1024));
    }

    private static <S> void seek(Timeline timeline, String name, ProjectionCache<S> cache) {
        long t0 = System.nanoTime();
        cache.catchUp();
        long build = System.nanoTime() - t0;
        SplittableRandom random = new SplittableRandom(9);
        int seeks = 2000;
        for (int i = 0; i < seeks; i++) cache.stateAt(random.nextInt(timeline.size() + 1)); // warm-up
        long start = System.nanoTime();
        for (int i = 0; i < seeks; i++) cache.stateAt(random.nextInt(timeline.size() + 1));
        long perSeek = (System.nanoTime() - start) / seeks;
        System.out.printf(Locale.ROOT, "  seek (%s):%s %.1f us per random position (snapshots every 1,024 events, built in %.2f s)%n",
                name, " ".repeat(Math.max(0, 16 - name.length())), perSeek / 1000.0, build / 1e9);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
