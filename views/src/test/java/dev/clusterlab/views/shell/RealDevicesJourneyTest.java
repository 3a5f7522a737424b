package dev.clusterlab.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiConnector;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.testing.InProcessArray;
import dev.clusterlab.views.session.LabSession;
import java.time.Duration;
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
    private InProcessArray server;
    private LabShell shell;

    @Start
    void start(Stage stage) throws Exception {
        server = InProcessArray.start(4096);
        var scenario = ScenarioParser.parse("real.scenario", """
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

    private String identity() { return server.identity(); }

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
