package dev.clusterlab.tests.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped MSCS, fence_scsi and Veritas lessons: each meets every expectation with its own seed
 * and with other seeds too (the Veritas race delay is drawn from the seed; the others have no
 * randomness that could move an instant).
 */
class PolicyScenariosTest {

    private static ScenarioRun run(String name, Long seed) throws Exception {
        Scenario s = ScenarioParser.parse(name, ShippedScenarios.text(name));
        return ScenarioRunner.run(s, seed, null, TimelineSink.DISCARD, new ScenarioRunner.Listener() { });
    }

    private static List<String> failures(ScenarioRun run) {
        return run.expectations().stream().filter(r -> !r.held())
                .map(r -> "line " + r.expectation().line() + ": " + r.observed()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mscs-bus-reset-live-defender.scenario", "mscs-bus-reset-dead-defender.scenario",
            "fence-scsi-fencing-and-watchdog.scenario", "veritas-3-vs-2-partition.scenario"})
    void shippedPolicyScenarioMeetsEveryExpectationWithItsSeed(String name) throws Exception {
        assertThat(ShippedScenarios.names()).contains(name);
        ScenarioRun run = run(name, null);
        assertThat(failures(run)).isEmpty();
        assertThat(run.expectations()).isNotEmpty();
        assertThat(run.violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mscs-bus-reset-live-defender.scenario", "mscs-bus-reset-dead-defender.scenario",
            "fence-scsi-fencing-and-watchdog.scenario", "veritas-3-vs-2-partition.scenario"})
    void shippedPolicyScenarioMeetsEveryExpectationWithOtherSeeds(String name) throws Exception {
        for (long seed : LongStream.rangeClosed(100, 124).toArray()) {
            assertThat(failures(run(name, seed))).as("seed %d", seed).isEmpty();
        }
    }
}
