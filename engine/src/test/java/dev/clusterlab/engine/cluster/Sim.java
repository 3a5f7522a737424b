package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.cluster.storage.NodeStorage;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandCompleted;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandStarted;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A three-node simulated cluster for tests: nodes a (two paths), b and c on network "cluster" (1 ms,
 * no jitter, no loss), data disk "data" holding group "g" (preferred owner a), data disk "spare" without
 * a group, and witness disk "quorum". Every node runs a {@link Probe} agent that records its callbacks
 * in {@link #calls} and runs {@code onStart} when it starts. The fixture runs time 0, so every service
 * has booted when a test begins. Heartbeats tick at whole seconds.
 */
final class Sim {
    static final long S = HeartbeatSettings.SECOND;
    static final long MS = 1_000_000L;
    static final long DISK_SIZE = 1 << 20;

    final Timeline timeline = new Timeline();
    final List<String> calls = new ArrayList<>();
    final Map<String, List<Probe>> lives = new LinkedHashMap<>();
    private final Consumer<NodeContext> onStart;
    final ClusterSimulation sim;

    Sim() { this(b -> { }, ctx -> { }); }

    Sim(Consumer<ClusterSimulation.Builder> customize, Consumer<NodeContext> onStart) {
        this.onStart = onStart;
        ClusterSimulation.Builder b = ClusterSimulation.builder()
                .seed(7)
                .timeline(timeline)
                .network("cluster", MS, 0, 0.0)
                .node("a", 2).node("b", 1).node("c", 1)
                .disk("data", DISK_SIZE, DiskRole.DATA, Set.of())
                .disk("spare", DISK_SIZE, DiskRole.DATA, Set.of())
                .disk("quorum", DISK_SIZE, DiskRole.DATA, Set.of())
                .quorum(QuorumModel.NODE_MAJORITY, "quorum")
                .group("g", "data", "a")
                .agents(Probe::new);
        customize.accept(b);
        sim = b.build();
        sim.runUntil(0); // the services boot as the first events of time 0
    }

    /** The agent of {@code node}'s current (latest) life. */
    Probe agent(String node) {
        List<Probe> l = lives.get(node);
        return l.get(l.size() - 1);
    }

    int lifeCount(String node) { return lives.get(node).size(); }

    NodeContext ctx(String node) { return sim.node(node); }

    void at(long time, Runnable action) { sim.scheduler().scheduleAt(time, action); }

    void runUntil(long time) { sim.runUntil(time); }

    <E extends TimelineEvent> List<E> events(Class<E> type) { return timeline.ofType(type); }

    /** GOOD writes that reached {@code disk} from {@code node} in [from, to). */
    int goodWrites(String node, String disk, long from, long to) {
        int n = 0;
        Map<Long, CommandStarted> started = new LinkedHashMap<>();
        for (TimelineEvent e : timeline.all()) {
            if (e instanceof CommandStarted s && s.lu().equals(disk)) started.put(s.commandId(), s);
            if (e instanceof CommandCompleted c && c.lu().equals(disk) && c.status() == ScsiStatus.GOOD
                    && c.time() >= from && c.time() < to && NodeStorage.writesMedium(started.get(c.commandId()).cdb())
                    && node.equals(sim.fabric().nodeOf(c.nexus().initiator()))) n++;
        }
        return n;
    }

    // ---- commands, sent by hand through a node's storage stack --------------------------------

    IoOutcome write(String node, String disk) { return sim.issue(node, null, disk, ScsiRequest.dataOut(Cdbs.write10(1, 1), new byte[512])); }

    IoOutcome read(String node, String disk) { return sim.issue(node, null, disk, ScsiRequest.dataIn(Cdbs.read10(1, 1), 512)); }

    IoOutcome register(String node, String disk, long key) {
        ctx(node).storage().rememberKey(disk, key);
        return sim.issue(node, null, disk, NodeStorage.registerIgnore(key));
    }

    IoOutcome prOut(String node, String disk, PrOutAction action, int type, long key, long serviceActionKey) {
        byte[] params = Cdbs.prOutParameters(key, serviceActionKey, false, false);
        return sim.issue(node, null, disk, ScsiRequest.dataOut(Cdbs.persistentReserveOut(action, 0, type, params.length), params));
    }

    /** A test cluster service: records each callback as "node#life what @millis" and otherwise does nothing. */
    final class Probe implements ClusterAgent {
        final NodeContext ctx;
        final int life;

        Probe(NodeContext ctx) {
            this.ctx = ctx;
            List<Probe> l = lives.computeIfAbsent(ctx.name(), n -> new ArrayList<>());
            l.add(this);
            life = l.size();
        }

        private void note(String what) { calls.add(ctx.name() + "#" + life + " " + what + " @" + ctx.now() / MS); }

        @Override public void start() {
            note("start");
            onStart.accept(ctx);
        }

        @Override public void membershipChanged(String peer, TimelineEvent.MembershipChange change) { note(change + " " + peer); }

        @Override public void diskLost(String disk, String reason) { note("lost " + disk); }

        @Override public void resumed() { note("resumed"); }
    }
}
