package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.QuorumModel;

import dev.clusterlab.engine.timeline.PassthroughMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario format: a full example parses to the expected model (see FORMAT.md in assets). */
class ScenarioParserTest {

    static final Path EXAMPLE = Path.of("..", "assets", "src", "main", "resources", "dev", "clusterlab", "assets",
            "scenarios", "example.scenario");

    static String exampleText() throws IOException { return Files.readString(EXAMPLE, StandardCharsets.UTF_8); }

    @Test
    void exampleScenarioParsesIntoTheExpectedModel() throws Exception {
        Scenario s = ScenarioParser.parse("example.scenario", exampleText());

        assertThat(s.fileName()).isEqualTo("example.scenario");
        assertThat(s.title()).isEqualTo("WSFC owner power-off");
        assertThat(s.description()).isEqualTo("Two nodes share a data disk and a disk witness. The owner loses power;\n"
                + "the survivor preempts its key and brings SQL online.");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.policy()).isEqualTo(ArbitrationPolicy.WSFC_PR);
        assertThat(s.quorum()).isEqualTo(new QuorumSpec(QuorumModel.NODE_AND_DISK_MAJORITY, "witness"));
        assertThat(s.nodes()).containsExactly(new NodeSpec("node-a", 2), new NodeSpec("node-b", 2));
        assertThat(s.networks()).containsExactly(
                new NetworkSpec("cluster", Duration.ofMillis(1), Duration.ofNanos(200_000), 0),
                new NetworkSpec("client", Duration.ofMillis(2), Duration.ZERO, 0.005));
        assertThat(s.disks()).containsExactly(new DiskSpec("witness", 1L << 30), new DiskSpec("data", 10L << 30));
        assertThat(s.groups()).containsExactly(new GroupSpec("sql", "data", "node-a"));
        assertThat(s.params()).containsExactly(
                new ParamSetting(ScenarioParameter.HEARTBEAT_DELAY, 1_000_000_000L),
                new ParamSetting(ScenarioParameter.HEARTBEAT_THRESHOLD, 10),
                new ParamSetting(ScenarioParameter.ARBITRATION_INTERVAL, 3_000_000_000L));
        assertThat(s.param(ScenarioParameter.WATCHDOG_TIMEOUT)).isEqualTo(5_000_000_000L);

        List<Step> steps = s.steps();
        assertThat(steps).hasSize(9);
        Step.Command register = (Step.Command) steps.get(0);
        assertThat(register.at()).isEqualTo(Duration.ZERO);
        assertThat(register.line()).isEqualTo(20);
        assertThat(register.command().node()).isEqualTo("node-a");
        assertThat(register.command().kind()).isEqualTo(LabCommand.Kind.PR_OUT);
        assertThat(register.command().text()).isEqualTo("node-a --register --param-sark=a1");
        assertThat(((Step.Command) steps.get(1)).command().path()).isEqualTo("p2");
        assertThat(steps.subList(3, 8)).containsExactly(
                new Step.Fault(Duration.ofSeconds(5), new FaultAction.Passthrough("node-b", null, PassthroughMode.FAITHFUL), 23),
                new Step.Fault(Duration.ofSeconds(10), new FaultAction.Crash("node-a"), 24),
                new Step.Fault(Duration.ofMillis(12_500), new FaultAction.Cut("client", "node-a", "node-b"), 25),
                new Step.Fault(Duration.ofSeconds(15), new FaultAction.FailPath("node-b", "p1"), 26),
                steps.get(7));
        assertThat(((Step.Command) steps.get(7)).command().kind()).isEqualTo(LabCommand.Kind.PR_IN);
        assertThat(steps.get(8)).isEqualTo(new Step.Fault(Duration.ofMinutes(1), new FaultAction.Restart("node-a"), 28));

