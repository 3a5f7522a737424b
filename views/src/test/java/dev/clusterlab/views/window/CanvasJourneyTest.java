package dev.clusterlab.views.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.views.canvas.CanvasTarget;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Journeys that drive the cluster canvas with the mouse and keyboard, headless (Monocle): crash a
 * node from its context menu and watch the failover, cut the heartbeat link and watch the partition,
 * switch a path to lossy and watch the integrity monitor fire, and click a disk to read its history.
 * Assertions read the view model, never pixels.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasJourneyTest {
    private Stage stage;
    private LabWindow window;

    @Start
    void start(Stage stage) { this.stage = stage; }

    private void open(FxRobot robot, Scenario scenario) throws Exception {
        robot.interact(() -> {
            window = new LabWindow(new LabWindowViewModel(LabSession.open(scenario)));
            stage.setScene(window.scene(1400, 900));
            stage.show();
            stage.toFront();
            stage.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close(FxRobot robot) {
        if (window == null) return;
        robot.interact(() -> window.dispose());
    }

    private LabWindowViewModel model() { return window.model(); }

    /** Where {@code target} is drawn, on the screen. */
    private Point2D onScreen(CanvasTarget target) {
        return window.canvas().localToScreen(window.canvas().centreOf(target));
    }

    private void play(FxRobot robot, double speed) {
        ComboBox<?> box = robot.lookup("#speed").queryAs(ComboBox.class);
        robot.interact(() -> box.getSelectionModel().select(LabWindowViewModel.SPEEDS.indexOf(speed)));
        robot.interact(() -> { if (!model().playingProperty().get()) model().togglePlay(); });
    }

    @Test
    void crashingTheOwnerFromItsContextMenuMovesTheGroupToNodeB(FxRobot robot) throws Exception {
        open(robot, ScenarioSource.demo());
        robot.interact(() -> model().seekSeconds(2));
        robot.moveTo(onScreen(new CanvasTarget.Node("node-a"))).clickOn(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().selection()).isEqualTo(new CanvasTarget.Node("node-a"));
        assertThat(window.canvasActions().menu().isShowing()).isTrue();
        robot.clickOn("Crash node-a (power off)   [C]");

        assertThat(model().session().actions()).singleElement().satisfies(a -> assertThat(a.text()).isEqualTo("crash node-a"));
        assertThat(model().frame().cluster().node("node-a")).isEqualTo(dev.clusterlab.engine.timeline.NodeState.DOWN);
        play(robot, 50.0);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model().runningOn("sql").equals(List.of("node-b")));
        robot.interact(() -> model().playingProperty().set(false));
        // Crashed at 2 s instead of the script's 5.5 s, node-b takes over sooner than the script's 22 s
        // (looked up at 20 s: a headless frame can move the cursor by seconds at 50x).
        robot.interact(() -> model().seekSeconds(20));
        assertThat(model().runningOn("sql")).containsExactly("node-b");
    }

    @Test
    void theCKeyCrashesTheSelectedNode(FxRobot robot) throws Exception {
        open(robot, ScenarioSource.demo());
        robot.moveTo(onScreen(new CanvasTarget.Node("node-b"))).clickOn(MouseButton.PRIMARY);
        assertThat(window.canvas().isFocused()).isTrue();
        robot.type(KeyCode.C);
        assertThat(model().frame().cluster().node("node-b")).isEqualTo(dev.clusterlab.engine.timeline.NodeState.DOWN);
        robot.type(KeyCode.R);
        assertThat(model().frame().cluster().node("node-b")).isEqualTo(dev.clusterlab.engine.timeline.NodeState.UP);
        assertThat(model().session().actions()).extracting(a -> a.text()).containsExactly("crash node-b", "restart node-b");
    }

    @Test
    void cuttingTheLinkOnTheCanvasPartitionsTheCluster(FxRobot robot) throws Exception {
        open(robot, ScenarioSource.demo());
        robot.interact(() -> model().seekSeconds(1));
        CanvasTarget link = new CanvasTarget.Link("cluster", "node-a", "node-b");
        robot.moveTo(onScreen(link)).clickOn(MouseButton.PRIMARY);
        assertThat(window.canvas().selection()).isEqualTo(link);
        robot.type(KeyCode.X);

        assertThat(model().frame().links().isCut("cluster", "node-a", "node-b")).isTrue();
        assertThat(model().logProperty().get()).contains("link node-a <-> node-b cut");
        assertThat(model().session().actions()).extracting(a -> a.text()).containsExactly("cut cluster node-a node-b");
        play(robot, 50.0);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> List.of("node-b").equals(model().frame().cluster().view("node-b")));
        robot.interact(() -> model().playingProperty().set(false));
        assertThat(model().frame().cluster().view("node-b")).as("node-b removed node-a: a partition").doesNotContain("node-a");
    }

    @Test
    void switchingTheHungOwnersPathToLossyLetsItsWritesThroughAndTheMonitorFires(FxRobot robot) throws Exception {
        open(robot, ScenarioSource.load("kvm-hang-faithful"));
        robot.interact(() -> model().seekSeconds(2));
        CanvasTarget p1 = new CanvasTarget.Path("node-a", "p1");
        robot.moveTo(onScreen(p1)).clickOn(MouseButton.SECONDARY);
        assertThat(window.canvas().selection()).isEqualTo(p1);
        robot.clickOn("Passthrough lossy (conflicts become I/O errors, unit attentions vanish)   [L]");
        assertThat(model().frame().cluster().passthrough("node-a", "p1")).isEqualTo(PassthroughMode.LOSSY);
        assertThat(model().frame().cluster().violations()).isZero();

        play(robot, 50.0);
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> model().frame().cluster().violations() > 0);
        robot.interact(() -> model().playingProperty().set(false));
        assertThat(model().frame().cluster().violations()).isPositive();
    }

    @Test
    void clickingADiskShowsItsRegistrantsAndReservationHistory(FxRobot robot) throws Exception {
        open(robot, ScenarioSource.demo());
        robot.interact(() -> model().seekSeconds(25));
        robot.moveTo(onScreen(new CanvasTarget.Disk("data"))).clickOn(MouseButton.PRIMARY);
        assertThat(model().selectedDisk()).isEqualTo("data");
        assertThat(window.inspector().registrants().getItems()).isNotEmpty().allSatisfy(r -> assertThat(r.nexus()).startsWith("node-b/"));
        assertThat(window.inspector().history().getItems()).anySatisfy(r -> {
            assertThat(r.action()).startsWith("PR OUT PREEMPT");
            assertThat(r.who()).startsWith("node-b/");
        });
        Point2D corner = window.canvas().localToScreen(4, window.canvas().getHeight() - 4); // the background
        robot.moveTo(corner).clickOn(MouseButton.PRIMARY);
        assertThat(window.canvas().selection()).isNull();
        assertThat(model().selectedDisk()).isNull();
        assertThat(window.inspector().history().getItems()).isEmpty();
    }

    @Test
    void tabWalksTheSelectionAndShiftF10OpensItsMenu(FxRobot robot) throws Exception {
        open(robot, ScenarioSource.demo());
        robot.interact(() -> window.canvas().requestFocus());
        robot.type(KeyCode.TAB);
        assertThat(window.canvas().selection()).isEqualTo(new CanvasTarget.Node("node-a"));
        robot.type(KeyCode.TAB);
        assertThat(window.canvas().selection()).isEqualTo(new CanvasTarget.Path("node-a", "p1"));
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertThat(window.canvas().selection()).isEqualTo(new CanvasTarget.Node("node-a"));
        assertThat(window.canvas().isFocused()).isTrue();
        robot.press(KeyCode.SHIFT).type(KeyCode.F10).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvasActions().menu().isShowing()).isTrue();
        assertThat(window.canvasActions().menu().getItems()).anySatisfy(i -> assertThat(i.getText()).startsWith("Hang node-a"));
        robot.type(KeyCode.ESCAPE);
    }
}
