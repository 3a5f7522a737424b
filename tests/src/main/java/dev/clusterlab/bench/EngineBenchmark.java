package dev.clusterlab.bench;

import dev.clusterlab.engine.scsi.ScsiResponse;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Single-core throughput of the engine's command path (DESIGN.md: more than 1M PR commands/s on
 * one core). Each benchmark runs with the timeline discarded and with a recording timeline
 * ({@link RollingTimeline}). Every iteration starts from a fresh logical unit and fails the run if
 * any command did not end GOOD. Run through {@code bench/engine-bench}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EngineBenchmark {

    /** PERSISTENT RESERVE OUT churn across 16 I_T nexuses; one PR OUT per operation. */
    @State(Scope.Thread)
    public static class PrOutState {
        @Param({"discard", "recording"})
        public String timeline;

        PrOutChurn churn;

        @Setup(Level.Iteration)
        public void setUp() { churn = new PrOutChurn(Workload.sink(timeline)); }

        @TearDown(Level.Iteration)
        public void tearDown() { churn.requireAllGood(); }
    }

    /** 4 KiB READ(10) from a memory-backed LU with 512-byte blocks. */
    @State(Scope.Thread)
    public static class ReadState {
        @Param({"discard", "recording"})
        public String timeline;

        @Param({"sequential", "random"})
        public String lbas;

        Read4k reads;

        @Setup(Level.Iteration)
        public void setUp() { reads = new Read4k(Workload.sink(timeline), lbas.equals("random")); }

        @TearDown(Level.Iteration)
        public void tearDown() { reads.requireAllGood(); }
    }

    @Benchmark
    public ScsiResponse persistentReserveOutChurn(PrOutState state) { return state.churn.step(); }

    @Benchmark
    public ScsiResponse read10Of4KiB(ReadState state) { return state.reads.step(); }
}
