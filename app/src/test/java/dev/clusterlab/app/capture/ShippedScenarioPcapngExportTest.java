package dev.clusterlab.app.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.engine.capture.PcapngExport;
import dev.clusterlab.engine.capture.Tshark;
import dev.clusterlab.engine.capture.TsharkReadBack;
import dev.clusterlab.engine.cluster.storage.StorageFabric;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped WSFC owner power-off scenario, run headless and exported as pcapng, read back by
 * tshark 4.0 (issue 7's CI check): every PR OUT service action, key and type, every PR IN service
 * action and every status equal the timeline's, in order; one TCP stream per I_T nexus; the story
 * as packet comments; nothing malformed. Fails, never skips, without tshark.
 */
class ShippedScenarioPcapngExportTest {
    @TempDir static Path dir;
    static List<TimelineEvent> events;
    static Path capture;

    @BeforeAll
    static void runAndExport() throws Exception {
        Tshark.executable();
        Timeline timeline = new Timeline();
        StorageFabric[] fabric = new StorageFabric[1];
        ScenarioRun run = ScenarioRunner.run(ScenarioParser.parse("wsfc-owner-power-off.scenario",
                        ShippedScenarios.text("wsfc-owner-power-off")), null, null, timeline,
                new ScenarioRunner.Listener() { }, sim -> fabric[0] = sim.fabric());
        assertThat(run.passed()).isTrue();
        events = timeline.all();
        capture = dir.resolve("wsfc-owner-power-off.pcapng");
        try (OutputStream out = Files.newOutputStream(capture)) {
            PcapngExport.write(events, fabric[0]::describe, out);
        }
    }

    @Test
    void prOutServiceActionsKeysAndTypesEqualTheTimelinesInOrder() {
        List<TsharkReadBack.PrOut> expected = TsharkReadBack.expectedPrOut(events);
        assertThat(expected).extracting(TsharkReadBack.PrOut::serviceAction).contains(0x04); // node-b preempts node-a
        assertThat(TsharkReadBack.capturedPrOut(capture)).isEqualTo(expected);
    }

    @Test
    void prInServiceActionsEqualTheTimelinesInOrder() {
        List<Integer> expected = TsharkReadBack.expectedPrIn(events);
        assertThat(expected).contains(0x00, 0x01);
        assertThat(TsharkReadBack.capturedPrIn(capture)).isEqualTo(expected);
    }

    @Test
    void everyStatusEqualsTheTimelinesInOrder() {
        List<Integer> expected = TsharkReadBack.expectedStatuses(events);
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(TsharkReadBack.capturedStatuses(capture)).isEqualTo(expected);
    }

    @Test
    void eachTcpStreamCarriesExactlyOneItNexus() {
        var streams = TsharkReadBack.streamsOfNexuses(events, capture);
        assertThat(streams.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        Set<String> all = new HashSet<>();
        streams.values().forEach(all::addAll);
        assertThat(all).hasSameSizeAs(streams.keySet()); // no two nexuses share a stream
        var logins = TsharkReadBack.loginsByStream(capture);
        streams.forEach((nexus, s) -> assertThat(logins.get(s.iterator().next()))
                .isEqualToIgnoringCase(nexus.initiator().displayName()));
    }

    @Test
    void theStoryIsInThePacketComments() {
        List<String> comments = TsharkReadBack.comments(capture, "frame.comment");
        assertThat(comments).anySatisfy(c -> assertThat(c).contains("node-a: is down"))
                .anySatisfy(c -> assertThat(c).contains("PR OUT PREEMPT rk="))
                .anySatisfy(c -> assertThat(c).contains("removed node-a from the cluster"));
    }

    @Test
    void wiresharkFindsNothingMalformedNoWarningsNoErrors() {
        assertThat(TsharkReadBack.problems(capture)).isEmpty();
    }
}
