package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A simulated cluster running one arbitration policy, recorded on a timeline, for the policy tests.
 * Network "cluster" has 1 ms latency and no jitter, so with faults at half seconds every heartbeat
 * verdict falls on a whole second (a cut at 5.5 s removes the peer at 16 s: 10 misses of 1 s).
 */
final class ReservationPolicyFixture {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final long DISK = 64L * 1024 * 1024;

    final Timeline timeline;
    final ClusterSimulation sim;

    private ReservationPolicyFixture(Timeline timeline, ClusterSimulation sim) {
        this.timeline = timeline;
        this.sim = sim;
    }

    /** Builds a simulation: {@code setup} adds nodes, disks, groups and the quorum model to a seeded builder. */
    static ReservationPolicyFixture build(long seed, ClusterAgent.Factory agents, Consumer<ClusterSimulation.Builder> setup) {
        Timeline timeline = new Timeline();
        ClusterSimulation.Builder b = ClusterSimulation.builder().seed(seed).timeline(timeline).agents(agents)
                .network("cluster", MS, 0, 0.0);
        setup.accept(b);
        return new ReservationPolicyFixture(timeline, b.build());
    }

    static void dataDisk(ClusterSimulation.Builder b, String name) { b.disk(name, DISK, DiskRole.DATA, Set.of()); }

    static void coordinatorDisk(ClusterSimulation.Builder b, String name) { b.disk(name, DISK, DiskRole.COORDINATOR, Set.of()); }

    static void nodeMajority(ClusterSimulation.Builder b) { b.quorum(QuorumModel.NODE_MAJORITY, null); }

    /** Runs {@code action} at virtual time {@code at}. */
    void at(long at, Runnable action) { sim.scheduler().scheduleAt(at, action); }

    void runUntil(long at) { sim.runUntil(at); }

    <E extends TimelineEvent> List<E> events(Class<E> type) { return timeline.ofType(type); }

    /** The cluster log lines of {@code node} containing {@code text}. */
    List<TimelineEvent.ClusterLog> logs(String node, String text) {
        List<TimelineEvent.ClusterLog> out = new ArrayList<>();
        for (TimelineEvent.ClusterLog l : events(TimelineEvent.ClusterLog.class)) {
            if (l.node().equals(node) && l.text().contains(text)) out.add(l);
        }
        return out;
    }

    /** The node a nexus belongs to. */
    String nodeOf(ItNexus nexus) { return sim.fabric().nodeOf(nexus.initiator()); }

    /** Completed commands of {@code opcode} sent by {@code node} to {@code disk}, in order. */
    List<TimelineEvent.CommandCompleted> completions(String node, String disk, int opcode) {
        List<TimelineEvent.CommandStarted> started = events(TimelineEvent.CommandStarted.class);
        List<TimelineEvent.CommandCompleted> out = new ArrayList<>();
        for (TimelineEvent.CommandCompleted c : events(TimelineEvent.CommandCompleted.class)) {
            if (!c.lu().equals(disk) || !node.equals(nodeOf(c.nexus()))) continue;
            for (TimelineEvent.CommandStarted s : started) {
                if (s.commandId() == c.commandId() && s.lu().equals(disk) && s.cdb().length > 0 && (s.cdb()[0] & 0xFF) == opcode) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    static boolean conflict(TimelineEvent.CommandCompleted c) { return c.status() == ScsiStatus.RESERVATION_CONFLICT; }

    /** SHA-256 of the whole timeline, byte arrays rendered as hex (records print arrays by identity). */
    String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            HexFormat hex = HexFormat.of();
            for (TimelineEvent e : timeline.all()) {
                String line = switch (e) {
                    case TimelineEvent.CommandStarted s -> "started " + s.time() + " " + s.lu() + " " + s.nexus() + " "
                            + s.commandId() + " " + hex.formatHex(s.cdb()) + " " + hex.formatHex(s.dataOut());
                    case TimelineEvent.CommandCompleted c -> "completed " + c.time() + " " + c.lu() + " " + c.nexus() + " "
                            + c.commandId() + " " + c.status() + " " + c.sense() + " " + hex.formatHex(c.dataIn());
                    default -> e.toString();
                };
                md.update(line.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return hex.formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
