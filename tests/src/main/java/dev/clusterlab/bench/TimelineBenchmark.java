package dev.clusterlab.bench;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.DiskReservationView;
import dev.clusterlab.engine.timeline.ProjectionCache;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Seeking on a 1,000,000-event timeline (issue 4): the time to reconstruct the per-disk reservation
 * view at a random position, with snapshots already built ({@link ProjectionCache#catchUp}), for two
 * snapshot intervals.
 *
 * <p>Memory per million events is measured roughly, once per trial, and printed: used heap after
 * {@code System.gc()} before and after building the timeline (events plus indexes), then again after
 * building the snapshots. The events imitate PR traffic: CDB and parameter data of real sizes, one
 * reservation change per ten commands, 16 initiators on 8 disks. It is a rough figure (GC may not
 * collect everything), good for spotting regressions, not for accounting.
 * Run with {@code bench/engine-bench TimelineBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TimelineBenchmark {
    static final int EVENTS = 1_000_000;

    @State(Scope.Benchmark)
    public static class Seek {
        @Param({"1024", "4096"})
        public int interval;

        Timeline timeline;
        ProjectionCache<DiskReservationView.State> cache;
        final SplittableRandom random = new SplittableRandom(4);

        @Setup(Level.Trial)
        public void setUp() {
            long before = usedHeapAfterGc();
            timeline = build(EVENTS);
            long withEvents = usedHeapAfterGc();
            cache = new ProjectionCache<>(timeline, DiskReservationView.INSTANCE, interval);
            cache.catchUp();
            long withSnapshots = usedHeapAfterGc();
            System.out.printf("%ntimeline memory: %.1f MiB per million events (events + indexes), "
                            + "snapshots every %d events: %.1f MiB more%n",
                    (withEvents - before) / 1048576.0 * 1_000_000 / EVENTS, interval, (withSnapshots - withEvents) / 1048576.0);
        }
    }

    @Benchmark
    public DiskReservationView.State stateAtRandomPosition(Seek seek) {
        return seek.cache.stateAt(seek.random.nextInt(EVENTS + 1));
    }

    @Benchmark
    public int firstIndexAtRandomTime(Seek seek) {
        return seek.timeline.firstIndexAtOrAfter(seek.random.nextLong(EVENTS * 1_000L));
    }

    /** A PR-heavy session: each command is started and completed; every tenth also changes a reservation. */
    static Timeline build(int events) {
        SplittableRandom random = new SplittableRandom(1);
        TargetPort tp = new TargetPort(1, "iqn.2026-01.dev.clusterlab:bench,t,0x0001", 1);
        ItNexus[] nexuses = new ItNexus[16];
        for (int i = 0; i < nexuses.length; i++) {
            nexuses[i] = new ItNexus(InitiatorPort.iscsi("iqn.2026-01.dev.clusterlab:node-" + i, 0x23d000000001L), tp);
        }
        String[] lus = {"disk0", "disk1", "disk2", "disk3", "disk4", "disk5", "disk6", "disk7"};
        Timeline timeline = new Timeline();
        long time = 0;
        long command = 0;
        while (timeline.size() < events) {
            time += 1_000;
            ItNexus nexus = nexuses[random.nextInt(nexuses.length)];
            String lu = lus[random.nextInt(lus.length)];
            timeline.append(new TimelineEvent.CommandStarted(time, lu, nexus, ++command, new byte[10], new byte[24]));
            if (command % 10 == 0 && timeline.size() < events) {
                ReservationSnapshot after = new ReservationSnapshot(command, List.of(
                        new ReservationSnapshot.Registrant(nexus.initiator(), null, command, true)), 5, 0, null, false);
                timeline.append(new TimelineEvent.ReservationChanged(time, lu, ReservationSnapshot.EMPTY, after, "register and reserve"));
            }
            if (timeline.size() < events) {
                timeline.append(new TimelineEvent.CommandCompleted(time, lu, nexus, command, ScsiStatus.GOOD, null, null));
            }
        }
        return timeline;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
