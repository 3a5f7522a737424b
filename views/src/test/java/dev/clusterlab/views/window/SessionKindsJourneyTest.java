package dev.clusterlab.views.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.target.TargetEvent;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.LiveRecording;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The same window for the other kinds of session, headless: a live target whose initiators appear as
 * cards and lanes while the window is open, and the visible marker of a fork in a simulation.
 */
@ExtendWith(ApplicationExtension.class)
class SessionKindsJourneyTest {
    private static final String TARGET = "iqn.2026-11.dev.clusterlab:live";
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new StackPane(), 1400, 900));
        stage.show();
    }

    private LabWindow show(FxRobot robot, LabSession session) {
        LabWindow[] window = new LabWindow[1];
        robot.interact(() -> {
            window[0] = new LabWindow(new LabWindowViewModel(session));
            stage.setScene(window[0].scene(1400, 900));
        });
        return window[0];
    }

    @Test
    void initiatorsThatLogInToALiveTargetGetCardsAndLanes(FxRobot robot) throws Exception {
        AtomicLong now = new AtomicLong();
        LiveRecording live = new LiveRecording(now::get, List.of("shared"));
        LabWindow window = show(robot, LabSession.live(live, "Live: test"));
        assertThat(window.canvas().painter().topology().nodeNames()).isEmpty();

        InitiatorPort a = InitiatorPort.iscsi("iqn.1991-05.com.microsoft:node1.corp.local", 0x400001370000L);
        InitiatorPort b = InitiatorPort.iscsi("iqn.1991-05.com.microsoft:node2.corp.local", 0x400001370000L);
        for (InitiatorPort p : List.of(a, b)) live.targetEvents().accept(new TargetEvent.LoggedIn(p.displayName(), TARGET, "Normal", null));
        ItNexus nexus = new ItNexus(a, new TargetPort(1, TARGET + ",t,0x0001", 1));
        live.sink().append(new TimelineEvent.CommandStarted(1_000_000, "shared", nexus, 1, new byte[] {0x5e, 0, 0, 0, 0, 0, 0, 0x20, 0, 0}, new byte[0]));
        live.sink().append(new TimelineEvent.CommandCompleted(1_000_000, "shared", nexus, 1, ScsiStatus.GOOD, null, new byte[8]));
        now.set(2_000_000);
        // Paused, the window's own animation timer still takes in what arrives, four times a second.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().endSeconds() == 0.002);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.canvas().painter().topology().nodeNames()).containsExactly("node1", "node2");
        assertThat(window.model().endSeconds()).isEqualTo(0.002);
        assertThat(window.model().cursorSeconds()).isZero(); // paused: the cursor stays in the past
        robot.interact(() -> window.model().seek(2_000_000));
        assertThat(window.model().sequence().rows()).singleElement().isInstanceOfSatisfying(SequenceRow.Command.class, c -> {
            assertThat(c.node()).isEqualTo("node1");
            assertThat(c.text()).contains("PR IN READ KEYS");
        });
    }

    @Test
    void actingInThePastShowsWhereTheTimelineForked(FxRobot robot) throws Exception {
        LabWindow window = show(robot, LabSession.open(ScenarioSource.demo()));
        Label fork = robot.lookup("#fork-marker").queryAs(Label.class);
        assertThat(fork.isVisible()).isFalse();
        robot.interact(() -> window.model().seek(30_000_000_000L));
        robot.interact(() -> window.model().seek(3_000_000_000L));
        robot.interact(() -> {
            try {
                window.model().act("crash node-b");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(fork.isVisible()).isTrue();
        assertThat(fork.getText()).isEqualTo("⑂ forked at 3.000 s");
        robot.interact(() -> window.model().seek(25_000_000_000L));
        assertThat(window.model().runningOn("sql")).isEmpty(); // both nodes are down in the new future
        robot.clickOn(fork);
        assertThat(window.model().cursorSeconds()).isEqualTo(3.0);
    }
}
