package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.cluster.storage.StorageFabric;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.sim.Scheduler;
import dev.clusterlab.engine.sim.SeededRandom;
import dev.clusterlab.engine.sim.VirtualClock;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated failover cluster, whole: virtual time, nodes with heartbeats and membership
 * ({@link Cluster}), the SAN ({@link StorageFabric}), resource groups, each node's cluster service
 * ({@link ClusterAgent}, the arbitration policy) and the {@link IntegrityMonitor}. Single-threaded:
 * everything happens on the scheduler's loop, so the same seed gives the same timeline.
 *
 * <p>Faults ({@link #crash}, {@link #hang}, {@link #cut}, ...) may be applied between runs or from
 * scheduled actions; each is recorded on the timeline by the part it changes.
 */
public final class ClusterSimulation {
    private final Scheduler scheduler;
    private final SeededRandom random;
    private final IntegrityMonitor monitor;
    private final Cluster cluster;
    private final StorageFabric fabric;
    private final ResourceGroups groups;
    private final ClusterParameters parameters;
    private final QuorumRule quorumRule;
    private final ClusterAgent.Factory agentFactory;
    private final Map<String, NodeRuntime> runtimes = new LinkedHashMap<>();
    private final List<String> coordinatorDisks = new ArrayList<>();

    private ClusterSimulation(Builder b) {
        VirtualClock clock = new VirtualClock();
        scheduler = new Scheduler(clock);
        random = new SeededRandom(b.seed);
        monitor = new IntegrityMonitor(b.sink);
        parameters = b.parameters;
        agentFactory = b.agentFactory;
        cluster = new Cluster(scheduler, random, monitor, b.heartbeat);
        int maxPaths = 1;
        for (int p : b.nodes.values()) maxPaths = Math.max(maxPaths, p);
        fabric = new StorageFabric(clock, monitor, maxPaths);
        groups = new ResourceGroups(clock, monitor);
        for (Builder.NetworkDef n : b.networks) cluster.addNetwork(n.name, n.latency, n.jitter, n.loss);
        for (Builder.DiskDef d : b.disks) {
            DiskRole role = d.name.equals(b.witness) ? DiskRole.WITNESS : d.role;
            if (d.url != null) fabric.addRealDisk(d.name, role, d.url, d.pathUrls, b.realDevices);
            else fabric.addDisk(d.name, d.size, role, d.quirks);
            if (role == DiskRole.COORDINATOR) coordinatorDisks.add(d.name);
        }
        quorumRule = new QuorumRule(b.quorumModel, b.witness, b.nodes.size());
        int id = 1;
        for (Map.Entry<String, Integer> n : b.nodes.entrySet()) {
            cluster.addNode(n.getKey());
            fabric.addNode(n.getKey(), n.getValue());
            runtimes.put(n.getKey(), new NodeRuntime(this, n.getKey(), id++));
        }
        fabric.connectRealDisks();
        for (String[] g : b.groups) groups.add(g[0], g[1], g[2], g.length > 3);
        monitor.attach(this);
        groups.addListener((group, node, online) -> {
            runtime(node).groupChanged(group, online);
            monitor.recheckAll();
        });
        cluster.membershipListener((observer, peer, change) -> runtime(observer).membershipChanged(peer, change));
        cluster.start();
        // Services boot as the first events of time 0, so whoever built the simulation sees everything they do.
        for (NodeRuntime r : runtimes.values()) scheduler.schedule(0, r::boot);
    }

    public static Builder builder() { return new Builder(); }

    /** Logs out of and closes every real device; a simulation of simulated disks has nothing to close. */
    public void close() { fabric.close(); }

    // ---- parts --------------------------------------------------------------------------------

    public Scheduler scheduler() { return scheduler; }

    public SeededRandom random() { return random; }

    public Cluster cluster() { return cluster; }

    public StorageFabric fabric() { return fabric; }

    public ResourceGroups groups() { return groups; }

    public IntegrityMonitor monitor() { return monitor; }

    public ClusterParameters parameters() { return parameters; }

    public QuorumRule quorumRule() { return quorumRule; }

    public List<String> nodeNames() { return List.copyOf(runtimes.keySet()); }

    public List<String> coordinatorDisks() { return List.copyOf(coordinatorDisks); }

    /** The node's view of its own situation (storage stack, quorum) as its service sees it. */
    public NodeContext node(String name) { return runtime(name); }

    ClusterAgent.Factory agentFactory() { return agentFactory; }

    NodeRuntime runtime(String name) {
        NodeRuntime r = runtimes.get(name);
        if (r == null) throw new IllegalArgumentException("no such node: " + name);
        return r;
    }

    void record(TimelineEvent event) { monitor.append(event); }

    // ---- running ------------------------------------------------------------------------------

    public long now() { return scheduler.now(); }

    /** Runs the simulation up to virtual time {@code nanos}. */
    public long runUntil(long nanos) { return scheduler.runUntil(nanos); }

    // ---- commands -----------------------------------------------------------------------------

    /**
     * A command issued by hand (console, scenario step) as {@code node}: down {@code path} ("p2"), or
     * through multipath when {@code path} is null. It passes through the node's storage stack, so
     * passthrough modes and path states apply.
     */
    public IoOutcome issue(String node, String path, String disk, ScsiRequest request) {
        NodeRuntime r = runtime(node);
        if (cluster.node(node).state() == NodeState.DOWN) return new IoOutcome.NoPath(path);
        fabric.disk(disk);
        if (path == null) return r.storage().execute(disk, request);
        int index = fabric.pathIndex(node, path);
        if (index < 0) throw new IllegalArgumentException("node " + node + " has no path " + path);
        return r.storage().executeOn(disk, index, request);
    }

    // ---- faults -------------------------------------------------------------------------------

    /** Power-off: the node stops at once, keeping every registration it made. */
    public void crash(String node) { crash(node, "node crashed"); }

    void crash(String node, String reason) {
        NodeRuntime r = runtime(node);
        if (cluster.node(node).state() == NodeState.DOWN) return;
        cluster.setState(node, NodeState.DOWN);
        r.shutDown(reason);
        monitor.recheckAll();
    }

    /** Boots a crashed node, resumes a hung one, reconnects an isolated one. */
    public void restart(String node) {
        NodeRuntime r = runtime(node);
        NodeState before = cluster.node(node).state();
        if (before == NodeState.UP) return;
        cluster.setState(node, NodeState.UP);
        switch (before) {
            case DOWN -> r.boot();
            case HUNG -> r.resume();
            default -> { }
        }
        monitor.recheckAll();
    }

    /** The cluster service freezes (no heartbeats, no arbitration) while the node's I/O carries on. */
    public void hang(String node) {
        if (cluster.node(node).state() == NodeState.UP) cluster.setState(node, NodeState.HUNG);
    }

    /** Every network interface of the node is unplugged; its disk paths stay. */
    public void isolate(String node) {
        if (cluster.node(node).state() == NodeState.UP) cluster.setState(node, NodeState.ISOLATED);
    }

    /** Cuts a whole network ({@code a}, {@code b} null) or one link of it. */
    public void cut(String network, String a, String b) { setLinks(network, a, b, true); }

    public void heal(String network, String a, String b) { setLinks(network, a, b, false); }

    /** Cuts every link of {@code network} between a node of {@code side} and a node outside it. */
    public void partition(String network, java.util.Collection<String> side) { cluster.partition(network, side); }

    private void setLinks(String network, String a, String b, boolean cut) {
        if (a != null) {
            if (cut) cluster.cut(network, a, b);
            else cluster.heal(network, a, b);
            return;
        }
        List<String> names = nodeNames();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (cut) cluster.cut(network, names.get(i), names.get(j));
                else cluster.heal(network, names.get(i), names.get(j));
            }
        }
    }

    public void failPath(String node, String path) { setPath(node, path, false, null); }

    public void restorePath(String node, String path) { setPath(node, path, true, null); }

    private void setPath(String node, String path, boolean up, String reason) {
        int index = fabric.pathIndex(node, path);
        if (index < 0) throw new IllegalArgumentException("node " + node + " has no path " + path);
        fabric.setPathUp(node, index, up, reason);
        monitor.recheckAll();
    }

    public void logicalUnitReset(String disk) { fabric.logicalUnitReset(disk); }

    /** A bus reset on {@code disk}'s bus, as an operator would cause it (not from a node). */
    public void busReset(String disk) {
        fabric.disk(disk);
        fabric.busReset(null);
    }

    public void targetRestart() { fabric.targetRestart(); }

    /** Sets the passthrough mode of one path, or of every path of the node when {@code path} is null. */
    public void passthrough(String node, String path, PassthroughMode mode) {
        if (path == null) {
            for (int i = 0; i < fabric.pathCount(node); i++) fabric.setMode(node, i, mode);
            return;
        }
        int index = fabric.pathIndex(node, path);
        if (index < 0) throw new IllegalArgumentException("node " + node + " has no path " + path);
        fabric.setMode(node, index, mode);
    }

    /**
     * Builds a simulation; {@link #build()} returns it at time 0 with every node up and a formed
     * cluster, each node's service booting as the first event to run.
     */
    public static final class Builder {
        private record NetworkDef(String name, long latency, long jitter, double loss) {}

        private record DiskDef(String name, long size, DiskRole role, Set<DiskQuirk> quirks, DeviceUrl url,
                               Map<String, DeviceUrl> pathUrls) {}

        private long seed;
        private TimelineSink sink = TimelineSink.DISCARD;
        private HeartbeatSettings heartbeat = HeartbeatSettings.WSFC_SAME_SUBNET;
        private ClusterParameters parameters = ClusterParameters.DEFAULTS;
        private QuorumModel quorumModel = QuorumModel.NODE_MAJORITY;
        private String witness;
        private ClusterAgent.Factory agentFactory = context -> () -> { };
        private final Map<String, Integer> nodes = new LinkedHashMap<>();
        private final List<NetworkDef> networks = new ArrayList<>();
        private final List<DiskDef> disks = new ArrayList<>();
        private final List<String[]> groups = new ArrayList<>();
        private RealDevices realDevices = RealDevices.UNAVAILABLE;

        public Builder seed(long seed) { this.seed = seed; return this; }

        public Builder timeline(TimelineSink sink) { this.sink = sink; return this; }

        public Builder heartbeat(HeartbeatSettings heartbeat) { this.heartbeat = heartbeat; return this; }

        public Builder parameters(ClusterParameters parameters) { this.parameters = parameters; return this; }

        public Builder quorum(QuorumModel model, String witnessDisk) {
            this.quorumModel = model;
            this.witness = witnessDisk;
            return this;
        }

        /** The arbitration policy: creates each node's cluster service at every boot. */
        public Builder agents(ClusterAgent.Factory factory) { this.agentFactory = factory; return this; }

        public Builder node(String name, int paths) {
            if (nodes.putIfAbsent(name, paths) != null) throw new IllegalArgumentException("duplicate node: " + name);
            return this;
        }

        public Builder network(String name, long latencyNanos, long jitterNanos, double loss) {
            networks.add(new NetworkDef(name, latencyNanos, jitterNanos, loss));
            return this;
        }

        public Builder disk(String name, long sizeBytes, DiskRole role, Set<DiskQuirk> quirks) {
            disks.add(new DiskDef(name, sizeBytes, role, quirks, null, Map.of()));
            return this;
        }

        /**
         * A shared disk that is a real logical unit at {@code url}; every node path opens its own
         * guarded device to it when the simulation is built ({@code pathUrls}: per "node/pK" overrides).
         */
        public Builder realDisk(String name, DiskRole role, DeviceUrl url, Map<String, DeviceUrl> pathUrls) {
            disks.add(new DiskDef(name, 0, role, Set.of(), url, pathUrls));
            return this;
        }

        /** How real disks are reached, armed and audited; without it, opening a real disk fails with a clear message. */
        public Builder realDevices(RealDevices devices) { this.realDevices = devices; return this; }

        public Builder group(String name, String disk, String preferredOwner) {
            groups.add(new String[] {name, disk, preferredOwner});
            return this;
        }

        /** A shared group (Cluster Shared Volume): it runs on every member; {@code coordinator} coordinates it first. */
        public Builder sharedGroup(String name, String disk, String coordinator) {
            groups.add(new String[] {name, disk, coordinator, "shared"});
            return this;
        }

        public ClusterSimulation build() {
            if (nodes.isEmpty()) throw new IllegalStateException("a cluster needs at least one node");
            if (networks.isEmpty()) throw new IllegalStateException("a cluster needs at least one network");
            // Caught here, not at the first write to a missing disk deep inside a run.
            if (witness != null && !declaresDisk(witness)) throw new IllegalStateException("witness disk " + witness + " is not declared");
            for (String[] g : groups) {
                if (!declaresDisk(g[1])) throw new IllegalStateException("group " + g[0] + " is on undeclared disk " + g[1]);
                if (!nodes.containsKey(g[2])) throw new IllegalStateException("group " + g[0] + " prefers undeclared node " + g[2]);
            }
            return new ClusterSimulation(this);
        }

        private boolean declaresDisk(String name) {
            for (DiskDef d : disks) if (d.name.equals(name)) return true;
            return false;
        }
    }
}
