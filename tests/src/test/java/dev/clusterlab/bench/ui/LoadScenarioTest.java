package dev.clusterlab.bench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioSimulations;
import dev.clusterlab.engine.timeline.Timeline;
import org.junit.jupiter.api.Test;

class LoadScenarioTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void frameBenchmarkScenarioHas32Nodes8DisksAndAboutAThousandCommandsPerSecond() {
        Scenario s = LoadScenario.parse(LoadScenario.text(32, 8, UiFrameBench.WORKLOAD_INTERVAL, 20, 0));
        assertThat(s.nodes()).hasSize(32);
        assertThat(s.disks()).hasSize(8);
        assertThat(s.groups()).hasSize(8);

        Timeline timeline = new Timeline();
        ScenarioSimulations.build(s, s.seed(), timeline).runUntil(3 * SECOND);
        // Groups come online at t=0; the benchmark's target is 1,000 commands per simulated second.
        assertThat(LoadScenario.commandsPerSecond(timeline, SECOND, 3 * SECOND)).isBetween(900.0, 1100.0);
    }

    @Test
    void crashAndRestartStepsAppearOnlyInsideTheRun() {
        assertThat(LoadScenario.text(4, 2, "1s", 60, 10)).contains("at 10.000s: crash n01").contains("at 40.000s: restart n01");
        assertThat(LoadScenario.text(4, 2, "1s", 20, 10)).contains("crash n01").doesNotContain("restart");
        assertThat(LoadScenario.text(4, 2, "1s", 20, 0)).doesNotContain("crash");
    }
}
