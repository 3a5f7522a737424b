package dev.clusterlab.views.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiConnector;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.testing.InProcessArray;
import dev.clusterlab.views.session.LabSession;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A lab session on a real disk (ClusterLab's own target on loopback standing in for an array): arming and its limits. */
class RealDevicesViewModelTest {
    private InProcessArray server;
    private LabSession session;
    private RealDevicesViewModel model;

    @BeforeEach
    void open() throws Exception {
        server = InProcessArray.start(4096);
        Scenario s = ScenarioParser.parse("real.scenario", """
                title: real data disk
                policy: wsfc-pr
                quorum: node-majority
                node node-a
                node node-b
                disk data url=%s
                group sql disk=data owner=node-a
                """.formatted(server.url()));
        RealDevices devices = new RealDevices(DeviceConnector.firstOf(new IscsiConnector(
                InitiatorSettings.DEFAULT.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)))), new Arming(), new AuditLog.InMemory());
        session = LabSession.open(s, 1, null, devices);
        model = new RealDevicesViewModel(session);
    }

    @AfterEach
    void close() {
        session.close();
        server.close();
    }

    private String identity() { return server.identity(); }

    @Test
    void theDialogListsTheRealDiskWithItsIdentityAndPaths() {
        assertThat(model.rows()).singleElement().satisfies(r -> {
            assertThat(r.disk()).isEqualTo("data");
            assertThat(r.identity()).isEqualTo(identity());
            assertThat(r.armed()).isFalse();
            assertThat(r.paths()).hasSize(2).allMatch(p -> p.contains("[read-only]"));
        });
    }

    @Test
    void armingNeedsTheIdentityTyped() {
        assertThat(model.arm("data", "", false).armed()).isFalse();
        assertThat(model.arm("data", "naa.0123", false)).satisfies(o -> {
            assertThat(o.armed()).isFalse();
            assertThat(o.message()).contains("nothing was armed");
        });
        assertThat(model.rows().get(0).armed()).isFalse();
        assertThat(model.arm("data", identity().toUpperCase().replace("NAA.", "naa."), false).armed()).isTrue();
        assertThat(model.rows().get(0).armed()).isTrue();
        assertThat(session.frame().armed("data")).as("the canvas shows it armed").isTrue();
        model.disarm("data");
        assertThat(model.rows().get(0).armed()).isFalse();
    }

    @Test
    void anArmedSessionChangesTheArrayAndTheCanvasShowsTheArraysAnswer() throws Exception {
        model.arm("data", identity(), true);
        session.act("node-b --register --param-sark=b1 data");
        assertThat(server.logicalUnit().reservations().snapshot().registrants())
                .anyMatch(r -> r.key() == 0xb1 && r.initiator().displayName().contains(":node-b,i,0x"));
        assertThat(session.frame().disks().reservation("data").registrants()).anyMatch(r -> r.key() == 0xb1);
    }

    @Test
    void aRealSessionCannotForkThePast() throws Exception {
        model.arm("data", identity(), false);
        session.seek(3_000_000_000L);
        session.act("node-b --read-keys data");
        session.seek(1_000_000_000L);
        assertThatThrownBy(() -> session.act("node-b --read-keys data")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be rewound");
    }
}
