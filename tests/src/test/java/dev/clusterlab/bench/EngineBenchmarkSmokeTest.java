package dev.clusterlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark's operation directly (not through JMH) a few thousand times, so a benchmark
 * that has started measuring error paths fails CI instead of reporting a fast number.
 */
class EngineBenchmarkSmokeTest {
    private static final int OPERATIONS = 3_000;

    @ParameterizedTest
    @ValueSource(strings = {"discard", "recording"})
    void everyPersistentReserveOutOfTheChurnEndsGood(String timeline) {
        EngineBenchmark bench = new EngineBenchmark();
        EngineBenchmark.PrOutState state = new EngineBenchmark.PrOutState();
        state.timeline = timeline;
        state.setUp();
        for (int i = 0; i < OPERATIONS; i++) {
            ScsiResponse r = bench.persistentReserveOutChurn(state);
            assertThat(r.status()).as("operation %d: %s", i, r.sense()).isEqualTo(ScsiStatus.GOOD);
        }
        state.tearDown(); // throws when any command, including setup and REQUEST SENSE, was not GOOD
        assertThat(state.churn.failures()).isZero();
        assertThat(state.churn.commands()).as("at least setup, one PR OUT per operation and a REQUEST SENSE per cycle")
                .isGreaterThanOrEqualTo(PrOutChurn.NEXUSES * 2 + 1 + OPERATIONS + OPERATIONS / 3);
        if (timeline.equals("recording")) {
            assertThat(((RollingTimeline) state.churn.timeline).appended()).as("a start and a completion per command, plus PR events")
                    .isGreaterThanOrEqualTo(2 * state.churn.commands());
        }
    }

    @Test
    @DisplayName("SPC-4 §5.13.11.2.4: the preempted nexus sees REGISTRATIONS PREEMPTED (2Ah/05h) before it re-registers")
    void thePreemptedNexusCollectsItsUnitAttentionBeforeReRegistering() {
        PrOutChurn churn = new PrOutChurn(Workload.sink("discard"));
        for (int i = 0; i < 3; i++) churn.step();
        byte[] sense = churn.lastRequestSense().dataIn();
        assertThat(sense.length).isGreaterThanOrEqualTo(8);
        int responseCode = sense[0] & 0x7F;
        int asc = responseCode >= 0x72 ? sense[2] & 0xFF : sense[12] & 0xFF;
        int ascq = responseCode >= 0x72 ? sense[3] & 0xFF : sense[13] & 0xFF;
        assertThat(new int[] {asc, ascq}).containsExactly(0x2A, 0x05);
    }

    @Test
    void afterEveryCycleEveryNexusIsRegisteredWithADistinctKey() {
        PrOutChurn churn = new PrOutChurn(Workload.sink("discard"));
        for (int i = 0; i < 3 * 100; i++) churn.step();
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (int i = 0; i < PrOutChurn.NEXUSES; i++) keys.add(churn.key(i));
        assertThat(keys).hasSize(PrOutChurn.NEXUSES).doesNotContain(0L);
        churn.requireAllGood();
    }

    @ParameterizedTest
    @CsvSource({"discard,sequential", "discard,random", "recording,sequential", "recording,random"})
    void every4KiBReadEndsGoodWithFourKiBOfData(String timeline, String lbas) {
        EngineBenchmark bench = new EngineBenchmark();
        EngineBenchmark.ReadState state = new EngineBenchmark.ReadState();
        state.timeline = timeline;
        state.lbas = lbas;
        state.setUp();
        for (int i = 0; i < OPERATIONS; i++) {
            ScsiResponse r = bench.read10Of4KiB(state);
            assertThat(r.status()).as("read %d: %s", i, r.sense()).isEqualTo(ScsiStatus.GOOD);
            assertThat(r.dataIn()).hasSize(Read4k.BYTES_PER_READ);
        }
        state.tearDown();
        assertThat(state.reads.commands()).isGreaterThan(OPERATIONS);
    }

    @Test
    void aCommandThatDoesNotEndGoodFailsTheIteration() {
        Workload conflicting = new Workload(Workload.sink("discard")) {
            @Override
            ScsiResponse step() { return check(ScsiResponse.reservationConflict(), "a conflicting command"); }
        };
        conflicting.step();
        org.assertj.core.api.Assertions.assertThatThrownBy(conflicting::requireAllGood)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a conflicting command");
    }

    @Test
    void jmhGeneratedTheBenchmarkList() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("JMH annotation processor output").isNotNull();
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list).contains("persistentReserveOutChurn", "read10Of4KiB");
        }
    }
}
