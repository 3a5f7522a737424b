package dev.clusterlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.timeline.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clusterlab bundle}: every entry, a report that tells the failover and the integrity violations, bad input exits 2. */
class BundleCommandTest {
    @TempDir Path dir;
    private final ExportFixtures cli = new ExportFixtures();

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) entries.put(e.getName(), z.readAllBytes());
        }
        return entries;
    }

    private static String text(Map<String, byte[]> entries, String name) { return new String(entries.get(name), StandardCharsets.UTF_8); }

    @Test
    void theBundleOfAShippedScenarioHoldsReportScenarioTraceAndDiagrams() throws Exception {
        Path zip = dir.resolve("case.zip");
        assertThat(cli.bundle("wsfc-owner-power-off", "--out", zip.toString())).isEqualTo(0);
        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries.keySet()).startsWith(BundleCommand.REPORT).contains("wsfc-owner-power-off.scenario", BundleCommand.TRACE,
                BundleCommand.CAPTURE, BundleCommand.SVG, BundleCommand.PLANTUML, BundleCommand.MERMAID);
        assertThat(text(entries, "wsfc-owner-power-off.scenario")).contains("at 5.5s: crash node-a");
        TraceReader.Trace trace = TraceReader.read("trace", new ByteArrayInputStream(entries.get(BundleCommand.TRACE)));
        assertThat(trace.problem()).isNull();
        assertThat(trace.events()).isNotEmpty();
        assertThat(trace.headerText("scenarioText")).isEqualTo(text(entries, "wsfc-owner-power-off.scenario"));
        assertThat(text(entries, BundleCommand.SVG)).startsWith("<?xml");
        assertThat(text(entries, BundleCommand.PLANTUML)).startsWith("@startuml");
        assertThat(text(entries, BundleCommand.MERMAID)).startsWith("sequenceDiagram");
        assertThat(entries.get(BundleCommand.CAPTURE)).startsWith(0x0A, 0x0D, 0x0D, 0x0A); // pcapng Section Header Block
        assertThat(text(entries, BundleCommand.REPORT)).contains("<code>capture.pcapng</code>").doesNotContain("(no capture.pcapng)");
    }

    @Test
    void theBundlesTraceReplaysToTheSameDiagramAsTheScenario() throws Exception {
        Path zip = dir.resolve("case.zip");
        assertThat(cli.bundle("kvm-hang-lossy", "--out", zip.toString())).isEqualTo(0);
        Map<String, byte[]> entries = unzip(zip);
        Path trace = Files.write(dir.resolve("from-bundle.jsonl.gz"), entries.get(BundleCommand.TRACE));
        Path replayed = dir.resolve("replayed.puml");
        assertThat(cli.export(trace.toString(), "--plantuml", replayed.toString())).isEqualTo(0);
        // The same rows and lanes; only the title says it is a replay.
        assertThat(Files.readString(replayed).lines().skip(2).toList())
                .isEqualTo(text(entries, BundleCommand.PLANTUML).lines().skip(2).toList());
    }

    @Test
    void theReportOfTheOwnerPowerOffTellsTheFailoverFromNodeAToNodeB() throws Exception {
        Path zip = dir.resolve("case.zip");
        assertThat(cli.bundle("wsfc-owner-power-off", "--out", zip.toString())).isEqualTo(0);
        String report = text(unzip(zip), BundleCommand.REPORT);
        assertThat(report).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<td>node-a</td><td>is down (powered off, its registrations stay on the disks)</td>")
                .contains("<td>node-b</td><td>sql is online here (failover from node-a (key preempted))</td>")
                .contains("Group <b>sql</b>: online on node-a at 0.000 s, then offline at 5.500 s, then online on node-b at 22.000 s")
                .contains("The integrity monitor found nothing wrong.");
        // Who held data when: node-a until the preempt at 22 s, node-b after.
        String data = report.substring(report.indexOf("<h3>disk data</h3>"));
        assertThat(data).containsSubsequence("<td>0.000 s</td><td>22.000 s</td><td>node-a (p1), Write Exclusive, registrants only",
                "<td>22.000 s</td><td>the end</td><td>node-b (p1), Write Exclusive, registrants only");
    }

    @Test
    void theReportOfTheLossyHangShowsTheIntegrityViolationsAndTheConflicts() throws Exception {
        Path zip = dir.resolve("kvm.zip");
        assertThat(cli.bundle("kvm-hang-lossy", "--out", zip.toString())).isEqualTo(0);
        String report = text(unzip(zip), BundleCommand.REPORT);
        assertThat(report).containsPattern("The integrity monitor reported \\d+ violations: data on a shared disk may be damaged")
                .contains("<td>write from fenced node</td><td>data</td><td>node-a</td><td>node-b</td>")
                .contains("<td>split brain</td>")
                .containsPattern("<td>node-a/p1</td><td>data</td><td title=\"WRITE\\(10\\)[^\"]*\">WRITE\\(10\\)</td><td>RESERVATION CONFLICT</td>");
        assertThat(report).doesNotContain("<td>None: no write");
    }

    @Test
    void aBundleOfATraceTakesTheScenarioFromTheTraceHeader() throws Exception {
        Path trace = ExportFixtures.trace("wsfc-owner-power-off", dir.resolve("t.jsonl.gz"));
        Path zip = dir.resolve("from-trace.zip");
        assertThat(cli.bundle(trace.toString(), "--out", zip.toString())).isEqualTo(0);
        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries).containsKey("wsfc-owner-power-off.scenario");
        assertThat(text(entries, BundleCommand.REPORT)).contains("From t.jsonl.gz: ").contains("Replay of WSFC owner power-off");
    }

    @Test
    void textFromTheSessionIsEscapedInTheReport() throws Exception {
        Path scenario = Files.writeString(dir.resolve("odd.scenario"), """
                title: <script>alert("x")</script> & co
                policy: wsfc-pr
                quorum: node-majority
                node node-a
                node node-b
                disk data size=1M
                at 1s: node-a --register --param-sark=a1 data
                """);
        Path zip = dir.resolve("odd.zip");
        assertThat(cli.bundle(scenario.toString(), "--out", zip.toString())).isEqualTo(0);
        String report = text(unzip(zip), BundleCommand.REPORT);
        assertThat(report).contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>").doesNotContain("<script>");
    }

    @Test
    void missingOrCorruptInputExitsTwoAndWritesNoBundle() throws Exception {
        Path zip = dir.resolve("never.zip");
        assertThat(cli.bundle(dir.resolve("missing.jsonl.gz").toString(), "--out", zip.toString())).isEqualTo(2);
        assertThat(cli.stderr()).startsWith("clusterlab bundle: no such file or shipped scenario:");
        Path whole = ExportFixtures.trace("wsfc-owner-power-off", dir.resolve("whole.jsonl.gz"));
        Path cut = ExportFixtures.truncated(whole, 0.5, dir.resolve("cut.jsonl.gz"));
        assertThat(cli.bundle(cut.toString(), "--out", zip.toString())).isEqualTo(2);
        assertThat(cli.stderr()).contains("clusterlab bundle: the trace is damaged: cut.jsonl.gz:");
        assertThat(zip).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }
}
