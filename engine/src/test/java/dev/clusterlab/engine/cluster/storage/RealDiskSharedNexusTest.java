package dev.clusterlab.engine.cluster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.device.SimulatedDevice;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A local device node (sg://) is one host port, so every node on the host shares its I_T nexus —
 * and so does the lab's observer. Stand-in: a simulated LU that every open reaches through one nexus.
 */
class RealDiskSharedNexusTest {
    private final LogicalUnit lu = TestLus.small();
    private final DeviceConnector hostPort = new DeviceConnector() {
        @Override
        public OpenedDevice open(DeviceUrl url, String initiatorName, int path) {
            SimulatedDevice d = new SimulatedDevice(lu, TestLus.A1);
            return new OpenedDevice() {
                @Override public ScsiResponse execute(ScsiRequest request) { return d.execute(request); }
                @Override public String describe() { return "host0 " + url; }
                @Override public String initiatorPortName() { return "host0 (" + url + ")"; }
                @Override public void close() { }
            };
        }

        @Override public boolean handles(DeviceUrl url) { return url instanceof DeviceUrl.Sg; }
    };

    private ClusterSimulation build(Timeline timeline) {
        return ClusterSimulation.builder().timeline(timeline)
                .node("node-a", 1).node("node-b", 1).network("cluster", 0, 0, 0)
                .realDisk("data", DiskRole.DATA, new DeviceUrl.Sg("/dev/sg3"), Map.of())
                .realDevices(new RealDevices(hostPort, new Arming(), new AuditLog.InMemory()))
                .build();
    }

    @Test
    void nodesSharingOneDeviceNodeAreWarnedAbout() {
        Timeline timeline = new Timeline();
        build(timeline);
        assertThat(timeline.ofType(TimelineEvent.ClusterLog.class)).map(TimelineEvent.ClusterLog::text)
                .anyMatch(t -> t.contains("node-a/p1, node-b/p1 all reach data through sg:///dev/sg3, one I_T nexus"));
    }

    @Test
    void aUnitAttentionTheObserverReceivesIsDeliveredToTheNextNodeCommand() {
        lu.execute(TestLus.A1, new ScsiRequest(Cdbs.testUnitReady(), null, 0)); // the host port is known to the device
        lu.powerOn(); // a unit attention for every known nexus, the shared one included
        Timeline t = new Timeline();
        ClusterSimulation sim = build(t); // the observer's first PR IN meets it
        assertThat(lu.unitAttentions().take(TestLus.A1)).as("the device has handed it over already").isNull();

        IoOutcome outcome = sim.issue("node-b", "p1", "data", new ScsiRequest(Cdbs.testUnitReady(), null, 0));

        // node-b's stack saw the attention first (and retried, as the sd driver does), then GOOD.
        assertThat(t.ofType(TimelineEvent.CommandCompleted.class)).filteredOn(c -> c.lu().equals("data"))
                .extracting(c -> c.status() == ScsiStatus.CHECK_CONDITION ? "UA " + Integer.toHexString(c.sense().additional().asc())
                        : c.status().label())
                .containsExactly("UA 29", "GOOD");
        assertThat(((IoOutcome.Completed) outcome).response().status()).isEqualTo(ScsiStatus.GOOD);
    }
}
