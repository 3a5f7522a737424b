package dev.clusterlab.views.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Journeys through the demo window, headless (Monocle): A owns the disk, the failover to B while it
 * plays, and the rewind that shows A again. Assertions read the view model and the controls found by
 * id, never pixels.
 */
@ExtendWith(ApplicationExtension.class)
class LabWindowJourneyTest {
    private LabWindow window;

    @Start
    void start(Stage stage) {
        window = new LabWindow(new LabWindowViewModel(LabSession.open(ScenarioSource.demo())));
        stage.setScene(window.scene(1400, 900));
        stage.show();
        stage.toFront();
        stage.requestFocus(); // JavaFX 20+ no longer focuses a new stage headless (TestFX#749)
    }

    @AfterEach
    void stop() { window.dispose(); }

    private LabWindowViewModel model() { return window.model(); }

    @Test
    void theDemoOpensWithNodeAOwningTheDataDisk(FxRobot robot) {
        assertThat(model().runningOn("sql")).containsExactly("node-a");
        assertThat(window.canvas().frame().runningOn("sql")).containsExactly("node-a");
        assertThat(robot.lookup("#narration-headline").queryAs(Label.class).getText()).contains("node-a").contains("sql is online");
        assertThat(robot.lookup("#time").queryAs(Label.class).getText()).startsWith("0.000 s");
    }

    @Test
    void playingPastTheCrashShowsNodeBOwningItAndRewindingShowsNodeAAgain(FxRobot robot) throws Exception {
        ComboBox<?> speed = robot.lookup("#speed").queryAs(ComboBox.class);
        // 10x: the failover (22 s) comes in about 2 s, and the end (90 s) only 7 s later, so the pause
        // below lands before the end even on a loaded machine (at the end, space would play it again).
        robot.interact(() -> speed.getSelectionModel().select(LabWindowViewModel.SPEEDS.indexOf(10.0)));
        assertThat(model().speedProperty().get()).isEqualTo(10.0);

        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertThat(model().playingProperty().get()).isTrue();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model().runningOn("sql").equals(java.util.List.of("node-b")));
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertThat(model().playingProperty().get()).isFalse();
        assertThat(model().cursorSeconds()).isGreaterThan(22);
        assertThat(window.canvas().frame().runningOn("sql")).containsExactly("node-b");

        Slider slider = robot.lookup("#time-slider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(4.0));
        assertThat(model().cursorSeconds()).isEqualTo(4.0);
        assertThat(model().runningOn("sql")).containsExactly("node-a");
        assertThat(window.canvas().frame().runningOn("sql")).containsExactly("node-a");
        assertThat(robot.lookup("#time").queryAs(Label.class).getText()).startsWith("4.000 s");
    }

    @Test
    void theRightArrowStepsToTheNextEventAndTheSliderFollows(FxRobot robot) {
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        double cursor = model().cursorSeconds();
        assertThat(cursor).isPositive();
        assertThat(robot.lookup("#time-slider").queryAs(Slider.class).getValue()).isEqualTo(cursor);
    }

    @Test
    void theThemeButtonSwitchesToDarkAndBack(FxRobot robot) {
        robot.clickOn("#theme");
        assertThat(window.theme()).isEqualTo(dev.clusterlab.views.canvas.Theme.DARK);
        assertThat(window.getStylesheets()).anyMatch(s -> s.endsWith("dark.css"));
        robot.clickOn("#theme");
        assertThat(window.theme()).isEqualTo(dev.clusterlab.views.canvas.Theme.LIGHT);
    }
}
