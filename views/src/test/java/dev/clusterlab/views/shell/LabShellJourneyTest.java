package dev.clusterlab.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scenario.Step;
import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.console.ConsoleEntry;
import dev.clusterlab.views.library.ScenarioLibrary;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.window.LabWindow;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Alert;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Journeys through the lab shell, headless (Monocle): the console (READ KEYS, a cut link, lossy
 * passthrough and the integrity monitor), the scenario library, saving a session as a scenario and
 * opening it again, presenter mode and the transport keys. Assertions read view models and controls
 * found by id, never pixels.
 */
@ExtendWith(ApplicationExtension.class)
class LabShellJourneyTest {
    @TempDir Path dir;
    private LabShell shell;

    @Start
    void start(Stage stage) throws Exception {
        shell = new LabShell(LabShellViewModel.onShipped("wsfc-owner-power-off"));
        stage.setScene(shell.scene(1400, 900));
        stage.show();
        stage.toFront();
        stage.requestFocus(); // JavaFX 20+ no longer focuses a new stage headless (TestFX#749)
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> {
            if (shell.lastAlert() != null) shell.lastAlert().close();
            shell.dispose();
        });
    }

    private LabWindow window() { return shell.window(); }

    private LabWindowViewModel model() { return shell.window().model(); }

    /** Types {@code text} into the console with the keyboard and presses Enter. */
    private void typeInConsole(FxRobot robot, String text) {
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        assertThat(window().console().input().isFocused()).as("Ctrl+K focuses the console").isTrue();
        robot.write(text);
        robot.type(KeyCode.ESCAPE); // close the completion popup, if any
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void readKeysFromTheConsoleShowsTheKeysAndSelectsTheRow(FxRobot robot) {
        robot.interact(() -> model().seekSeconds(3.25)); // between the cluster's once-a-second events
        typeInConsole(robot, "--read-keys data");
        ListView<ConsoleEntry> output = window().console().output();
        assertThat(output.getItems()).singleElement().satisfies(e -> {
            assertThat(e.headline()).startsWith("3.250 s  node-a/p").endsWith("node-a --read-keys data -> GOOD");
            assertThat(e.details()).contains("2 registered reservation keys follow:");
        });
        SequenceRow selected = window().sequence().list().getSelectionModel().getSelectedItem();
        assertThat(selected).isInstanceOfSatisfying(SequenceRow.Command.class, c -> assertThat(c.label()).contains("READ KEYS"));
        assertThat(model().inspector().titleProperty().get()).contains("READ KEYS");
        assertThat(model().session().actions()).singleElement().satisfies(a -> assertThat(a.text()).isEqualTo("node-a --read-keys data"));
    }

    @Test
    void theNodePickerAndATypoShowACaretUnderTheMistake(FxRobot robot) {
        robot.interact(() -> window().console().model().nodeProperty().set("node-b"));
        typeInConsole(robot, "--read-keyz data");
        assertThat(window().console().output().getItems()).singleElement().satisfies(e -> {
            assertThat(e.error()).isTrue();
            assertThat(e.details()).isEqualTo("  node-b --read-keyz data\n         ^");
        });
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        robot.type(KeyCode.UP);
        assertThat(window().console().input().getText()).isEqualTo("--read-keyz data");
    }

    @Test
    void cuttingTheNetworkFromTheConsoleShowsThePartition(FxRobot robot) {
        robot.interact(() -> model().seekSeconds(2.25));
        typeInConsole(robot, "cut cluster");
        assertThat(window().console().output().getItems()).singleElement()
                .satisfies(e -> assertThat(e.headline()).isEqualTo("2.250 s  cut cluster -> done"));
        assertThat(window().canvas().frame().links().anyCut("node-a", "node-b")).isTrue();
        assertThat(model().frame().links().isCut("cluster", "node-a", "node-b")).isTrue();
    }

    @Test
    void lossyPassthroughFromTheConsoleMakesTheIntegrityMonitorFire(FxRobot robot) {
        robot.interact(() -> shell.model().open("kvm-hang-faithful"));
        robot.interact(() -> model().seekSeconds(2));
        typeInConsole(robot, "passthrough node-a lossy");
        assertThat(model().frame().cluster().violations()).isZero();
        robot.interact(() -> model().seekSeconds(40));
        assertThat(model().frame().cluster().violations()).as("a fenced node-a keeps writing through lossy passthrough").isPositive();
        assertThat(window().canvas().frame().cluster().violations()).isPositive();
    }

    @Test
    void openingFromTheLibraryThenSavingAndReopeningReplaysTheAction(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        assertThat(shell.getLeft()).as("Ctrl+L shows the library").isSameAs(shell.library());
        ListView<ScenarioLibrary.Entry> list = shell.library().list();
        int index = list.getItems().stream().map(ScenarioLibrary.Entry::name).toList().indexOf("kvm-hang-faithful");
        robot.interact(() -> list.getSelectionModel().select(index));
        robot.clickOn("#library-open");
        assertThat(model().session().scenario().title()).startsWith("KVM lesson (faithful passthrough)");
        assertThat(window().getScene()).isNotNull();

        robot.interact(() -> model().seekSeconds(8.25));
        typeInConsole(robot, "node-b --read-reservation data");
        Path saved = dir.resolve("mine.scenario");
        robot.interact(() -> assertThat(shell.model().saveAs(saved)).isTrue());
        assertThat(Files.readString(saved)).contains("at 8.25s: node-b --read-reservation data   # added in the lab");

        robot.interact(() -> assertThat(shell.model().openFile(saved)).isTrue());
        assertThat(model().session().scenario().steps()).filteredOn(s -> s instanceof Step.Command).singleElement()
                .satisfies(s -> assertThat(s.at().toMillis()).isEqualTo(8_250));
        robot.interact(() -> model().seekSeconds(9));
        assertThat(model().sequence().rows()).as("the saved action, replayed at its time")
                .anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(SequenceRow.Command.class, c -> {
                    assertThat(c.time()).isEqualTo(8_250_000_000L);
                    assertThat(c.node()).isEqualTo("node-b");
                    assertThat(c.label()).contains("READ RESERVATION");
                }));
    }

    @Test
    void aBadScenarioFileShowsAnAlertAndKeepsTheSession(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.scenario");
        Files.writeString(bad, "title: broken\npolicy: wsfc-pr\nquorum: node-majority\nnode node-a\nat 1s: explode node-a\n");
        String before = model().session().scenario().title();
        robot.interact(() -> shell.model().openFile(bad));
        Alert alert = shell.lastAlert();
        assertThat(alert).isNotNull();
        assertThat(alert.isShowing()).isTrue();
        assertThat(alert.getContentText()).startsWith(bad + ":5:");
        assertThat(model().session().scenario().title()).isEqualTo(before);
    }

    @Test
    void presenterModeTogglesWithF5AndCtrlP(FxRobot robot) {
        assertThat(window().inspector().getScene()).isNotNull();
        robot.type(KeyCode.F5);
        assertThat(shell.getStyleClass()).contains("presenter");
        assertThat(window().getStyleClass()).contains("presenter");
        assertThat(window().getStylesheets()).anyMatch(s -> s.endsWith("presenter.css"));
        assertThat(window().inspector().getScene()).as("the inspector is hidden").isNull();
        assertThat(window().console().getScene()).as("the console is hidden").isNull();
        assertThat(shell.menu().presenterItem().isSelected()).isTrue();

        robot.press(KeyCode.CONTROL).press(KeyCode.P).release(KeyCode.P).release(KeyCode.CONTROL);
        assertThat(shell.getStyleClass()).doesNotContain("presenter");
        assertThat(window().getStyleClass()).doesNotContain("presenter");
        assertThat(window().inspector().getScene()).isNotNull();
        assertThat(window().console().getScene()).isNotNull();
    }

    @Test
    void presenterModeAndThemeCarryOverToTheNextScenario(FxRobot robot) {
        robot.interact(() -> {
            shell.menu().darkItem().setSelected(true);
            shell.model().presenterProperty().set(true);
        });
        assertThat(window().theme()).isEqualTo(Theme.DARK);
        robot.interact(() -> shell.model().open("kvm-hang-lossy"));
        assertThat(window().theme()).isEqualTo(Theme.DARK);
        assertThat(window().isPresenter()).isTrue();
        assertThat(window().getStyleClass()).contains("presenter");
        robot.clickOn("#theme");
        assertThat(shell.model().themeProperty().get()).isEqualTo(Theme.LIGHT);
        assertThat(shell.menu().darkItem().isSelected()).isFalse();
    }

    @Test
    void homeEndPlusAndMinusDriveTheTransport(FxRobot robot) {
        robot.type(KeyCode.END);
        assertThat(model().cursorSeconds()).isEqualTo(model().endSeconds());
        robot.type(KeyCode.HOME);
        assertThat(model().cursorSeconds()).isZero();
        double speed = model().speedProperty().get();
        robot.type(KeyCode.ADD);
        assertThat(model().speedProperty().get()).isGreaterThan(speed);
        robot.type(KeyCode.SUBTRACT).type(KeyCode.SUBTRACT);
        assertThat(model().speedProperty().get()).isLessThan(speed);
    }

    @Test
    void spaceInTheConsoleTypesASpaceAndDoesNotPlay(FxRobot robot) {
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        robot.write("tur data");
        assertThat(model().playingProperty().get()).isFalse();
        assertThat(window().console().input().getText()).isEqualTo("tur data");
    }

    @Test
    void tabCompletesTheWordBeingTypedAndTheHelpLineExplainsIt(FxRobot robot) {
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        robot.write("--read-k");
        robot.type(KeyCode.ESCAPE); // the completion popup
        robot.type(KeyCode.TAB);
        assertThat(window().console().input().getText()).isEqualTo("--read-keys ");
        assertThat(window().console().input().isFocused()).as("Tab stays in the console").isTrue();
        assertThat(robot.lookup("#console-help").queryAs(javafx.scene.control.Label.class).getText()).contains("PR IN READ KEYS");
    }

    @Test
    void exportingThePicturesWritesPngs(FxRobot robot) throws Exception {
        for (LabShell.Picture picture : LabShell.Picture.values()) {
            Path png = dir.resolve(picture + ".png");
            robot.interact(() -> {
                try {
                    shell.exportPicture(picture, png);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).hasSizeGreaterThan(1000);
            assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    @Test
    void theShortcutsHelpListsTheTransportKeys(FxRobot robot) {
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.lastAlert()).isNotNull();
        assertThat(shell.lastAlert().getContentText()).contains("Space").contains("Home / End").contains("F5 or Ctrl+P").contains("Ctrl+K");
    }

    @Test
    void runningFromTheLibraryPlays(FxRobot robot) throws Exception {
        robot.interact(() -> shell.libraryShownProperty().set(true));
        robot.clickOn("#library-run");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model().playingProperty().get());
        assertThat(model().session().scenario().title()).isEqualTo(ScenarioLibrary.shipped().get(0).title());
    }
}
