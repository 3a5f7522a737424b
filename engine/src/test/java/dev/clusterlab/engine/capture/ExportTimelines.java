package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Hand-made timelines for the export tests: two nodes fighting over a disk, as the lab records it. */
final class ExportTimelines {
    static final long SECOND = 1_000_000_000L;
    static final TargetPort TARGET = new TargetPort(1, "iqn.2026-11.dev.clusterlab:san,t,0x0001", 1);
    static final InitiatorPort NODE_A = InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:node-a", 0x23d000000001L);
    static final InitiatorPort NODE_B = InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:node-b", 0x23d000000002L);
    static final ItNexus A = new ItNexus(NODE_A, TARGET);
    static final ItNexus B = new ItNexus(NODE_B, TARGET);
    static final long KEY_A = 0xA1A1A1A1A1A1A1A1L, KEY_B = 0xB2B2B2B2B2B2B2B2L;

    static final Function<InitiatorPort, String> NAMES =
            p -> Map.of(NODE_A, "node-a/p1", NODE_B, "node-b/p1").get(p);

    private final List<TimelineEvent> events = new ArrayList<>();
    private long nextId = 1;

    /** A command and its completion at {@code seconds}. */
    ExportTimelines command(double seconds, String lu, ItNexus nexus, byte[] cdb, byte[] dataOut, ScsiStatus status,
                            SenseData sense, byte[] dataIn) {
        long t = (long) (seconds * SECOND);
        long id = nextId++;
        events.add(new TimelineEvent.CommandStarted(t, lu, nexus, id, cdb, dataOut));
        events.add(new TimelineEvent.CommandCompleted(t, lu, nexus, id, status, sense, dataIn));
        return this;
    }

    ExportTimelines event(TimelineEvent e) {
        events.add(e);
        return this;
    }

    ExportTimelines register(double s, ItNexus n, long key) {
        return command(s, "data", n, Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, 24),
                Cdbs.prOutParameters(0, key, false, false), ScsiStatus.GOOD, null, null);
    }

    List<TimelineEvent> events() { return List.copyOf(events); }

    static byte[] readKeys(long... keys) {
        byte[] d = new byte[8 + 8 * keys.length];
        Bytes.put32(d, 0, 7);
        Bytes.put32(d, 4, 8L * keys.length);
        for (int i = 0; i < keys.length; i++) Bytes.put64(d, 8 + 8 * i, keys[i]);
        return d;
    }

    /**
     * node-a and node-b register, node-a reserves (type 5), node-b's reserve conflicts, node-a goes
     * down, node-b preempts it, a bad CDB gets CHECK CONDITION, node-b reads the keys.
     */
    static List<TimelineEvent> fight() {
        byte[] badCdb = Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 16);
        badCdb[1] = 0x1F; // unknown service action
        return new ExportTimelines()
                .register(1, A, KEY_A)
                .register(1.5, B, KEY_B)
                .command(2, "data", A, Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY.code(), 24),
                        Cdbs.prOutParameters(KEY_A, 0, false, false), ScsiStatus.GOOD, null, null)
                .command(3, "data", B, Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.EXCLUSIVE_ACCESS.code(), 24),
                        Cdbs.prOutParameters(KEY_B, 0, false, false), ScsiStatus.RESERVATION_CONFLICT, null, null)
                .event(new TimelineEvent.NodeStateChanged(5 * SECOND, "node-a", NodeState.UP, NodeState.DOWN))
                .command(10, "data", B, Cdbs.persistentReserveOut(PrOutAction.PREEMPT_AND_ABORT, 0, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY.code(), 24),
                        Cdbs.prOutParameters(KEY_B, KEY_A, false, false), ScsiStatus.GOOD, null, null)
                .event(new TimelineEvent.NodeFenced(10 * SECOND, "node-a", "node-b", "data", "PREEMPT AND ABORT"))
                .command(11, "data", B, badCdb, new byte[0], ScsiStatus.CHECK_CONDITION,
                        SenseData.invalidField(AdditionalSense.INVALID_FIELD_IN_CDB, true, 1, 4), null)
                .command(12, "data", B, Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 4096), new byte[0], ScsiStatus.GOOD,
                        null, readKeys(KEY_B))
                .events();
    }
}
