package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.sim.RandomStream;
import dev.clusterlab.engine.timeline.NodeState;
import java.util.List;

/**
 * A random fault schedule for soak runs, property tests and benchmarks: every so often (exponential
 * gaps around {@code meanGapNanos}) one fault strikes, and it is undone after a random outage of up to
 * {@code maxOutageNanos}: crash then restart, hang then resume, isolate then reconnect, a cut link then
 * healed, a failed path then restored, or a logical unit reset. Faults stop at {@code untilNanos}; then
 * everything is healed, so a correct policy must converge to one owner per group.
 *
 * <p>Drawn from stream {@code "faults"} only, so the schedule for a seed is the same whatever the
 * policy, and it never shifts heartbeat randomness.
 */
public final class RandomFaults {
    private final ClusterSimulation sim;
    private final RandomStream random;
    private final long meanGapNanos;
    private final long maxOutageNanos;
    private final long untilNanos;
    private int injected;

    private RandomFaults(ClusterSimulation sim, long meanGapNanos, long maxOutageNanos, long untilNanos) {
        this.sim = sim;
        this.random = sim.random().stream("faults");
        this.meanGapNanos = meanGapNanos;
        this.maxOutageNanos = maxOutageNanos;
        this.untilNanos = untilNanos;
    }

    /** Schedules faults on {@code sim} from now until {@code untilNanos}, and a full heal at that time. */
    public static RandomFaults schedule(ClusterSimulation sim, long meanGapNanos, long maxOutageNanos, long untilNanos) {
        if (meanGapNanos <= 0 || maxOutageNanos <= 0) throw new IllegalArgumentException("gaps and outages must be positive");
        RandomFaults faults = new RandomFaults(sim, meanGapNanos, maxOutageNanos, untilNanos);
        faults.next();
        sim.scheduler().scheduleAt(Math.max(untilNanos, sim.now()), faults::healEverything);
        return faults;
    }

    /** Faults injected so far. */
    public int injected() { return injected; }

    private void next() {
        double u = 1.0 - random.nextDouble();
        long gap = Math.max(1, (long) (-Math.log(u) * meanGapNanos));
        if (sim.now() + gap >= untilNanos) return;
        sim.scheduler().schedule(gap, () -> {
            strike();
            next();
        });
    }

    private void strike() {
        List<String> nodes = sim.nodeNames();
        String node = nodes.get(random.nextInt(nodes.size()));
        long outage = 1 + random.nextLong(maxOutageNanos);
        int kind = random.nextInt(6);
        injected++;
        switch (kind) {
            case 0 -> {
                sim.crash(node);
                later(outage, () -> sim.restart(node));
            }
            case 1 -> {
                sim.hang(node);
                later(outage, () -> { if (sim.cluster().node(node).state() == NodeState.HUNG) sim.restart(node); });
            }
            case 2 -> {
                sim.isolate(node);
                later(outage, () -> { if (sim.cluster().node(node).state() == NodeState.ISOLATED) sim.restart(node); });
            }
            case 3 -> {
                String other = nodes.get(random.nextInt(nodes.size()));
                if (other.equals(node)) return;
                String network = sim.cluster().networks().get(random.nextInt(sim.cluster().networks().size())).name();
                sim.cut(network, node, other);
                later(outage, () -> sim.heal(network, node, other));
            }
            case 4 -> {
                String path = "p" + (1 + random.nextInt(sim.fabric().pathCount(node)));
                sim.failPath(node, path);
                later(outage, () -> sim.restorePath(node, path));
            }
            default -> {
                List<SharedDisk> disks = sim.fabric().disks();
                sim.logicalUnitReset(disks.get(random.nextInt(disks.size())).name());
            }
        }
    }

    private void later(long delay, Runnable undo) {
        // Undo no later than the end of the fault window, so the heal finds nothing still pending.
        long at = Math.min(sim.now() + delay, untilNanos);
        sim.scheduler().scheduleAt(at, undo);
    }

    private void healEverything() {
        for (String node : sim.nodeNames()) {
            for (int i = 0; i < sim.fabric().pathCount(node); i++) sim.restorePath(node, "p" + (i + 1));
            sim.restart(node);
        }
        for (Network network : sim.cluster().networks()) sim.heal(network.name(), null, null);
    }
}
