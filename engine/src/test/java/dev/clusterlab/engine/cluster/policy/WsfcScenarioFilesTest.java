package dev.clusterlab.engine.cluster.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The WSFC scenarios shipped in assets run with the WSFC policy and meet every expectation they
 * state. Read from the assets module's sources (the engine does not depend on assets).
 */
class WsfcScenarioFilesTest {
    private static final Path DIRECTORY = Path.of("..", "assets", "src", "main", "resources", "dev", "clusterlab", "assets", "scenarios");

    static ScenarioRun run(String file) throws Exception {
        String text = Files.readString(DIRECTORY.resolve(file), StandardCharsets.UTF_8);
        Scenario s = ScenarioParser.parse(file, text);
        return ScenarioRunner.run(s, null, null, TimelineSink.DISCARD, new ScenarioRunner.Listener() { });
    }

    private static String failures(ScenarioRun run) {
        return run.expectations().stream().filter(r -> !r.held())
                .map(r -> "line " + r.expectation().line() + ": " + r.expectation().check() + " -> " + r.observed())
                .collect(Collectors.joining("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wsfc-owner-power-off.scenario", "wsfc-partition-disk-witness.scenario",
            "kvm-hang-faithful.scenario", "kvm-hang-lossy.scenario", "wsfc-multipath-path-loss.scenario",
            "wsfc-misconfigured-target.scenario", "wsfc-csv-node-loss.scenario"})
    void shippedWsfcScenarioMeetsEveryExpectation(String file) throws Exception {
        ScenarioRun run = run(file);
        assertThat(run.expectations()).isNotEmpty();
        assertThat(run.passed()).as(failures(run)).isTrue();
    }

    @Test
    void theTwoHalvesOfTheKvmLessonDisagreeOnlyInTheMonitor() throws Exception {
        assertThat(run("kvm-hang-faithful.scenario").violations()).isEmpty();
        assertThat(run("kvm-hang-lossy.scenario").violations()).isNotEmpty();
    }

    @Test
    void misconfiguredTargetScenarioShowsAnEmptyReadReservationAfterAGoodReserve() throws Exception {
        ScenarioRun run = run("wsfc-misconfigured-target.scenario");
        ScenarioRun.StepResult reserve = run.steps().get(1);
        ScenarioRun.StepResult readBack = run.steps().get(2);
        ScenarioRun.StepResult write = run.steps().get(4);
        assertThat(reserve.outcome().isGood()).isTrue();
        byte[] answer = ((IoOutcome.Completed) readBack.outcome()).response().dataIn();
        assertThat(answer[4] | answer[5] | answer[6] | answer[7]).as("ADDITIONAL LENGTH").isZero();
        assertThat(((IoOutcome.Completed) write.outcome()).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
    }
}
