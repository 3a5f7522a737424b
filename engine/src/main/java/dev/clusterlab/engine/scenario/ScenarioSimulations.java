package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.ClusterParameters;
import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.HeartbeatSettings;
import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.cluster.policy.FenceScsiAgent;
import dev.clusterlab.engine.cluster.policy.MscsAgent;
import dev.clusterlab.engine.cluster.policy.VeritasAgent;
import dev.clusterlab.engine.cluster.policy.WsfcAgent;
import dev.clusterlab.engine.timeline.TimelineSink;

/** Builds the {@link ClusterSimulation} a scenario describes: topology, policy and parameters. */
public final class ScenarioSimulations {
    private ScenarioSimulations() {}

    /** The cluster service each policy runs on every node. */
    public static ClusterAgent.Factory agents(ArbitrationPolicy policy) {
        return switch (policy) {
            case WSFC_PR -> WsfcAgent::new;
            case MSCS_SCSI2 -> MscsAgent::new;
            case FENCE_SCSI -> FenceScsiAgent::new;
            case VERITAS -> VeritasAgent::new;
        };
    }

    /** The scenario's timings, defaults where it sets none. */
    public static ClusterParameters parameters(Scenario s) {
        return new ClusterParameters(
                s.param(ScenarioParameter.ARBITRATION_INTERVAL), s.param(ScenarioParameter.CHALLENGE_WAIT),
                s.param(ScenarioParameter.QUORUM_ARBITRATION_MAX), s.param(ScenarioParameter.MSCS_CHALLENGE_RESERVE),
                s.param(ScenarioParameter.MSCS_QUORUM_ONLINE), s.param(ScenarioParameter.WATCHDOG_TIMEOUT),
                s.param(ScenarioParameter.VERITAS_RACE_DELAY_MIN), s.param(ScenarioParameter.VERITAS_RACE_DELAY_MAX),
                s.param(ScenarioParameter.WORKLOAD_INTERVAL), s.param(ScenarioParameter.MULTIPATH_CHECK_INTERVAL),
                s.param(ScenarioParameter.REBOOT_TIME));
    }

    /**
     * A simulation of {@code s} with {@code seed}, at time 0 with the cluster formed, recording on
     * {@code sink}. A scenario with real disks fails here with a message saying how to attach them.
     */
    public static ClusterSimulation build(Scenario s, long seed, TimelineSink sink) { return build(s, seed, sink, RealDevices.UNAVAILABLE); }

    /**
     * As {@link #build(Scenario, long, TimelineSink)}, reaching real disks through {@code devices}
     * (their paths open now; every one is guarded: read-only unless the user armed the device).
     *
     * @throws java.io.UncheckedIOException when a real disk cannot be opened on some node path
     */
    public static ClusterSimulation build(Scenario s, long seed, TimelineSink sink, RealDevices devices) {
        ClusterSimulation.Builder b = ClusterSimulation.builder()
                .realDevices(devices)
                .seed(seed)
                .timeline(sink)
                .heartbeat(new HeartbeatSettings(s.param(ScenarioParameter.HEARTBEAT_DELAY),
                        (int) s.param(ScenarioParameter.HEARTBEAT_THRESHOLD)))
                .parameters(parameters(s))
                .quorum(s.quorum().model(), s.quorum().witnessDisk())
                .agents(agents(s.policy()));
        for (NodeSpec n : s.nodes()) b.node(n.name(), n.paths());
        for (NetworkSpec n : s.networks()) b.network(n.name(), n.latency().toNanos(), n.jitter().toNanos(), n.loss());
        if (s.networks().isEmpty()) b.network("cluster", 0, 0, 0); // a cluster always has its heartbeat network
        for (DiskSpec d : s.disks()) {
            if (d.real()) b.realDisk(d.name(), d.role(), d.url(), d.pathUrls());
            else b.disk(d.name(), d.sizeBytes(), d.role(), d.quirks());
        }
        for (GroupSpec g : s.groups()) {
            if (g.shared()) b.sharedGroup(g.name(), g.disk(), g.owner());
            else b.group(g.name(), g.disk(), g.owner());
        }
        return b.build();
    }
}