        assertThat(s.expectations()).containsExactly(
                new Expectation(Duration.ofSeconds(30), new Expectation.Owner("sql", "node-b"), 30),
                new Expectation(Duration.ofSeconds(30), new Expectation.Member("node-b", "node-b"), 31),
                new Expectation(Duration.ofMinutes(2), new Expectation.MonitorSilent(), 32),
                new Expectation(Duration.ofMinutes(2), new Expectation.Violations(Expectation.Comparison.EQUAL, 0), 33));
    }

    @Test
    void everyFaultVerbParsesIntoItsRecord() throws Exception {
        String text = ScenarioErrorsTest.HEAD + """
                at 1s: hang node-a
                at 1s: isolate node-b
                at 1s: cut cluster
                at 1s: heal cluster
                at 1s: heal cluster node-a node-b
                at 1s: restore-path node-a/p1
                at 1s: lu-reset data
                at 1s: bus-reset data
                at 1s: target-restart
                at 1s: passthrough node-a/p1 lossy
                at 1s: partition cluster node-b
                """;
        List<FaultAction> faults = ScenarioParser.parse("f", text).steps().stream()
                .map(st -> ((Step.Fault) st).action()).toList();
        assertThat(faults).containsExactly(new FaultAction.Hang("node-a"), new FaultAction.Isolate("node-b"),
                new FaultAction.Cut("cluster", null, null), new FaultAction.Heal("cluster", null, null),
                new FaultAction.Heal("cluster", "node-a", "node-b"), new FaultAction.RestorePath("node-a", "p1"),
                new FaultAction.LuReset("data"), new FaultAction.BusReset("data"), new FaultAction.TargetRestart(),
                new FaultAction.Passthrough("node-a", "p1", PassthroughMode.LOSSY),
                new FaultAction.Partition("cluster", List.of("node-b")));
    }

    @Test
    void namesMayBeUsedBeforeTheyAreDeclaredAndStepsMayShareATime() throws Exception {
        String text = """
                title: t
                policy: veritas
                quorum: disk-only witness=w
                group g disk=d owner=n1
                at 2s: crash n1
                at 2s: n1 tur
                expect by 1s: violations >= 1
                node n1
                disk d size=512
                disk w size=64K
                """;
        Scenario s = ScenarioParser.parse("f", text);
        assertThat(s.groups()).containsExactly(new GroupSpec("g", "d", "n1"));
        assertThat(s.seed()).isZero();
        assertThat(s.nodes()).containsExactly(new NodeSpec("n1", 1));
        assertThat(s.disks()).extracting(DiskSpec::sizeBytes).containsExactly(512L, 65_536L);
        assertThat(s.expectations().get(0).check()).isEqualTo(new Expectation.Violations(Expectation.Comparison.AT_LEAST, 1));
    }

    @Test
    void theBareWordSharedMakesAClusterSharedVolumeAndRunsIsAnExpectation() throws Exception {
        String text = """
                title: t
                policy: wsfc-pr
                quorum: node-majority
                node n1
                node n2
                disk d
                group csv disk=d owner=n1 shared
                expect by 5s: runs csv on n2
                """;
        Scenario s = ScenarioParser.parse("f", text);
        assertThat(s.groups()).containsExactly(new GroupSpec("csv", "d", "n1", true));
        assertThat(s.expectations().get(0).check()).isEqualTo(new Expectation.Runs("csv", "n2"));
    }

    @Test
    void windowsLineEndingsAndTabsAreAccepted() throws Exception {
        String text = "title: t\r\npolicy:\tfence-scsi\r\nquorum: node-majority\r\nnode\tn1\tpaths=3\r\n";
        Scenario s = ScenarioParser.parse("f", text);
        assertThat(s.policy()).isEqualTo(ArbitrationPolicy.FENCE_SCSI);
        assertThat(s.nodes().get(0).pathNames()).containsExactly("p1", "p2", "p3");
    }

    @Test
    void commandErrorsFromTheCommandLanguageAreReportedAtTheirColumnInTheFile() {
        String text = ScenarioErrorsTest.HEAD + "at 1s: node-a --bogus\n";
        assertThatThrownBy(() -> ScenarioParser.parse("f", text))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessage("f:10:15: unknown option '--bogus'");
    }

    private static final String SMALL = """
            title: t
            policy: wsfc-pr
            quorum: node-majority
            node a paths=2
            node b
            disk d size=1G
            """;

    @Test
    void anActionWithoutItsTimeParsesAgainstTheScenariosNames() throws Exception {
        Scenario s = ScenarioParser.parse("x", SMALL);
        Step crash = ScenarioParser.parseAction(s, java.time.Duration.ofMillis(2500), "crash b", "console");
        assertThat(crash).isEqualTo(new Step.Fault(java.time.Duration.ofMillis(2500), new FaultAction.Crash("b"), 0));
        Step cmd = ScenarioParser.parseAction(s, java.time.Duration.ofSeconds(1), "  a/p2 --read-keys d  ", "console");
        assertThat(cmd).isInstanceOfSatisfying(Step.Command.class, c -> {
            assertThat(c.command().node()).isEqualTo("a");
            assertThat(c.command().path()).isEqualTo("p2");
            assertThat(c.command().disk()).isEqualTo("d");
        });
        // A scenario without networks still has the 'cluster' heartbeat network.
        assertThat(ScenarioParser.parseAction(s, java.time.Duration.ZERO, "cut cluster", "console"))
                .isEqualTo(new Step.Fault(java.time.Duration.ZERO, new FaultAction.Cut("cluster", null, null), 0));
    }

    @Test
    void anActionsErrorsPointIntoTheActionsOwnText() throws Exception {
        Scenario s = ScenarioParser.parse("x", SMALL);
        assertThatThrownBy(() -> ScenarioParser.parseAction(s, java.time.Duration.ZERO, "crash z", "console"))
                .isInstanceOf(ScenarioSyntaxException.class).hasMessage("console:1:7: unknown node 'z'; declared nodes: a, b");
        assertThatThrownBy(() -> ScenarioParser.parseAction(s, java.time.Duration.ZERO, "a/p3 --read-keys", "console"))
                .isInstanceOf(ScenarioSyntaxException.class).hasMessageStartingWith("console:1:3: node a has no path 'p3'");
        assertThatThrownBy(() -> ScenarioParser.parseAction(s, java.time.Duration.ZERO, "", "console"))
                .isInstanceOf(ScenarioSyntaxException.class).hasMessageStartingWith("console:1:1: expected a command");
    }

    @Test
    void scenarioTextWritesTimesExactly() {
        assertThat(Durations.scenarioText(12_000_000_000L)).isEqualTo("12s");
        assertThat(Durations.scenarioText(5_500_000_000L)).isEqualTo("5.5s");
        assertThat(Durations.scenarioText(1_000_250_000L)).isEqualTo("1.00025s");
        assertThat(Durations.scenarioText(0)).isEqualTo("0s");
        assertThat(Durations.scenarioText(7)).isEqualTo("0.000000007s");
    }
}
