package dev.clusterlab.views.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a session's actions go in the saved scenario file. */
class SessionScenarioTest {
    private static final String HEAD = """
            title: t
            policy: wsfc-pr
            quorum: node-majority
            node a
            node b
            disk d size=1G
            """;

    private static SessionAction action(long millis, String text) throws Exception {
        Scenario s = ScenarioParser.parse("x", HEAD);
        return new SessionAction(millis * 1_000_000, text, ScenarioParser.parseAction(s, Duration.ofMillis(millis), text, "console"));
    }

    @Test
    void actionsGoBetweenTheStepsByTime() throws Exception {
        String text = HEAD + "at 1s: crash a\nat 5s: restart a   # back\nexpect by 9s: monitor silent\n";
        Scenario s = ScenarioParser.parse("x", text);
        String out = SessionScenario.write(text, s, List.of(action(500, "hang b"), action(3000, "b --read-keys d"),
                action(5000, "isolate b"), action(7250, "restart b")));
        assertThat(out).isEqualTo(HEAD + """
                at 0.5s: hang b   # added in the lab
                at 1s: crash a
                at 3s: b --read-keys d   # added in the lab
                at 5s: restart a   # back
                at 5s: isolate b   # added in the lab
                at 7.25s: restart b   # added in the lab
                expect by 9s: monitor silent
                """);
        Scenario again = ScenarioParser.parse("x", out);
        assertThat(again.steps()).hasSize(6).extracting(Step::line).containsExactly(7, 8, 9, 10, 11, 12);
    }

    @Test
    void aScenarioWithoutStepsGetsTheActionsAtTheEnd() throws Exception {
        String out = SessionScenario.write(HEAD, ScenarioParser.parse("x", HEAD), List.of(action(2000, "crash a")));
        assertThat(out).isEqualTo(HEAD + "at 2s: crash a   # added in the lab\n");
    }

    @Test
    void noActionsLeaveTheTextAsItWas() throws Exception {
        String text = HEAD + "at 1s: crash a";
        assertThat(SessionScenario.write(text, ScenarioParser.parse("x", text), List.of())).isEqualTo(text);
    }
}
