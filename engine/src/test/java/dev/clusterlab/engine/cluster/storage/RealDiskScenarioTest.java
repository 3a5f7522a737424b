package dev.clusterlab.engine.cluster.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import dev.clusterlab.engine.device.guard.AuditRecord;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiConnector;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.testing.InProcessArray;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Passthrough into the lab: a WSFC scenario whose data disk is a real iSCSI LU (ClusterLab's own
 * target on loopback, standing in for an array) while the witness stays simulated — a mixed cluster.
 */
class RealDiskScenarioTest {
    private InProcessArray server;
    private final Arming arming = new Arming();
    private final AuditLog.InMemory audit = new AuditLog.InMemory();
    private RealDevices devices;

    @BeforeEach
    void startArray() throws Exception {
        server = InProcessArray.start(1 << 16);
        InitiatorSettings quick = InitiatorSettings.DEFAULT.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
        devices = new RealDevices(DeviceConnector.firstOf(new IscsiConnector(quick)), arming, audit);
    }

    @AfterEach
    void stopArray() { server.close(); }

    private LogicalUnit array() { return server.logicalUnit(); }

    private String arrayIdentity() { return server.identity(); }

    private Scenario scenario() throws ScenarioSyntaxException {
        return ScenarioParser.parse("real-data.scenario", """
                title: owner power-off on a real data disk
                seed: 1
                policy: wsfc-pr
                quorum: node-and-disk-majority witness=witness
                node node-a paths=2
                node node-b paths=2
                disk witness size=1G
                disk data url=%s
                group sql disk=data owner=node-a
                at 5.5s: crash node-a
                expect by 15s: holder data = node-a
                expect by 30s: holder data = node-b
                expect by 30s: owner sql = node-b
                """.formatted(server.url()));
    }

    private ScenarioRun run(Timeline timeline) throws ScenarioSyntaxException {
        return ScenarioRunner.run(scenario(), null, Duration.ofSeconds(30).toNanos(), timeline, new ScenarioRunner.Listener() { },
                sim -> { }, devices);
    }

    @Test
    void unarmedRealDiskIsNeverChangedAndTheRefusalsAreNarrated() throws Exception {
        Timeline timeline = new Timeline();
        run(timeline);
        assertThat(array().reservations().snapshot().registrants()).as("nothing reached the array").isEmpty();
        assertThat(audit.records()).isNotEmpty().allMatch(r -> r.phase().equals("refused"));
        assertThat(timeline.all()).filteredOn(TimelineEvent.ClusterLog.class::isInstance)
                .map(e -> ((TimelineEvent.ClusterLog) e).text())
                .anyMatch(t -> t.contains("safety guard refused") && t.contains("--arm " + arrayIdentity()));
    }

    @Test
    void armedRealDiskFailsOverLikeTheSimulatedOne() throws Exception {
        arming.arm(arrayIdentity(), true);
        Timeline timeline = new Timeline();
        ScenarioRun result = run(timeline);

        assertThat(result.expectations()).allMatch(ScenarioRun.ExpectationResult::held, "every expectation holds");
        ReservationSnapshot onArray = array().reservations().snapshot();
        assertThat(onArray.reserved()).isTrue();
        assertThat(onArray.registrants()).filteredOn(ReservationSnapshot.Registrant::holder)
                .allMatch(r -> r.initiator().displayName().startsWith("iqn.2026-11.dev.clusterlab:node-b,i,0x"));
        assertThat(audit.records()).extracting(AuditRecord::phase).contains("sending", "completed").doesNotContain("refused");
    }

    @Test
    void theTimelineShowsTheArraysAnswersUnderTheNodesNames() throws Exception {
        arming.arm(arrayIdentity(), false);
        Timeline timeline = new Timeline();
        java.util.concurrent.atomic.AtomicReference<dev.clusterlab.engine.cluster.ClusterSimulation> sim = new java.util.concurrent.atomic.AtomicReference<>();
        ScenarioRunner.run(scenario(), null, Duration.ofSeconds(30).toNanos(), timeline, new ScenarioRunner.Listener() { }, sim::set, devices);
        List<TimelineEvent.ReservationChanged> changes = timeline.ofType(TimelineEvent.ReservationChanged.class).stream()
                .filter(c -> c.lu().equals("data")).toList();
        assertThat(changes).isNotEmpty();
        ReservationSnapshot last = changes.get(changes.size() - 1).after();
        ReservationSnapshot onArray = array().reservations().snapshot();
        assertThat(last.generation()).isEqualTo(onArray.generation());
        assertThat(last.reservationType()).isEqualTo(onArray.reservationType());
        assertThat(last.registrants()).extracting(ReservationSnapshot.Registrant::key, ReservationSnapshot.Registrant::holder)
                .containsExactlyInAnyOrderElementsOf(onArray.registrants().stream()
                        .map(r -> org.assertj.core.groups.Tuple.tuple(r.key(), r.holder())).toList());
        assertThat(last.registrants()).allSatisfy(r -> assertThat(sim.get().fabric().describe(r.initiator()))
                .as("registrant %s is a lab node path", r.initiator()).matches("node-[ab]/p[12]"));
        assertThat(timeline.all()).filteredOn(TimelineEvent.CommandCompleted.class::isInstance)
                .map(e -> ((TimelineEvent.CommandCompleted) e).lu()).contains("data", "witness");
    }

    @Test
    void anUnreachableRealDiskFailsTheBuildNamingDiskPathAndUrl() throws Exception {
        Scenario s = scenario();
        server.close();
        assertThatThrownBy(() -> ScenarioRunner.run(s, null, 1L, new Timeline(), new ScenarioRunner.Listener() { }, sim -> { }, devices))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk data").hasMessageContaining("node-a/p1").hasMessageContaining("iscsi://127.0.0.1");
    }

    @Test
    void withoutRealDevicesTheScenarioSaysHowToRunIt() throws Exception {
        Scenario s = scenario();
        assertThatThrownBy(() -> ScenarioRunner.run(s, null, 1L, new Timeline(), new ScenarioRunner.Listener() { }))
                .hasMessageContaining("clusterlab run");
    }
}
