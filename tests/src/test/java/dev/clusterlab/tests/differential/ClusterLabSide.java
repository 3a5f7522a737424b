package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetEvent;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * ClusterLab's own iSCSI target, in this JVM on 127.0.0.1 (a port in 3500-3599). One server for
 * the whole run, with one target per sequence, each with its own never-used memory LU (LUN 0): a
 * fresh logical unit per sequence without restarting anything. The LUs are thin (nothing is
 * allocated until written), so a thousand of them cost little.
 */
final class ClusterLabSide implements TargetSide {
    static final String IQN_PREFIX = "iqn.2026-11.dev.clusterlab.diff:own-seq-";
    private static final long BLOCKS = 2048;

    private final IscsiTargetServer server;
    private final ConcurrentLinkedQueue<TargetEvent> events;

    private ClusterLabSide(IscsiTargetServer server, ConcurrentLinkedQueue<TargetEvent> events) {
        this.server = server;
        this.events = events;
    }

    /** Serves {@code sequences} targets on a free port above {@code after}. */
    static ClusterLabSide start(int sequences, int after) throws Exception {
        int port = Ports.free(after);
        List<TargetDefinition> targets = new ArrayList<>(sequences);
        for (int i = 0; i < sequences; i++) {
            LunDefinition lun = new LunDefinition(IQN_PREFIX + i + "/lun0", new MemoryBlockStore(Step.BLOCK_SIZE, BLOCKS), AptplStore.NONE);
            targets.add(new TargetDefinition(IQN_PREFIX + i, List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", port)))),
                    List.of(lun), null, null, Set.of()));
        }
        ConcurrentLinkedQueue<TargetEvent> events = new ConcurrentLinkedQueue<>();
        return new ClusterLabSide(IscsiTargetServer.start(targets, TargetLimits.DEFAULT, TimelineSink.DISCARD, events::add), events);
    }

    @Override
    public String label() { return "ClusterLab"; }

    @Override
    public InetSocketAddress address() { return server.boundAddresses().get(0); }

    @Override
    public int lun() { return 0; }

    @Override
    public String freshTarget(int sequenceIndex) { return IQN_PREFIX + sequenceIndex; }

    @Override
    public void retire(int sequenceIndex) {
        // the LU stays unused from now on; nothing to free that matters
    }

    /** The reservation state of a sequence's LU, read on the engine loop (context for the deviation matchers). */
    ReservationSnapshot snapshot(int sequenceIndex) {
        LogicalUnit lu = server.logicalUnit(IQN_PREFIX + sequenceIndex, 0);
        ReservationSnapshot[] out = new ReservationSnapshot[1];
        server.onEngineLoop(() -> out[0] = lu.reservations().snapshot());
        return out[0];
    }

    /** The unit attentions ClusterLab still holds for {@code who} on a sequence's LU (not yet reported), oldest first. */
    List<Observation.Sense> pendingUnitAttentions(int sequenceIndex, InitiatorIdentity who) {
        LogicalUnit lu = server.logicalUnit(IQN_PREFIX + sequenceIndex, 0);
        List<Observation.Sense> out = new ArrayList<>();
        server.onEngineLoop(() -> {
            for (ItNexus n : lu.unitAttentions().knownNexuses()) {
                if (!n.initiator().equals(who.port())) continue;
                for (AdditionalSense a : lu.unitAttentions().pending(n)) out.add(new Observation.Sense(SenseKey.UNIT_ATTENTION.code(), a.asc(), a.ascq()));
            }
        });
        return out;
    }

    /** Login failures and protocol errors so far, one line each. */
    List<String> troubleEvents() {
        List<String> lines = new ArrayList<>();
        for (TargetEvent e : events)
            if (e instanceof TargetEvent.LoginFailed || e instanceof TargetEvent.ProtocolError) lines.add(e.toString());
        return lines;
    }

    @Override
    public void close() { server.close(); }
}
