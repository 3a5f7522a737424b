package dev.clusterlab.bench;

import dev.clusterlab.engine.sim.Scheduler;
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
 * Simulated events per second of the discrete-event scheduler (issue 4: "simulated events per
 * second"): 1,000 timers with distinct periods, like heartbeats of a large cluster, each operation
 * running exactly one event. {@code every} reuses one heap entry per timer; {@code reschedule} has
 * each action schedule its own next run, as one-shot timeouts do.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SchedulerBenchmark {
    static final int TIMERS = 1_000;

    @State(Scope.Thread)
    public static class Timers {
        @Param({"every", "reschedule"})
        public String style;

        Scheduler scheduler;
        long work;

        @Setup(Level.Iteration)
        public void setUp() {
            scheduler = new Scheduler();
            for (int i = 0; i < TIMERS; i++) {
                // Periods from 1 ms upward in odd microsecond steps, so due times interleave.
                long period = 1_000_000L + 1_000L * (2L * i + 1);
                if (style.equals("every")) scheduler.every(period, () -> work++);
                else scheduler.schedule(period, new SelfRescheduling(this, period));
            }
        }
    }

    private record SelfRescheduling(Timers timers, long period) implements Runnable {
        @Override
        public void run() {
            timers.work++;
            timers.scheduler.schedule(period, this);
        }
    }

    @Benchmark
    public boolean runOneEvent(Timers timers) { return timers.scheduler.runNext(); }
}
