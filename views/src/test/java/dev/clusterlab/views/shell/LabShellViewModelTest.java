package dev.clusterlab.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scenario.Step;
import dev.clusterlab.engine.timeline.TraceWriter;
import dev.clusterlab.views.console.ConsoleViewModel;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.Map;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's view model, without the toolkit: open, run, reset, open a file, save the session as a scenario. */
class LabShellViewModelTest {
    @TempDir Path dir;

    private final LabShellViewModel shell;

    LabShellViewModelTest() throws Exception {
        shell = LabShellViewModel.onShipped("wsfc-owner-power-off");
    }

    @Test
    void openingAShippedScenarioReplacesTheSession() {
        LabWindowViewModel before = shell.window();
        assertThat(shell.open("kvm-hang-faithful")).isTrue();
        assertThat(shell.window()).isNotSameAs(before);
        assertThat(shell.session().scenario().title()).startsWith("KVM lesson (faithful passthrough)");
        assertThat(shell.titleProperty().get()).isEqualTo("ClusterLab - " + shell.session().scenario().title());
        assertThat(shell.problems()).isEmpty();
    }

    @Test
    void runningOpensAndPlays() {
        assertThat(shell.run("kvm-hang-lossy")).isTrue();
        assertThat(shell.window().playingProperty().get()).isTrue();
    }

    @Test
    void anUnknownNameIsAProblemAndKeepsTheSession() {
        LabWindowViewModel before = shell.window();
        assertThat(shell.open("no-such-thing")).isFalse();
        assertThat(shell.window()).isSameAs(before);
        assertThat(shell.problems()).singleElement().asString().contains("no-such-thing");
    }

    @Test
    void resetDiscardsTheUsersActions() throws Exception {
        shell.window().seekSeconds(3.25);
        shell.window().act("crash node-b");
        assertThat(shell.session().actions()).hasSize(1);
        shell.reset();
        assertThat(shell.session().actions()).isEmpty();
        assertThat(shell.session().cursor()).isZero();
        assertThat(shell.session().scenario().title()).isEqualTo("WSFC owner power-off");
    }

    @Test
    void aBadFileIsReportedWithFileLineAndColumnAndChangesNothing() throws IOException {
        Path bad = dir.resolve("bad.scenario");
        Files.writeString(bad, "title: broken\npolicy: wsfc-pr\nquorum: node-majority\nnode node-a\nat 1s: explode node-a\n");
        LabWindowViewModel before = shell.window();
        assertThat(shell.openFile(bad)).isFalse();
        assertThat(shell.window()).isSameAs(before);
        assertThat(shell.problems()).singleElement().asString().startsWith(bad + ":5:");
    }

    @Test
    void aMissingFileIsReportedNotThrown() {
        assertThat(shell.openFile(dir.resolve("nowhere.scenario"))).isFalse();
        assertThat(shell.problems()).singleElement().asString().startsWith("cannot open");
    }

