package dev.clusterlab.views.sequence.export;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TraceReader;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ReplayedRecording;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A five-row timeline written by hand: node-a registers and reserves "data" (GOOD), node-b's write
 * meets RESERVATION CONFLICT, group sql comes online on node-a (a cluster-event mark), and node-b's
 * PR IN with a bad service action gets CHECK CONDITION. Replayed as a foreign trace, so the nodes
 * are named from their iSCSI names.
 */
final class HandBuiltTimeline {
    static final long S = 1_000_000_000L;
    private static final TargetPort TARGET = new TargetPort(1, "tpg1", 1);
    static final ItNexus NODE_A = new ItNexus(InitiatorPort.iscsi("iqn.2026-01.dev.clusterlab:node-a", 1), TARGET);
    static final ItNexus NODE_B = new ItNexus(InitiatorPort.iscsi("iqn.2026-01.dev.clusterlab:node-b", 1), TARGET);

    private final List<TimelineEvent> events = new ArrayList<>();
    private long commandId;

    private HandBuiltTimeline() {}

    static List<TimelineEvent> events() {
        HandBuiltTimeline t = new HandBuiltTimeline();
        t.command(0, NODE_A, Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24), Cdbs.prOutParameters(0, 0xa, false, false),
                ScsiStatus.GOOD, null);
        t.command(1 * S, NODE_A, Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, 5, 24), Cdbs.prOutParameters(0xa, 0, false, false),
                ScsiStatus.GOOD, null);
        t.command(2 * S, NODE_B, Cdbs.write10(0, 1), new byte[512], ScsiStatus.RESERVATION_CONFLICT, null);
        t.events.add(new TimelineEvent.GroupStateChanged(3 * S, "sql", "node-a", true, "arbitration won"));
        t.command(4 * S, NODE_B, Cdbs.persistentReserveIn(0x1f, 8192), new byte[0], ScsiStatus.CHECK_CONDITION,
                SenseData.illegalRequest(AdditionalSense.INVALID_FIELD_IN_CDB));
        return List.copyOf(t.events);
    }

    private void command(long time, ItNexus nexus, byte[] cdb, byte[] dataOut, ScsiStatus status, SenseData sense) {
        long id = commandId++;
        events.add(new TimelineEvent.CommandStarted(time, "data", nexus, id, cdb, dataOut));
        events.add(new TimelineEvent.CommandCompleted(time + 1_000_000, "data", nexus, id, status, sense, new byte[0]));
    }

    /** The timeline replayed in a session, its cursor at the end. */
    static LabSession session() {
        LabSession session = LabSession.replay(ReplayedRecording.of("hand-built", new TraceReader.Trace(Map.of("title", "hand-built"), events(), null)));
        session.advanceTo(session.end());
        return session;
    }

    static SequenceDiagram diagram() { return SequenceDiagram.of(session(), SequenceDiagram.Selection.everything()); }
}
