package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.testing.Tgtd;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab's passthrough against another vendor's target: a WSFC cluster whose data disk is a tgtd
 * LUN (the witness stays simulated) fails over with tgt deciding every reservation command.
 */
class LabOnTgtdTest {
    private static final String ARRAY = "iqn.2026-11.dev.clusterlab.interop:lab-array";
    private static Tgtd tgtd;

    @BeforeAll
    static void startTgtd() throws Exception {
        tgtd = Tgtd.start(3440, 3499);
        tgtd.target(1, ARRAY, 64L << 20);
    }

    @AfterAll
    static void stopTgtd() throws Exception {
        if (tgtd != null) tgtd.close();
    }

    @Test
    void aWsfcClusterFailsOverOnATgtdLun() throws Exception {
        Arming arming = new Arming();
        RealDevices devices = new RealDevices(DeviceConnector.firstOf(new IscsiConnector(OwnTarget.settings())), arming,
                new AuditLog.InMemory());
        var scenario = ScenarioParser.parse("tgtd.scenario", """
                title: owner power-off, data disk on tgtd
                seed: 1
                policy: wsfc-pr
                quorum: node-and-disk-majority witness=witness
                node node-a paths=2
                node node-b paths=2
                disk witness
                disk data url=iscsi://127.0.0.1:%d/%s/1
                group sql disk=data owner=node-a
                at 5.5s: crash node-a
                expect by 15s: holder data = node-a
                expect by 30s: holder data = node-b
                expect by 30s: owner sql = node-b
                """.formatted(tgtd.port(), ARRAY));
        // Arm what tgtd says its LU is: read through the lab's own identification, as `clusterlab devices` does.
        try (IscsiSession probe = IscsiSession.open(tgtd.address(), ARRAY, 1, OwnTarget.node("probe"), OwnTarget.settings())) {
            arming.arm(dev.clusterlab.engine.device.DeviceIdentification.read(probe).name(), true);
        }
        Timeline timeline = new Timeline();
        AtomicReference<ClusterSimulation> sim = new AtomicReference<>();
        ScenarioRun run = ScenarioRunner.run(scenario, null, Duration.ofSeconds(30).toNanos(), timeline,
                new ScenarioRunner.Listener() { }, sim::set, devices);

        assertThat(run.expectations()).allSatisfy(e -> assertThat(e.held()).as(e.expectation() + ": " + e.observed()).isTrue());
        // tgt has no READ FULL STATUS: the lab fell back to READ KEYS + READ RESERVATION and still named the holder's path.
        assertThat(timeline.ofType(TimelineEvent.ReservationChanged.class)).filteredOn(c -> c.lu().equals("data"))
                .last().satisfies(c -> assertThat(c.after().registrants()).filteredOn(r -> r.holder())
                        .allSatisfy(r -> assertThat(sim.get().fabric().describe(r.initiator())).startsWith("node-b/")));
    }
}