    @Test
    void aSavedSessionReopensAndReplaysTheUsersActions() throws Exception {
        shell.window().seekSeconds(10.25); // between the cluster's once-a-second events
        shell.window().act("node-b --read-keys data");
        shell.window().seekSeconds(12.25);
        shell.window().act("cut cluster");
        Path saved = dir.resolve(shell.suggestedFileName());
        assertThat(saved.getFileName().toString()).isEqualTo("wsfc-owner-power-off-lab.scenario");
        assertThat(shell.saveAs(saved)).isTrue();
        assertThat(Files.readString(saved)).contains("at 10.25s: node-b --read-keys data").contains("at 12.25s: cut cluster");

        assertThat(shell.openFile(saved)).isTrue();
        assertThat(shell.problems()).isEmpty();
        assertThat(shell.source().file()).isEqualTo(saved);
        assertThat(shell.session().scenario().steps()).anySatisfy(s -> {
            assertThat(s).isInstanceOf(Step.Command.class);
            assertThat(s.at().toMillis()).isEqualTo(10_250);
        });
        shell.window().seekSeconds(13);
        assertThat(shell.window().sequence().rows()).as("the saved action, replayed at its time")
                .anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(SequenceRow.Command.class, c -> {
                    assertThat(c.time()).isEqualTo(10_250_000_000L);
                    assertThat(c.node()).isEqualTo("node-b");
                    assertThat(c.label()).contains("READ KEYS");
                }));
        assertThat(shell.window().frame().links().anyCut("node-a", "node-b")).isTrue();
        assertThat(shell.titleProperty().get()).endsWith("(wsfc-owner-power-off-lab.scenario)");
    }

    @Test
    void aTraceFileOpensAsAReplayThatCannotBeSavedOrActedOn() throws Exception {
        Scenario demo = ScenarioSource.demo();
        Path trace = dir.resolve("demo.jsonl");
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(trace), Map.of("scenario", demo.fileName(), "title", demo.title()))) {
            ScenarioRunner.run(demo, null, 30_000_000_000L, w, new ScenarioRunner.Listener() { });
        }
        assertThat(shell.openFile(trace)).isTrue();
        assertThat(shell.session().kind()).isEqualTo(LabSession.Kind.REPLAY);
        assertThat(shell.titleProperty().get()).contains("Replay of WSFC owner power-off").endsWith("(demo.jsonl)");
        assertThat(new ConsoleViewModel(shell.window()).canAct()).isFalse();
        assertThat(shell.saveAs(dir.resolve("x.scenario"))).isFalse();
        assertThat(shell.problems()).singleElement().asString().startsWith("cannot save");
        shell.reset();
        assertThat(shell.session().kind()).as("a trace re-opens from its start").isEqualTo(LabSession.Kind.REPLAY);
    }

    @Test
    void theSourceOfASessionOpenedElsewhereIsReadOffItsScenario() {
        LabShellViewModel of = LabShellViewModel.of(shell.session());
        assertThat(of.source().name()).isEqualTo("wsfc-owner-power-off");
        assertThat(of.source().file()).isNull();
        assertThat(of.suggestedFileName()).isEqualTo("wsfc-owner-power-off.scenario");
    }

    @Test
    void aSavedTraceReopensAsAReplayWithTheSamePictureAtEveryTime(@TempDir Path dir) throws Exception {
        LabSession session = shell.session();
        session.advanceTo(8_000_000_000L);
        session.act("node-b --read-keys data"); // the user's action is part of what was recorded
        session.advanceTo(30_000_000_000L);
        Path trace = dir.resolve("saved.jsonl.gz");
        assertThat(shell.saveTrace(trace)).as(shell.problems().toString()).isTrue();

        assertThat(shell.openFile(trace)).as(shell.problems().toString()).isTrue();
        LabSession replay = shell.session();
        assertThat(replay.kind()).isEqualTo(LabSession.Kind.REPLAY);
        assertThat(replay.topology()).isEqualTo(session.topology());
        for (long t = 0; t <= 30_000_000_000L; t += 500_000_000L) {
            session.seek(t);
            replay.seek(t);
            assertThat(replay.frame().cluster()).as("cluster at %d ms", t / 1_000_000).isEqualTo(session.frame().cluster());
            assertThat(replay.frame().disks()).as("disks at %d ms", t / 1_000_000).isEqualTo(session.frame().disks());
            assertThat(replay.frame().recentCommands()).as("commands at %d ms", t / 1_000_000).isEqualTo(session.frame().recentCommands());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial file left behind").containsExactly("saved.jsonl.gz");
        }
    }

    @Test
    void aTraceThatCannotBeWrittenIsAProblemAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path blocked = dir.resolve("not-a-dir");
        Files.writeString(blocked, "a file where a directory should be");
        assertThat(shell.saveTrace(blocked.resolve("x.jsonl"))).isFalse();
        assertThat(shell.problems()).last().asString().startsWith("cannot save the trace");
    }
}
