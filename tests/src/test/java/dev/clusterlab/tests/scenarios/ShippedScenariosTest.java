package dev.clusterlab.tests.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.timeline.TimelineSink;
import dev.clusterlab.engine.timeline.TraceWriter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario in the library runs headless in CI and meets every one of its expectations, and
 * runs deterministically: the same scenario and seed give a byte-identical trace.
 */
class ShippedScenariosTest {

    static Stream<String> shipped() { return ShippedScenarios.names().stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void meetsEveryExpectation(String name) throws ScenarioSyntaxException {
        Scenario s = ScenarioParser.parse(name, ShippedScenarios.text(name));
        ScenarioRun run = ScenarioRunner.run(s, null, null, TimelineSink.DISCARD, new ScenarioRunner.Listener() {});
        List<String> failed = new ArrayList<>();
        for (ScenarioRun.ExpectationResult r : run.expectations()) {
            if (!r.held()) failed.add("line " + r.expectation().line() + ": " + r.observed());
        }
        assertThat(s.expectations()).as("a shipped scenario states what must happen").isNotEmpty();
        assertThat(failed).as(name + " expectations").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void sameSeedGivesByteIdenticalTrace(String name) throws ScenarioSyntaxException {
        Scenario s = ScenarioParser.parse(name, ShippedScenarios.text(name));
        byte[] first = trace(s, s.seed());
        byte[] second = trace(s, s.seed());
        assertThat(first.length).isGreaterThan(1000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theLibraryHasTheScenariosIssueFourAsksFor() {
        assertThat(ShippedScenarios.names()).isNotEmpty().allSatisfy(n -> assertThat(n).endsWith(".scenario"));
        assertThat(ShippedScenarios.names()).anySatisfy(n -> assertThat(n).contains("lossy"));
        assertThat(ShippedScenarios.names()).anySatisfy(n -> assertThat(n).contains("faithful"));
    }

    static byte[] trace(Scenario s, long seed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(bytes, Map.of("scenario", s.fileName(), "seed", seed))) {
            ScenarioRunner.run(s, seed, null, writer, new ScenarioRunner.Listener() {});
        }
        return bytes.toByteArray();
    }
}
