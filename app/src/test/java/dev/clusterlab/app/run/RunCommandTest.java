package dev.clusterlab.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clusterlab run}: transcript, summary line, exit codes 0/1/2, --until, --seed and --trace. */
class RunCommandTest {
    private static final String SCENARIO = """
            title: hand-made reservation
            policy: wsfc-pr
            quorum: node-majority
            node node-a paths=2
            node node-b
            disk data size=1M
            at 0s: node-a --register --param-sark=a1 data
            at 1s: node-a --reserve --param-rk=a1 --prout-type=5
            at 2s: node-b --read-reservation
            at 3s: node-b write lba=0 len=1
            at 5s: crash node-a
            expect by 10s: holder data = node-a
            expect by 10s: state node-a = down
            expect by 10s: monitor silent
            """;

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        RunCommand command = new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("lab.scenario");
        Files.writeString(file, text);
        return file;
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }

    @Test
    void everyExpectationHeldExitsZeroWithNarratedTranscriptAndSummary() throws IOException {
        assertThat(run(write(SCENARIO).toString())).isEqualTo(0);
        assertThat(stdout())
                .contains("hand-made reservation")
                .contains("0.000 s  node-a        node-a --register --param-sark=a1 data  [data] -> GOOD")
                .contains("Reservation follows:")
                .contains("RESERVATION CONFLICT")
                .contains("node-a        is down")
                .contains("line 12: expect by 10s: holder data = node-a: held (data is reserved by node-a)")
                .contains("expectations: 3 held, 0 failed")
                .endsWith("integrity violations: 0" + System.lineSeparator());
    }

    @Test
    void aFailedExpectationExitsOneAndSaysWhatWasObserved() throws IOException {
        assertThat(run(write(SCENARIO.replace("state node-a = down", "state node-a = up")).toString())).isEqualTo(1);
        assertThat(stdout()).contains("FAILED (node-a is down)").contains("expectations: 2 held, 1 failed");
    }

    @Test
    void anUnusableFileExitsTwoWithFileLineColumn() throws IOException {
        Path file = write(SCENARIO.replace("node node-b", "node node-b pahts=2"));
        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(file + ":5:13: ");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aMissingScenarioExitsTwoAndListsTheShippedOnes() {
        assertThat(run("no-such-scenario")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file or shipped scenario: no-such-scenario");
    }

    @Test
    void untilBeforeAnExpectationLeavesItUnreachedAndFailed() throws IOException {
        assertThat(run(write(SCENARIO).toString(), "--until", "4s")).isEqualTo(1);
        assertThat(stdout()).contains("not reached: the run stopped at 4.000 s").contains("simulated 4.000 s");
        assertThat(stdout()).doesNotContain("is down");
    }

    @Test
    void aBadUntilIsAnUnusableArgument() throws IOException {
        assertThat(run(write(SCENARIO).toString(), "--until", "soon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a duration: 'soon'");
    }

    @Test
    void traceFileStartsWithAVersionedHeaderAndHasOneEventPerLine() throws IOException {
        Path trace = dir.resolve("run.jsonl");
        assertThat(run(write(SCENARIO).toString(), "--trace", trace.toString(), "--seed", "7")).isEqualTo(0);
        List<String> lines = Files.readAllLines(trace);
        assertThat(lines.get(0)).startsWith("{\"format\":\"clusterlab-trace\",\"version\":1,").contains("\"seed\":7");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"event\":\"CommandStarted\",\"time\":0,\"lu\":\"data\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"event\":\"NodeStateChanged\",\"time\":5000000000,\"node\":\"node-a\""));
        assertThat(stdout()).contains("seed 7");
    }

    @Test
    void sameScenarioSameSeedSameTraceBytes() throws IOException {
        Path file = write(SCENARIO);
        Path first = dir.resolve("1.jsonl"), second = dir.resolve("2.jsonl");
        run(file.toString(), "--trace", first.toString());
        run(file.toString(), "--trace", second.toString());
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void verboseTellsRoutineCommandsToo() throws IOException {
        run(write(SCENARIO).toString());
        String story = stdout();
        out.reset();
        run(write(SCENARIO).toString(), "--verbose");
        assertThat(stdout().lines().count()).isGreaterThan(story.lines().count());
    }

    @Test
    void aGzippedTraceReopensInTheLabAsAReplayOfTheSameScenario() throws Exception {
        Path trace = dir.resolve("run.jsonl.gz");
        Path file = write(SCENARIO);
        assertThat(run(file.toString(), "--trace", trace.toString())).isEqualTo(0);
        dev.clusterlab.views.session.LabSession replay = dev.clusterlab.views.session.SessionFiles.open(trace.toString());
        dev.clusterlab.views.session.LabSession simulated = dev.clusterlab.views.session.SessionFiles.open(file.toString());
        assertThat(replay.kind()).isEqualTo(dev.clusterlab.views.session.LabSession.Kind.REPLAY);
        assertThat(simulated.kind()).isEqualTo(dev.clusterlab.views.session.LabSession.Kind.SIMULATED);
        assertThat(replay.topology()).isEqualTo(simulated.topology());
        simulated.advanceTo(replay.end());
        replay.seek(replay.end());
        assertThat(replay.frame().cluster()).isEqualTo(simulated.frame().cluster());
        assertThat(replay.frame().disks()).isEqualTo(simulated.frame().disks());
    }

    @Test
    void aTraceCanBePhotographedLikeAScenario() throws Exception {
        Path trace = dir.resolve("run.jsonl");
        assertThat(run(write(SCENARIO).toString(), "--trace", trace.toString())).isEqualTo(0);
        Path png = dir.resolve("replay.png");
        int code = new picocli.CommandLine(new dev.clusterlab.app.ClusterLab())
                .execute("snapshot", trace.toString(), "--at", "2s", "--out", png.toString(), "--size", "800x500");
        assertThat(code).isZero();
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    }
}
