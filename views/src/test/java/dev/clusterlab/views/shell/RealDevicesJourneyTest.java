package dev.clusterlab.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiConnector;
import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.views.session.LabSession;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Devices > Real devices and arming (Ctrl+D), headless: the identity must be typed before the disk is armed. */
@ExtendWith(ApplicationExtension.class)
class RealDevicesJourneyTest {
    private static final String TARGET = "iqn.2026-11.dev.clusterlab:array";
    private IscsiTargetServer server;
    private LabShell shell;

    @Start
    void start(Stage stage) throws Exception {
        server = IscsiTargetServer.start(List.of(new TargetDefinition(TARGET,
                List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 0)))),
                List.of(new LunDefinition("lun0", new MemoryBlockStore(512, 4096), AptplStore.NONE)), null, null, Set.of())),
                TargetLimits.DEFAULT, e -> { }, e -> { });
        var scenario = ScenarioParser.parse("real.scenario", """
                title: real data disk
                policy: wsfc-pr
                quorum: node-majority
                node node-a
                node node-b
                disk data url=iscsi://127.0.0.1:%d/%s/0
                group sql disk=data owner=node-a
                """.formatted(server.boundAddresses().get(0).getPort(), TARGET));
        RealDevices devices = new RealDevices(DeviceConnector.firstOf(new IscsiConnector(
                InitiatorSettings.DEFAULT.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)))), new Arming(), new AuditLog.InMemory());
        shell = new LabShell(LabShellViewModel.of(LabSession.open(scenario, 1, null, devices)));
        stage.setScene(shell.scene(1400, 900));
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> {
            shell.model().session().close();
            shell.dispose();
        });
        server.close();
    }

    private String identity() { return "naa." + HexFormat.of().formatHex(server.logicalUnit(TARGET, 0).identity().naa()); }

    @Test
    void typingTheIdentityArmsTheDiskAndTheCanvasSaysSo(FxRobot robot) {
        assertThat(shell.model().window().frame().armed("data")).isFalse();
        robot.press(KeyCode.CONTROL).press(KeyCode.D).release(KeyCode.D).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#real-devices-dialog").tryQuery()).as("Ctrl+D opens the dialog").isPresent();

        robot.clickOn("#arm-identity-data").write("naa.0000");
        robot.clickOn("#arm-data");
        assertThat(robot.lookup("#devices-status").queryAs(Label.class).getText()).contains("nothing was armed");
        assertThat(shell.model().session().realDisks().get(0).armed()).isFalse();

        robot.clickOn("#arm-identity-data").write(identity());
        robot.clickOn("#arm-data");
        assertThat(robot.lookup("#devices-status").queryAs(Label.class).getText()).contains("is armed");
        robot.type(KeyCode.ESCAPE); // closes the dialog, which redraws the canvas
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.model().window().frame().armed("data")).isTrue();
    }
}
