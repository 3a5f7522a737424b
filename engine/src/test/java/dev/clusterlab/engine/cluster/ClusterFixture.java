package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.sim.Scheduler;
import dev.clusterlab.engine.sim.SeededRandom;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChanged;
import java.util.List;
import java.util.function.Consumer;

/** A small cluster on a fresh scheduler and timeline, for tests. */
final class ClusterFixture {
    static final long S = HeartbeatSettings.SECOND;
    static final long MS = 1_000_000L;

    final Scheduler scheduler = new Scheduler();
    final Timeline timeline = new Timeline();
    final Cluster cluster;

    /** Nodes A, B, C on network "cluster" (1 ms +/- {@code jitter}) and "client" (2 ms, {@code clientLoss}). */
    ClusterFixture(long seed, long jitter, double clientLoss) {
        cluster = new Cluster(scheduler, new SeededRandom(seed), timeline, HeartbeatSettings.WSFC_SAME_SUBNET);
        cluster.addNode("A");
        cluster.addNode("B");
        cluster.addNode("C");
        cluster.addNetwork("cluster", MS, jitter, 0.0);
        cluster.addNetwork("client", 2 * MS, 0, clientLoss);
        cluster.start();
    }

    ClusterFixture() { this(1, 0, 0.0); }

    /** Applies {@code fault} to the cluster at virtual time {@code at}. */
    void at(long at, Consumer<Cluster> fault) { scheduler.scheduleAt(at, () -> fault.accept(cluster)); }

    void runUntil(long time) { scheduler.runUntil(time); }

    List<MembershipChanged> membershipChanges() { return timeline.ofType(MembershipChanged.class); }

    List<TimelineEvent> events() { return timeline.all(); }
}
