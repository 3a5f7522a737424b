package dev.clusterlab.views.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.timeline.TimelineSink;
import dev.clusterlab.engine.timeline.TraceReader;
import dev.clusterlab.engine.timeline.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A recorded trace reopened in the lab: the same picture at every time, and only time travel. */
class ReplayedSessionTest {
    private static final long S = 1_000_000_000L;

    private static byte[] record(Scenario s, boolean withScenarioText) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("scenario", s.fileName());
        header.put("title", s.title());
        header.put("seed", s.seed());
        if (withScenarioText) header.put(ReplayedRecording.SCENARIO_TEXT, ScenarioSource.textOf(s));
        try (TraceWriter w = new TraceWriter(bytes, header)) {
            ScenarioRunner.run(s, null, 90 * S, w, new ScenarioRunner.Listener() { });
        }
        return bytes.toByteArray();
    }

    private static LabSession replay(byte[] trace) throws Exception {
        return LabSession.replay(ReplayedRecording.of("demo.jsonl", TraceReader.read("demo.jsonl", new ByteArrayInputStream(trace))));
    }

    @Test
    void aReplayShowsTheSamePictureAsTheSimulationAtEveryTime() throws Exception {
        Scenario demo = ScenarioSource.demo();
        LabSession replay = replay(record(demo, true));
        LabSession live = LabSession.open(demo);
        assertThat(replay.kind()).isEqualTo(LabSession.Kind.REPLAY);
        assertThat(replay.topology()).isEqualTo(live.topology());
        assertThat(replay.title()).isEqualTo("Replay of " + demo.title());
        for (long t = 0; t <= 90 * S; t += S / 2) {
            live.advanceTo(t);
            replay.seek(t);
            LabFrame a = live.frame(), b = replay.frame();
            assertThat(b.cluster()).as("cluster at %d ms", t / 1_000_000).isEqualTo(a.cluster());
            assertThat(b.disks()).as("disks at %d ms", t / 1_000_000).isEqualTo(a.disks());
            assertThat(b.recentCommands()).as("commands at %d ms", t / 1_000_000).isEqualTo(a.recentCommands());
            assertThat(b.headline()).isEqualTo(a.headline());
        }
    }

    @Test
    void aReplayCanOnlyBeWatched() throws Exception {
        LabSession replay = replay(record(ScenarioSource.demo(), true));
        assertThat(replay.canAct()).isFalse();
        assertThatThrownBy(() -> replay.act("crash node-a")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("replayed trace can only be watched");
        assertThat(replay.end()).isEqualTo(90 * S);
        assertThat(replay.stepToNextEvent()).isEqualTo(S); // the cursor starts after the events at 0 s
        replay.seek(90 * S);
        assertThat(replay.stepToNextEvent()).isEqualTo(90 * S); // nothing after the end
    }

    @Test
    void aTraceWithoutItsScenarioIsLaidOutFromItsEvents() throws Exception {
        LabSession replay = replay(record(ScenarioSource.demo(), false));
        Topology t = replay.topology();
        assertThat(t.nodeNames()).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(t.nodes()).allSatisfy(n -> assertThat(n.paths()).isEqualTo(2));
        assertThat(t.diskNames()).containsExactlyInAnyOrder("witness", "data");
        replay.seek(25 * S);
        assertThat(replay.frame().runningOn("sql")).containsExactly("node-b");
    }

    @Test
    void aDamagedTraceReplaysUpToTheDamageAndSaysSo() throws Exception {
        byte[] trace = record(ScenarioSource.demo(), true);
        LabSession replay = replay(Arrays.copyOf(trace, trace.length * 2 / 3));
        assertThat(replay.description()).contains("The trace is damaged: demo.jsonl:").contains("events before it");
        assertThat(replay.end()).isBetween(1L, 90 * S - 1);
    }
}
