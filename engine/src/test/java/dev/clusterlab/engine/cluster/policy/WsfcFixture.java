package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.HeartbeatSettings;
import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineEvent.ClusterLog;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandCompleted;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandStarted;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import dev.clusterlab.engine.timeline.TimelineEvent.QuorumChanged;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * WSFC clusters for tests: nodes {@code node-a}, {@code node-b} (and more), one network, a witness
 * disk and data disks, WSFC defaults (heartbeat 1 s x 10, DiskArbInterval 3 s, challenge wait 6 s).
 * Heartbeat ticks fall on whole seconds and defender rounds on multiples of 3 s, so faults are
 * injected at half seconds and the expected instants are exact.
 */
final class WsfcFixture {
    static final long S = HeartbeatSettings.SECOND;
    static final long MS = 1_000_000L;
    static final long GIB = 1L << 30;

    final Timeline timeline;
    final ClusterSimulation sim;

    /**
     * Builds a cluster and runs time 0 (the services start); {@code topology} adds nodes, disks and
     * groups to a builder with WSFC agents and one network.
     */
    static WsfcFixture build(long seed, Consumer<ClusterSimulation.Builder> topology) {
        Timeline timeline = new Timeline();
        ClusterSimulation.Builder b = ClusterSimulation.builder()
                .seed(seed)
                .timeline(timeline)
                .agents(WsfcAgent::new)
                .network("cluster", MS, 0, 0.0);
        topology.accept(b);
        ClusterSimulation sim = b.build();
        sim.runUntil(0); // the services boot as the first events of time 0
        return new WsfcFixture(sim, timeline);
    }

    private WsfcFixture(ClusterSimulation sim, Timeline timeline) {
        this.sim = sim;
        this.timeline = timeline;
    }

    /**
     * Two nodes with {@code paths} paths each, node-and-disk majority with disk {@code witness}, disk
     * {@code data} holding group {@code sql} preferred on node-a: the §1.5 / §1.6 setting.
     */
    static WsfcFixture twoNodesWithWitness(int paths, Set<DiskQuirk> dataQuirks) {
        return build(7, b -> b.quorum(QuorumModel.NODE_AND_DISK_MAJORITY, "witness")
                .node("node-a", paths).node("node-b", paths)
                .disk("witness", GIB, DiskRole.DATA, EnumSet.noneOf(DiskQuirk.class))
                .disk("data", 10 * GIB, DiskRole.DATA, dataQuirks.isEmpty() ? EnumSet.noneOf(DiskQuirk.class) : EnumSet.copyOf(dataQuirks))
                .group("sql", "data", "node-a"));
    }

    static WsfcFixture twoNodesWithWitness() { return twoNodesWithWitness(1, Set.of()); }

    /** Schedules {@code action} at virtual time {@code at}. */
    void at(long at, Runnable action) { sim.scheduler().scheduleAt(at, action); }

    void runUntil(long time) { sim.runUntil(time); }

    /** At {@code at}, heals both networks, restores every node's p1 and restarts every node (the end of a fault run). */
    void repairEverythingAt(long at, List<String> nodes) {
        at(at, () -> {
            sim.heal("cluster", null, null);
            sim.heal("client", null, null);
            for (String n : nodes) {
                sim.restorePath(n, "p1");
                sim.restart(n);
            }
        });
    }

    /** The production key of the node with id {@code id}: (id << 32) | "MSFT". */
    static long key(int id) { return WsfcKeys.keyOf(id); }

    /** Distinct registered keys on {@code disk}, as the target holds them (no command is sent). */
    Set<Long> keysOn(String disk) {
        Set<Long> keys = new LinkedHashSet<>();
        for (var r : sim.fabric().disk(disk).lu().reservations().snapshot().registrants()) keys.add(r.key());
        return keys;
    }

