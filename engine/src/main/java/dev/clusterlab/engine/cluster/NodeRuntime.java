package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.cluster.storage.NodeStorage;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.sim.EventHandle;
import dev.clusterlab.engine.sim.RandomStream;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node as the simulation runs it: its cluster service (a {@link ClusterAgent}, recreated at each
 * boot), the service timers that freeze while the node is hung, and the I/O that does not (the
 * services' writes, the multipath path checker). A boot counter invalidates every timer of a
 * previous life.
 */
final class NodeRuntime implements NodeContext {
    private final ClusterSimulation sim;
    private final String name;
    private final int id;
    private final NodeStorage storage;
    private final List<Runnable> held = new ArrayList<>();
    private final Map<String, EventHandle> workloads = new HashMap<>();
    private ClusterAgent agent;
    private int boot;
    private boolean quorum = true;
    private long writes;

    NodeRuntime(ClusterSimulation sim, String name, int id) {
        this.sim = sim;
        this.name = name;
        this.id = id;
        this.storage = new NodeStorage(name, sim.fabric(), this::log);
    }

    // ---- life cycle (driven by ClusterSimulation) -----------------------------------------------

    void boot() {
        boot++;
        held.clear();
        storage.reset();
        quorum = true;
        ClusterAgent created = sim.agentFactory().create(this);
        agent = created;
        storage.listener((disk, reason) -> {
            // The node no longer believes it owns the disk: that can end a split-brain episode.
            sim.monitor().recheckAll();
            deliver(() -> created.diskLost(disk, reason));
        });
        int life = boot;
        // The path checker is part of the kernel's multipath: it runs while the service is hung. It
        // cancels itself once its life is over, or every crash/restart cycle would leave one behind.
        EventHandle[] checker = new EventHandle[1];
        checker[0] = sim.scheduler().every(sim.parameters().multipathCheckInterval(), sim.parameters().multipathCheckInterval(),
                () -> { if (alive(life)) storage.checkPaths(); else checker[0].cancel(); });
        created.start();
    }

    /** Powered off: everything of this life stops; its groups go offline. */
    void shutDown(String reason) {
        boot++;
        held.clear();
        agent = null;
        for (EventHandle h : workloads.values()) h.cancel();
        workloads.clear();
        for (ResourceGroups.Group g : sim.groups().onNode(name)) sim.groups().takeOffline(g.name(), name, reason);
        storage.reset();
    }

    /** The hang is over: held callbacks and timers run in order, then the agent re-evaluates. */
    void resume() {
        List<Runnable> pending = new ArrayList<>(held);
        held.clear();
        for (Runnable r : pending) r.run();
        if (agent != null) agent.resumed();
    }

    void membershipChanged(String peer, TimelineEvent.MembershipChange change) {
        ClusterAgent a = agent;
        if (a != null) deliver(() -> a.membershipChanged(peer, change));
    }

    /** Starts or stops the service's writes when a group goes online or offline here. */
    void groupChanged(ResourceGroups.Group group, boolean online) {
        if (online) {
            storage.claim(group.disk());
            int life = boot;
            EventHandle old = workloads.put(group.name(), sim.scheduler().every(0, sim.parameters().workloadInterval(),
                    () -> { if (alive(life)) writeOnce(group); }));
            if (old != null) old.cancel();
        } else {
            storage.release(group.disk());
            EventHandle h = workloads.remove(group.name());
            if (h != null) h.cancel();
        }
    }

    /** The service writes one block, stamped with the node and a counter, unless it knows it lost the disk. */
    private void writeOnce(ResourceGroups.Group group) {
        if (!storage.believesOwner(group.disk())) return;
        byte[] block = new byte[512];
        byte[] stamp = (group.name() + " written by " + name + " #" + (++writes)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stamp, 0, block, 0, Math.min(stamp.length, block.length));
        storage.execute(group.disk(), ScsiRequest.dataOut(Cdbs.write10(0, 1), block));
    }

    boolean quorumState() { return quorum; }

    private boolean alive(int life) { return life == boot && state() != NodeState.DOWN; }

    private NodeState state() { return sim.cluster().node(name).state(); }

    /** Runs {@code action} now, or holds it until the node resumes when its service is hung. */
    private void deliver(Runnable action) {
        if (state() == NodeState.HUNG) held.add(action);
        else action.run();
    }

    // ---- NodeContext --------------------------------------------------------------------------

    @Override public String name() { return name; }

    @Override public int id() { return id; }

    @Override public List<String> nodeNames() { return sim.nodeNames(); }

    @Override public int idOf(String node) { return sim.runtime(node).id; }

    @Override public long now() { return sim.scheduler().now(); }

    @Override public ClusterParameters parameters() { return sim.parameters(); }

    @Override public QuorumRule quorum() { return sim.quorumRule(); }

    @Override public Membership view() { return sim.cluster().membership(name); }

    @Override public int heartbeatsMissed(String peer) { return sim.cluster().heartbeatsMissed(name, peer); }

    @Override public ResourceGroups groups() { return sim.groups(); }

    @Override public List<SharedDisk> disks() { return sim.fabric().disks(); }

    @Override public String witnessDisk() { return sim.quorumRule().witnessDisk(); }

    @Override public List<String> coordinatorDisks() { return sim.coordinatorDisks(); }

    @Override public NodeStorage storage() { return storage; }

    @Override public RandomStream random(String purpose) { return sim.random().stream("agent:" + name + ":" + purpose); }

    @Override
    public EventHandle after(long delayNanos, Runnable action) {
        int life = boot;
        return sim.scheduler().schedule(delayNanos, () -> { if (alive(life)) deliver(() -> { if (alive(life)) action.run(); }); });
    }

    @Override
    public EventHandle every(long initialDelayNanos, long periodNanos, Runnable action) {
        int life = boot;
        EventHandle[] self = new EventHandle[1];
        self[0] = sim.scheduler().every(initialDelayNanos, periodNanos, () -> {
            if (!alive(life)) self[0].cancel();
            else if (state() != NodeState.HUNG) action.run();
        });
        return self[0];
    }

    @Override
    public void log(String text) { sim.record(new TimelineEvent.ClusterLog(now(), name, text)); }

    @Override
    public void fenced(String victim, String disk, String how) { sim.record(new TimelineEvent.NodeFenced(now(), victim, name, disk, how)); }

    @Override
    public void quorum(boolean hasQuorum, int votes) {
        if (hasQuorum == quorum) return; // only a change of verdict is a fact worth recording
        quorum = hasQuorum;
        sim.record(new TimelineEvent.QuorumChanged(now(), name, hasQuorum, votes, sim.quorumRule().totalVotes()));
    }

    @Override public boolean hasQuorum() { return quorum; }

    @Override public void bringOnline(String group, String reason) { sim.groups().bringOnline(group, name, reason); }

    @Override public void takeOffline(String group, String reason) { sim.groups().takeOffline(group, name, reason); }

    @Override
    public void busReset(String disk) {
        SharedDisk d = sim.fabric().disk(disk);
        // The reset goes out on the first working path; with none, the node cannot reach the bus at all.
        for (int i = 0; i < sim.fabric().pathCount(name); i++) {
            if (sim.fabric().isUp(name, i)) {
                sim.fabric().busReset(sim.fabric().nexus(name, i, d));
                return;
            }
        }
        log("cannot reset the bus of " + disk + ": no working path");
    }

    @Override
    public void reboot(String reason) {
        log("rebooting: " + reason);
        sim.crash(name, reason);
        // Boots only the life that went down here: a node restarted (and perhaps hung or crashed) by hand
        // in the meantime is not this reboot's business.
        int down = boot;
        sim.scheduler().schedule(sim.parameters().rebootTime(), () -> { if (boot == down) sim.restart(name); });
    }
}
