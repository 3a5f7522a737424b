package dev.clusterlab.engine.timeline;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.TargetPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random event sequences over a few logical units and initiators, for index and projection tests. */
final class RandomEvents {
    static final String[] LUS = {"disk1", "disk2", "disk3", "witness"};
    static final InitiatorPort[] INITIATORS = {
            InitiatorPort.iscsi("iqn.2026-01.lab:node-a", 1), InitiatorPort.iscsi("iqn.2026-01.lab:node-b", 1),
            InitiatorPort.fc(0x2100_0024_ff00_0001L), InitiatorPort.sas(0x5000_c500_0000_0001L)};
    static final TargetPort[] TARGET_PORTS = {new TargetPort(1, "tp1", 1), new TargetPort(2, "tp2", 1)};

    private RandomEvents() {}

    /** Sequences of up to {@code maxSize} events, described by a seed so jqwik can shrink the length. */
    static Arbitrary<List<TimelineEvent>> sequences(int maxSize) {
        return Arbitraries.longs().flatMap(seed -> Arbitraries.integers().between(0, maxSize)
                .map(n -> generate(new Random(seed), n)));
    }

    /**
     * {@code n} events with mostly non-decreasing times; about one in fifty steps back a little, as a
     * live I/O thread racing the clock would.
     */
    static List<TimelineEvent> generate(Random random, int n) {
        List<TimelineEvent> out = new ArrayList<>(n);
        long time = 0;
        long generation = 0;
        for (int i = 0; i < n; i++) {
            time += random.nextInt(50) == 0 ? -random.nextInt(5) : random.nextInt(3);
            String lu = LUS[random.nextInt(LUS.length)];
            ItNexus nexus = random.nextInt(20) == 0 ? null
                    : new ItNexus(INITIATORS[random.nextInt(INITIATORS.length)], TARGET_PORTS[random.nextInt(2)]);
            out.add(switch (random.nextInt(6)) {
                case 0 -> new TimelineEvent.CommandStarted(time, lu, nexus, i, new byte[] {0x5f, 1}, null);
                case 1 -> new TimelineEvent.CommandCompleted(time, lu, nexus, i,
                        ScsiStatus.values()[random.nextInt(ScsiStatus.values().length)], null, null);
                case 2 -> {
                    List<ReservationSnapshot.Registrant> regs = new ArrayList<>();
                    for (int r = random.nextInt(3); r > 0; r--) {
                        regs.add(new ReservationSnapshot.Registrant(INITIATORS[random.nextInt(INITIATORS.length)], null,
                                random.nextLong(), random.nextBoolean()));
                    }
                    yield new TimelineEvent.ReservationChanged(time, lu, ReservationSnapshot.EMPTY,
                            new ReservationSnapshot(++generation, regs, random.nextInt(2) * 5, 0, null, false), "test");
                }
                case 3 -> new TimelineEvent.UnitAttentionQueued(time, lu, nexus, null);
                case 4 -> new TimelineEvent.TaskManagement(time, lu, nexus, TimelineEvent.TaskManagementKind.LOGICAL_UNIT_RESET);
                default -> new TimelineEvent.TasksAborted(time, lu, nexus, 1, "test");
            });
        }
        return out;
    }

    static Timeline timelineOf(List<TimelineEvent> events) {
        Timeline timeline = new Timeline();
        events.forEach(timeline::append);
        return timeline;
    }
}