    /** How many I_T nexuses have {@code key} registered on {@code disk}. */
    long registrationsOf(String disk, long key) {
        return sim.fabric().disk(disk).lu().reservations().snapshot().registrants().stream().filter(r -> r.key() == key).count();
    }

    /** The key holding the reservation on {@code disk}, or 0. */
    long holderOf(String disk) {
        for (var r : sim.fabric().disk(disk).lu().reservations().snapshot().registrants()) if (r.holder()) return r.key();
        return 0;
    }

    int reservationType(String disk) { return sim.fabric().disk(disk).lu().reservations().snapshot().reservationType(); }

    List<String> owners(String group) { return sim.groups().onlineNodes(group); }

    List<ClusterLog> logs(String node) {
        return timeline.ofType(ClusterLog.class).stream().filter(l -> l.node().equals(node)).toList();
    }

    /** The time of the first log line of {@code node} containing {@code text}, or -1. */
    long firstLog(String node, String text) {
        for (ClusterLog l : logs(node)) if (l.text().contains(text)) return l.time();
        return -1;
    }

    List<GroupStateChanged> groupChanges(String group) {
        return timeline.ofType(GroupStateChanged.class).stream().filter(g -> g.group().equals(group)).toList();
    }

    List<NodeFenced> fencings() { return timeline.ofType(NodeFenced.class); }

    List<QuorumChanged> quorumChanges(String node) {
        return timeline.ofType(QuorumChanged.class).stream().filter(q -> q.node().equals(node)).toList();
    }

    /** Writes from {@code node} to {@code disk} and their completions, as (time, status) pairs. */
    List<CommandCompleted> writesFrom(String node, String disk) {
        List<CommandCompleted> out = new ArrayList<>();
        CommandStarted started = null;
        for (TimelineEvent e : timeline.all()) {
            if (e instanceof CommandStarted s) started = s;
            else if (e instanceof CommandCompleted c && started != null && c.commandId() == started.commandId()
                    && c.lu().equals(disk) && started.cdb().length > 0 && (started.cdb()[0] & 0xFF) == 0x2A
                    && node.equals(sim.fabric().nodeOf(c.nexus().initiator()))) {
                out.add(c);
            }
        }
        return out;
    }

    /** How many commands {@code node} sent (to any disk) at or after {@code since}. */
    long commandsFrom(String node, long since) {
        return timeline.ofType(CommandStarted.class).stream()
                .filter(c -> c.time() >= since && node.equals(sim.fabric().nodeOf(c.nexus().initiator()))).count();
    }

    /** The whole timeline as text, byte arrays in hex, for comparing two runs. */
    String transcript() {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (TimelineEvent e : timeline.all()) {
            switch (e) {
                case CommandStarted s -> sb.append(s.time()).append(" start ").append(s.lu()).append(' ').append(s.nexus())
                        .append(' ').append(s.commandId()).append(' ').append(hex.formatHex(s.cdb())).append(' ')
                        .append(hex.formatHex(s.dataOut()));
                case CommandCompleted c -> sb.append(c.time()).append(" done ").append(c.lu()).append(' ').append(c.nexus())
                        .append(' ').append(c.commandId()).append(' ').append(c.status()).append(' ').append(c.sense())
                        .append(' ').append(c.dataIn() == null ? "-" : hex.formatHex(c.dataIn()));
                default -> sb.append(e);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Cluster-level events only (no command traffic), for reading in a failure message. */
    String story() {
        StringBuilder sb = new StringBuilder();
        for (TimelineEvent e : timeline.all()) {
            if (e instanceof CommandStarted || e instanceof CommandCompleted || e instanceof TimelineEvent.UnitAttentionQueued) continue;
            sb.append(String.format("%9.3f s  ", e.time() / 1e9));
            if (e instanceof TimelineEvent.ReservationChanged r) sb.append(r.lu()).append(": ").append(r.cause());
            else sb.append(e);
            sb.append('\n');
        }
        return sb.toString();
    }
}
