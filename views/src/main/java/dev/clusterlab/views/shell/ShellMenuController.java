package dev.clusterlab.views.shell;

import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.devices.RealDevicesDialog;
import dev.clusterlab.views.devices.RealDevicesViewModel;
import dev.clusterlab.views.library.ScenarioLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/**
 * The menu bar's controller: loads {@code ShellMenu.fxml} with itself as the controller (Scene
 * Builder's panel-controller style) and turns each menu item into a call on the {@link LabShell}.
 */
public final class ShellMenuController {
    private final LabShell shell;
    private final MenuBar menuBar;

    @FXML private MenuItem openFileItem;
    @FXML private MenuItem saveItem;
    @FXML private MenuItem exportCanvasItem;
    @FXML private MenuItem exportSequenceItem;
    @FXML private MenuItem exportWindowItem;
    @FXML private MenuItem quitItem;
    @FXML private Menu scenariosMenu;
    @FXML private CheckMenuItem libraryItem;
    @FXML private MenuItem runItem;
    @FXML private MenuItem resetItem;
    @FXML private CheckMenuItem presenterItem;
    @FXML private CheckMenuItem darkItem;
    @FXML private CheckMenuItem clusterEventsItem;
    @FXML private MenuItem consoleItem;
    @FXML private MenuItem shortcutsItem;

    ShellMenuController(LabShell shell) {
        this.shell = shell;
        FXMLLoader loader = new FXMLLoader(ShellMenuController.class.getResource("ShellMenu.fxml"));
        loader.setController(this);
        try {
            menuBar = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ShellMenu.fxml", e);
        }
    }

    public MenuBar menuBar() { return menuBar; }

    @FXML
    private void initialize() {
        LabShellViewModel model = shell.model();
        for (ScenarioLibrary.Entry entry : model.library()) {
            MenuItem item = new MenuItem(entry.title());
            item.setId("open-" + entry.name());
            item.setOnAction(e -> model.open(entry.name()));
            scenariosMenu.getItems().add(item);
        }
        libraryItem.selectedProperty().bindBidirectional(shell.libraryShownProperty());
        presenterItem.selectedProperty().bindBidirectional(model.presenterProperty());
        darkItem.setSelected(model.themeProperty().get() == Theme.DARK);
        darkItem.selectedProperty().addListener((obs, old, dark) -> model.themeProperty().set(dark ? Theme.DARK : Theme.LIGHT));
        model.themeProperty().addListener((obs, old, theme) -> darkItem.setSelected(theme == Theme.DARK));
        clusterEventsItem.selectedProperty().addListener((obs, old, on) -> model.window().sequence().setClusterEventsShown(on));
        model.windowProperty().addListener((obs, old, window) -> window.sequence().setClusterEventsShown(clusterEventsItem.isSelected()));
    }

    @FXML private void openFile() { shell.chooseAndOpenFile(); }

    @FXML private void saveAs() { shell.chooseAndSave(); }

    @FXML private void saveTrace() { shell.chooseAndSaveTrace(); }

    @FXML private void exportCanvas() { shell.chooseAndExport(LabShell.Picture.CANVAS); }

    @FXML private void exportSequence() { shell.chooseAndExport(LabShell.Picture.SEQUENCE); }

    @FXML private void exportWindow() { shell.chooseAndExport(LabShell.Picture.WINDOW); }

    @FXML private void quit() { shell.quit(); }

    @FXML private void runFromStart() {
        shell.model().reset();
        shell.model().window().playingProperty().set(true);
    }

    @FXML private void reset() { shell.model().reset(); }

    @FXML private void focusConsole() { shell.window().focusConsole(); }

    @FXML private void showShortcuts() { shell.showShortcuts(); }

    @FXML private void showRealDevices() {
        // Closing it redraws the canvas, whose REAL badges show the new arming.
        new RealDevicesDialog(new RealDevicesViewModel(shell.model().session()))
                .show(menuBar.getScene().getWindow(), () -> shell.model().window().refresh());
    }

    MenuItem saveItem() { return saveItem; }

    CheckMenuItem presenterItem() { return presenterItem; }

    CheckMenuItem darkItem() { return darkItem; }

    Menu scenariosMenu() { return scenariosMenu; }
}
