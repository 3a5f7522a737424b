package dev.clusterlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.capture.Tshark;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code clusterlab export}: every format from a shipped scenario and from a trace; filters; bad input exits 2 with a clear message. */
class ExportCommandTest {
    @TempDir Path dir;
    private final ExportFixtures cli = new ExportFixtures();

    @Test
    void aShippedScenarioIsSimulatedToItsEndAndExportedInEveryDiagramFormat() throws Exception {
        Path svg = dir.resolve("out/seq.svg"), png = dir.resolve("seq.png"), puml = dir.resolve("seq.puml"), mmd = dir.resolve("seq.mmd");
        assertThat(cli.export("wsfc-owner-power-off", "--svg", svg.toString(), "--png", png.toString(), "--plantuml", puml.toString(),
                "--mermaid", mmd.toString())).isEqualTo(0);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        Document doc = xml.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        String plantUml = Files.readString(puml);
        assertThat(plantUml).startsWith("@startuml\n").endsWith("@enduml\n")
                .contains("participant \"node-a\" as node_a", "participant \"disk data\" as disk_data")
                .containsPattern("node_b -> disk_data : 22\\.\\d{3} s  PR OUT PREEMPT");
        assertThat(Files.readString(mmd)).startsWith("sequenceDiagram\n").contains("Note over node_b:");
        assertThat(cli.stdout()).contains("wrote " + svg, "wrote " + png, "wrote " + puml, "wrote " + mmd);
    }

    @Test
    void aTraceWrittenByRunIsReplayedAndExportedWithTheScenariosLanes() throws Exception {
        Path trace = ExportFixtures.trace("wsfc-owner-power-off", dir.resolve("power-off.jsonl.gz"));
        Path puml = dir.resolve("replay.puml");
        assertThat(cli.export(trace.toString(), "--plantuml", puml.toString())).isEqualTo(0);
        Path fromScenario = dir.resolve("scenario.puml");
        assertThat(cli.export("wsfc-owner-power-off", "--plantuml", fromScenario.toString())).isEqualTo(0);
        // Same rows and lanes; only the title says it is a replay.
        assertThat(Files.readString(puml).lines().skip(2).toList()).isEqualTo(Files.readString(fromScenario).lines().skip(2).toList());
        assertThat(Files.readString(puml)).contains("title Replay of WSFC owner power-off");
    }

    @Test
    void timeRangeDiskAndKindOptionsNarrowTheDiagram() throws Exception {
        Path puml = dir.resolve("narrow.puml");
        assertThat(cli.export("wsfc-owner-power-off", "--plantuml", puml.toString(), "--from", "20s", "--to", "25s", "--disk", "data",
                "--kinds", "pr-out,pr-in", "--no-cluster-events")).isEqualTo(0);
        List<String> arrows = Files.readString(puml).lines().filter(l -> l.contains(" -> ")).toList();
        assertThat(arrows).isNotEmpty().allSatisfy(l -> {
            assertThat(l).contains("-> disk_data : ").containsPattern(": 2[0-5]\\.\\d{3} s  PR (OUT|IN) ");
        });
        assertThat(Files.readString(puml)).doesNotContain("note over");
    }

    @Test
    void everyCommandRowHasARequestAndAResponseArrowInTheSvg() throws Exception {
        Path svg = dir.resolve("seq.svg"), puml = dir.resolve("seq.puml");
        assertThat(cli.export("kvm-hang-lossy", "--svg", svg.toString(), "--plantuml", puml.toString())).isEqualTo(0);
        String text = Files.readString(svg);
        int commands = count(text, "<g class=\"command\""), requests = count(text, "class=\"request\""), responses = count(text, "class=\"response\"");
        long plantUmlRequests = Files.readString(puml).lines().filter(l -> l.matches("^\\w+ -> \\w+ : .*")).count();
        assertThat(commands).isPositive().isEqualTo(requests).isEqualTo(responses).isEqualTo((int) plantUmlRequests);
        assertThat(text).contains("data-outcome=\"RESERVATION CONFLICT\"");
    }

    @Test
    void pcapngOfAShippedScenarioDecodesInTsharkToNodeBsPreemptOfNodeAsKey() throws Exception {
        Path capture = dir.resolve("session.pcapng");
        assertThat(cli.export("wsfc-owner-power-off", "--pcapng", capture.toString())).isEqualTo(0);
        assertThat(Files.readAllBytes(capture)).startsWith(0x0A, 0x0D, 0x0D, 0x0A); // pcapng Section Header Block
        // PR OUT service action 04h (PREEMPT), type 5, node-b's key preempting node-a's, on the witness and on data.
        List<List<String>> preempts = Tshark.fields(capture, "scsi.persresvout.svcaction == 0x04", "scsi.persresv.type",
                "scsi.persresv.reskey", "scsi.persresv.sareskey");
        assertThat(preempts).hasSize(2).allSatisfy(r -> assertThat(r).containsExactly("0x05", "000000024d534654", "000000014d534654"));
        assertThat(cli.stdout()).contains("wrote " + capture + " (pcapng, ");
    }

    @Test
    void aMissingInputExitsTwoNamingTheShippedScenarios() {
        assertThat(cli.export(dir.resolve("nope.jsonl.gz").toString(), "--svg", dir.resolve("x.svg").toString())).isEqualTo(2);
        assertThat(cli.stderr()).startsWith("clusterlab export: no such file or shipped scenario: ").contains("wsfc-owner-power-off");
        assertThat(dir.resolve("x.svg")).doesNotExist();
    }

    @Test
    void aTruncatedTraceIsRefusedWithWhereItStoppedUnlessPartial() throws Exception {
        Path whole = ExportFixtures.trace("wsfc-owner-power-off", dir.resolve("whole.jsonl.gz"));
        Path cut = ExportFixtures.truncated(whole, 0.6, dir.resolve("cut.jsonl.gz"));
        Path puml = dir.resolve("cut.puml");
        assertThat(cli.export(cut.toString(), "--plantuml", puml.toString())).isEqualTo(2);
        assertThat(cli.stderr()).startsWith("clusterlab export: the trace is damaged: cut.jsonl.gz:").contains("--partial");
        assertThat(puml).doesNotExist();
        assertThat(cli.export(cut.toString(), "--plantuml", puml.toString(), "--partial")).isEqualTo(0);
        assertThat(Files.readString(puml)).startsWith("@startuml").endsWith("@enduml\n");
    }

    @Test
    void aFileThatIsNeitherATraceNorAScenarioExitsTwoSayingBoth() throws Exception {
        Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5});
        assertThat(cli.export(junk.toString(), "--svg", dir.resolve("x.svg").toString())).isEqualTo(2);
        assertThat(cli.stderr()).startsWith("clusterlab export: ").contains("neither a trace").contains("nor a scenario");
    }

    @Test
    void badOptionsExitTwo() {
        assertThat(cli.export("wsfc-owner-power-off")).isEqualTo(2);
        assertThat(cli.stderr()).contains("name at least one output");
        assertThat(cli.export("wsfc-owner-power-off", "--svg", "x.svg", "--from", "soon")).isEqualTo(2);
        assertThat(cli.stderr()).contains("--from: ");
        assertThat(cli.export("wsfc-owner-power-off", "--svg", "x.svg", "--kinds", "writes")).isEqualTo(2);
        assertThat(cli.stderr()).contains("--kinds: unknown kind writes");
        assertThat(cli.export("wsfc-owner-power-off", "--svg", dir.resolve("x.svg").toString(), "--disk", "logs")).isEqualTo(2);
        assertThat(cli.stderr()).contains("--disk logs: no such disk; disks: witness, data");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
