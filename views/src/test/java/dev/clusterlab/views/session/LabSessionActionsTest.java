package dev.clusterlab.views.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.scenario.Step;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TraceWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Acting in the lab: actions at the cursor, forks when acting in the past, stepping back, saving as a scenario. */
class LabSessionActionsTest {
    private static final long S = 1_000_000_000L;

    private final LabSession session = LabSession.open(ScenarioSource.demo());

    @Test
    void aFaultAtTheCursorHappensThereAndIsRecorded() throws ScenarioSyntaxException {
        session.advanceTo(3 * S);
        ActionResult r = session.act("crash node-b");
        assertThat(r.forked()).isFalse();
        // node-a read the witness at 3 s, so the action opens the next millisecond
        assertThat(r.action().at()).isEqualTo(3 * S + 1_000_000);
        assertThat(session.cursor()).isEqualTo(r.action().at());
        assertThat(session.frame().cluster().node("node-b")).isEqualTo(NodeState.DOWN);
        assertThat(session.actions()).extracting(SessionAction::text).containsExactly("crash node-b");
        assertThat(session.forks()).isEmpty();
    }

    @Test
    void aCommandAnswersLikeSgPersist() throws ScenarioSyntaxException {
        session.advanceTo(2 * S);
        ActionResult r = session.act("node-b --read-keys data");
        assertThat(r.summary()).isEqualTo("GOOD");
        assertThat(r.details()).contains("PR generation=").contains("0x14d534654"); // node-a's key, "(1<<32)|MSFT"
    }

    @Test
    void aBadActionChangesNothingAndPointsAtTheColumn() {
        session.advanceTo(2 * S);
        int before = session.timeline().size();
        assertThatThrownBy(() -> session.act("crash node-z"))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageContaining("console:1:7: unknown node 'node-z'");
        assertThat(session.timeline().size()).isEqualTo(before);
        assertThat(session.actions()).isEmpty();
    }

    @Test
    void actingInThePastForksTheFutureAndMarksIt() throws ScenarioSyntaxException {
        session.advanceTo(30 * S);
        assertThat(session.frame().runningOn("sql")).containsExactly("node-b");
        session.seek(3 * S);
        int generation = session.generation();
        ActionResult r = session.act("crash node-b"); // the passive node dies before node-a's power-off
        assertThat(r.forked()).isTrue();
        assertThat(session.generation()).isEqualTo(generation + 1);
        assertThat(session.forks()).containsExactly(3 * S);
        assertThat(session.recordedUntil()).isEqualTo(3 * S); // the old future is gone
        session.advanceTo(30 * S);
        // Both nodes are down now (node-a still loses power at 5.5 s): nobody runs sql.
        assertThat(session.frame().runningOn("sql")).isEmpty();
        assertThat(session.frame().cluster().node("node-b")).isEqualTo(NodeState.DOWN);
    }

    @Test
    void aForkDropsTheActionsOfTheDiscardedFutureAndKeepsEarlierOnes() throws ScenarioSyntaxException {
        session.advanceTo(2 * S);
        session.act("node-b --read-keys data");
        session.advanceTo(8 * S);
        session.act("node-b --read-reservation data");
        session.seek(5 * S);
        session.act("isolate node-b");
        assertThat(session.actions()).extracting(SessionAction::text).containsExactly("node-b --read-keys data", "isolate node-b");
        assertThat(session.forks()).containsExactly(5 * S);
    }

    @Test
    void theForkedRecordingEqualsTheOriginalUpToTheFork() throws ScenarioSyntaxException {
        session.advanceTo(2 * S);
        session.act("node-b --register --param-sark=0x77 data");
        session.advanceTo(20 * S);
        List<String> before = render(session, 12 * S);
        session.seek(12 * S);
        session.act("restart node-a");
        assertThat(render(session, 12 * S)).isEqualTo(before);
    }

    /** The events before {@code time} as JSON Lines (the trace format), user action included: the fork replays it exactly. */
    private static List<String> render(LabSession s, long time) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter trace = new TraceWriter(bytes, Map.of())) {
            for (int i = 0; i < s.timeline().size() && s.timeline().get(i).time() < time; i++) trace.append(s.timeline().get(i));
        }
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void actingNearTheEndExtendsTheSession() throws ScenarioSyntaxException {
        long end = session.end();
        session.advanceTo(end);
        long at = session.act("restart node-a").action().at();
        assertThat(at).isBetween(end, end + 1_000_000);
        assertThat(session.end()).isEqualTo(at + LabSession.AFTER_LAST_ACTION_NANOS);
        session.advanceTo(session.end());
        assertThat(session.recordedUntil()).isEqualTo(at + LabSession.AFTER_LAST_ACTION_NANOS);
    }

    @Test
    void actionTimesAreRoundedUpToTheMillisecond() throws ScenarioSyntaxException {
        session.advanceTo(2 * S + 1);
        assertThat(session.act("hang node-b").action().at()).isEqualTo(2 * S + 1_000_000);
    }

    @Test
    void aSecondActionInTheSameMillisecondKeepsItsOrder() throws ScenarioSyntaxException {
        session.advanceTo(2 * S + 500_000_000L);
        long first = session.act("node-b --read-keys data").action().at();
        long second = session.act("node-b --read-reservation data").action().at();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void stepToPreviousEventWalksBackOverRecordedEvents() {
        session.advanceTo(30 * S);
        long t = session.stepToPreviousEvent();
        assertThat(t).isLessThan(30 * S);
        assertThat(session.timeline().countUpTo(t)).isLessThan(session.timeline().countUpTo(30 * S));
        long earlier = session.stepToPreviousEvent();
        assertThat(earlier).isLessThan(t);
        session.seek(0);
        assertThat(session.stepToPreviousEvent()).isZero();
        assertThat(session.recordedUntil()).isEqualTo(30 * S); // stepping back runs nothing
    }

    @Test
    void aSavedSessionReplaysTheSameActions() throws Exception {
        session.advanceTo(2 * S);
        session.act("node-b --read-keys data");
        session.advanceTo(40 * S);
        session.act("crash node-b");
        String text = session.asScenarioText();
        // Both instants had already seen the cluster act (workload writes, heartbeats): the next millisecond.
        assertThat(text).contains("\nat 2.001s: node-b --read-keys data   # added in the lab\nat 5.5s: crash node-a")
                .contains("at 40.001s: crash node-b   # added in the lab");
        // The original file's text is kept: its comments and its first line.
        assertThat(text).startsWith(ScenarioSource.textOf(ScenarioSource.demo()).lines().findFirst().orElseThrow());

        Scenario saved = ScenarioParser.parse("saved.scenario", text);
        assertThat(saved.steps()).extracting(st -> st.at().toNanos()).isSorted();
        assertThat(saved.steps()).filteredOn(st -> st instanceof Step.Fault f && f.at().toNanos() == 40 * S + 1_000_000).hasSize(1);
        LabSession again = LabSession.open(saved, saved.seed(), text);
        again.advanceTo(45 * S);
        session.advanceTo(45 * S);
        assertThat(again.frame().cluster()).isEqualTo(session.frame().cluster());
        assertThat(again.timeline().size()).isEqualTo(session.timeline().size());
    }
}
