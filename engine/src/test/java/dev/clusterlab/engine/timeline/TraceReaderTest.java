package dev.clusterlab.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Traces read back: every event as written, and damage that stops the reading at the damaged line with a message. */
class TraceReaderTest {
    private static final String SCENARIO = """
            title: trace round trip
            policy: wsfc-pr
            quorum: node-and-disk-majority witness=witness
            node node-a paths=2
            node node-b paths=2
            disk witness size=1G
            disk data size=1G
            group sql disk=data owner=node-a
            at 3s: node-b --register --param-sark=0x77 data
            at 5.5s: crash node-a
            at 6s: passthrough node-b/p2 lossy
            at 7s: lu-reset data
            expect by 30s: owner sql = node-b
            """;
    private static byte[] trace;
    private static List<TimelineEvent> written;

    @BeforeAll
    static void record() throws Exception {
        Scenario s = ScenarioParser.parse("t.scenario", SCENARIO);
        Timeline timeline = new Timeline();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(bytes, Map.of("scenario", "t.scenario", "seed", 1))) {
            ScenarioRunner.run(s, null, null, TimelineSink.both(timeline, writer), new ScenarioRunner.Listener() { });
        }
        trace = bytes.toByteArray();
        written = timeline.all();
    }

    private static TraceReader.Trace read(byte[] bytes) throws Exception {
        return TraceReader.read("t.jsonl", new ByteArrayInputStream(bytes));
    }

    private static byte[] rewrite(TraceReader.Trace t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(bytes, t.header())) {
            for (TimelineEvent e : t.events()) writer.append(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void everyEventComesBackAndWritesTheSameBytesAgain() throws Exception {
        TraceReader.Trace t = read(trace);
        assertThat(t.problem()).isNull();
        assertThat(t.events()).hasSize(written.size());
        assertThat(t.header()).containsEntry("scenario", "t.scenario").containsEntry("seed", 1);
        assertThat(rewrite(t)).isEqualTo(trace);
        // The kinds this scenario produces include commands with sense data, unit attentions and cluster facts.
        assertThat(t.events()).extracting(e -> e.getClass().getSimpleName())
                .contains("CommandStarted", "CommandCompleted", "ReservationChanged", "UnitAttentionQueued", "TaskManagement",
                        "NodeStateChanged", "MembershipChanged", "GroupStateChanged", "PassthroughChanged", "QuorumChanged");
        // Records with arrays compare by identity: check one command's bytes by value.
        TimelineEvent.CommandStarted first = (TimelineEvent.CommandStarted) t.events().get(0);
        assertThat(first.cdb()).isEqualTo(((TimelineEvent.CommandStarted) written.get(0)).cdb());
        assertThat(first.nexus()).isEqualTo(((TimelineEvent.CommandStarted) written.get(0)).nexus());
    }

    @Test
    void aGzippedTraceIsRecognisedByItsMagicBytes() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(trace);
        }
        assertThat(read(gz.toByteArray()).events()).hasSize(written.size());
    }

    @Test
    void aTruncatedLastLineLoadsEverythingBeforeIt() throws Exception {
        byte[] cut = Arrays.copyOf(trace, trace.length - 20);
        TraceReader.Trace t = read(cut);
        assertThat(t.events()).hasSize(written.size() - 1);
        int lines = new String(trace, StandardCharsets.UTF_8).split("\n").length;
        assertThat(t.problem()).isEqualTo("t.jsonl:" + lines + ": not a JSON line (truncated or corrupt); loaded the "
                + (written.size() - 1) + " events before it");
    }

    @Test
    void aCorruptLineInTheMiddleStopsThereAndSaysWhere() throws Exception {
        String[] lines = new String(trace, StandardCharsets.UTF_8).split("\n");
        lines[10] = lines[10].replace("\"time\":", "\"time\":\"soon\",\"x\":");
        TraceReader.Trace t = read(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        assertThat(t.events()).hasSize(9);
        assertThat(t.problem()).startsWith("t.jsonl:11: a ").contains("event with bad fields");
    }

    @Test
    void aTruncatedGzipLoadsWhatItCan() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(trace);
        }
        byte[] all = gz.toByteArray();
        TraceReader.Trace t = read(Arrays.copyOf(all, all.length / 2));
        assertThat(t.events()).isNotEmpty().hasSizeLessThan(written.size());
        assertThat(t.problem()).isNotNull();
    }

    @Test
    void eventsOfANewerKindAreSkippedAndSaidAndBackwardTimesAreDamage() throws Exception {
        String head = new String(trace, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        TraceReader.Trace t = read((head + "\n{\"event\":\"Teleport\",\"time\":1}\n"
                + "{\"event\":\"ClusterLog\",\"time\":2,\"node\":\"a\",\"text\":\"x\",\"mood\":\"calm\"}\n").getBytes(StandardCharsets.UTF_8));
        assertThat(t.events()).as("later known events still load; unknown fields are ignored").hasSize(1);
        assertThat(t.problem()).isEqualTo("t.jsonl: skipped 1 event of kinds this ClusterLab does not know (the first: \"Teleport\");"
                + " a newer ClusterLab shows them");
        String back = head + "\n{\"event\":\"ClusterLog\",\"time\":5,\"node\":\"a\",\"text\":\"x\"}\n"
                + "{\"event\":\"ClusterLog\",\"time\":4,\"node\":\"a\",\"text\":\"y\"}\n";
        assertThat(read(back.getBytes(StandardCharsets.UTF_8)).problem()).isEqualTo("t.jsonl:3: time goes backwards; loaded the 1 events before it");
    }

    @Test
    void filesThatAreNotTracesAreRefusedWithAReason() {
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(TraceReader.NotATraceException.class).hasMessageContaining("empty file");
        assertThatThrownBy(() -> read("hello\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("t.jsonl:1: not a ClusterLab trace (the first line is not JSON)");
        assertThatThrownBy(() -> read("{\"format\":\"pcap\"}\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no \"format\":\"clusterlab-trace\" header");
        assertThatThrownBy(() -> read("{\"format\":\"clusterlab-trace\",\"version\":7}\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("version 7 is newer than this ClusterLab reads (1)");
    }

    @Test
    void initiatorPortNamesParseBack() {
        assertThat(InitiatorPorts.parse("iqn.2026-11.dev.clusterlab:node-a,i,0x23d000000001"))
                .isEqualTo(dev.clusterlab.engine.scsi.InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:node-a", 0x23d000000001L));
        assertThat(InitiatorPorts.parse("fc.0x20000000c9000001").displayName()).isEqualTo("fc.0x20000000c9000001");
        assertThat(InitiatorPorts.parse("sas.0x500605b000000001").displayName()).isEqualTo("sas.0x500605b000000001");
        assertThat(InitiatorPorts.parse("iqn.x:y").displayName()).isEqualTo("iqn.x:y");
        assertThatThrownBy(() -> InitiatorPorts.parse("fc.0xzz")).isInstanceOf(IllegalArgumentException.class);
    }
}
