package dev.clusterlab.views.shell;

import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.fx.PngEncoder;
import dev.clusterlab.views.library.LibraryView;
import dev.clusterlab.views.window.LabWindow;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The lab's top level: the menu bar (FXML, {@link ShellMenuController}), the scenario library
 * panel on the left (shown on demand) and the {@link LabWindow} of the open session, swapped for a
 * new one when another scenario is opened. Theme and presenter mode belong to the shell and carry
 * over to each new window.
 */
public final class LabShell extends BorderPane {
    /** What "Export picture" can export. */
    public enum Picture { CANVAS, SEQUENCE, WINDOW }

    private final LabShellViewModel model;
    private final BooleanProperty libraryShown = new SimpleBooleanProperty(this, "libraryShown", false);
    private final ShellMenuController menu;
    private final LibraryView library;
    private LabWindow window;
    private Alert lastAlert;
    private Path lastDirectory;

    public LabShell(LabShellViewModel model) {
        this.model = model;
        setId("lab-shell");
        getStyleClass().add("lab-shell");
        menu = new ShellMenuController(this);
        setTop(menu.menuBar());
        library = new LibraryView(model.library(), new LibraryView.Actions(model::open, model::run, model::reset, this::chooseAndOpenFile));
        libraryShown.addListener((obs, old, shown) -> setLeft(shown ? library : null));
        model.windowProperty().addListener((obs, old, vm) -> showWindow(vm));
        model.themeProperty().addListener((obs, old, t) -> applyLook());
        model.presenterProperty().addListener((obs, old, on) -> applyLook());
        model.problems().addListener((ListChangeListener<String>) c -> {
            while (c.next()) for (String problem : c.getAddedSubList()) alert(Alert.AlertType.ERROR, "Cannot use this scenario", problem);
        });
        showWindow(model.window());
        applyLook();
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                    () -> model.presenterProperty().set(!model.presenterProperty().get()));
        });
    }

    public LabShellViewModel model() { return model; }

    /** The window of the open session. */
    public LabWindow window() { return window; }

    public LibraryView library() { return library; }

    public BooleanProperty libraryShownProperty() { return libraryShown; }

    ShellMenuController menu() { return menu; }

    /** The last alert shown (a problem or the shortcuts), or null. */
    public Alert lastAlert() { return lastAlert; }

    private void showWindow(LabWindowViewModel vm) {
        if (window != null) {
            window.themeProperty().unbindBidirectional(model.themeProperty());
            window.presenterProperty().unbindBidirectional(model.presenterProperty());
            window.dispose();
        }
        window = new LabWindow(vm);
        window.setTheme(model.themeProperty().get());
        window.setPresenter(model.presenterProperty().get());
        window.themeProperty().bindBidirectional(model.themeProperty());
        window.presenterProperty().bindBidirectional(model.presenterProperty());
        setCenter(window);
    }

    /** The menu bar and the library follow the theme; presenter mode hides the library too. */
    private void applyLook() {
        Theme theme = model.themeProperty().get();
        boolean presenter = model.presenterProperty().get();
        getStylesheets().setAll(LabWindow.class.getResource("base.css").toExternalForm(), theme.styleSheet());
        if (presenter) getStylesheets().add(LabWindow.class.getResource("presenter.css").toExternalForm());
        getStyleClass().removeAll("presenter");
        if (presenter) {
            getStyleClass().add("presenter");
            libraryShown.set(false);
        }
    }

    /** A scene for the shell, sized {@code width} x {@code height}. */
    public Scene scene(double width, double height) { return new Scene(this, width, height); }

    /** Stops the window's animation (the shell is going away). */
    public void dispose() { window.dispose(); }

    // --- files -----------------------------------------------------------------------------------

    void chooseAndOpenFile() {
        FileChooser chooser = chooser("Open scenario file");
        File file = chooser.showOpenDialog(owner());
        if (file == null) return;
        lastDirectory = file.toPath().getParent();
        model.openFile(file.toPath());
    }

    void chooseAndSave() {
        FileChooser chooser = chooser("Save session as scenario");
        chooser.setInitialFileName(model.suggestedFileName());
        File file = chooser.showSaveDialog(owner());
        if (file == null) return;
        lastDirectory = file.toPath().getParent();
        model.saveAs(file.toPath());
    }

    void chooseAndSaveTrace() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the timeline as a trace");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ClusterLab traces", "*.jsonl.gz", "*.jsonl"));
        String base = model.suggestedFileName().replaceFirst("\\.scenario$", "");
        chooser.setInitialFileName(base + ".jsonl.gz");
        if (lastDirectory != null) chooser.setInitialDirectory(lastDirectory.toFile());
        File file = chooser.showSaveDialog(owner());
        if (file == null) return;
        lastDirectory = file.toPath().getParent();
        model.saveTrace(file.toPath());
    }

    void chooseAndExport(Picture picture) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export picture as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG pictures", "*.png"));
        chooser.setInitialFileName(picture.name().toLowerCase(java.util.Locale.ROOT) + ".png");
        if (lastDirectory != null) chooser.setInitialDirectory(lastDirectory.toFile());
        File file = chooser.showSaveDialog(owner());
        if (file == null) return;
        lastDirectory = file.toPath().getParent();
        try {
            exportPicture(picture, file.toPath());
        } catch (IOException e) {
            model.problems().add("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Writes a PNG of the canvas, the sequence diagram or the whole window, as it is on screen now. */
    public void exportPicture(Picture picture, Path file) throws IOException {
        Node node = switch (picture) {
            case CANVAS -> window.canvas();
            case SEQUENCE -> window.sequence();
            case WINDOW -> this;
        };
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(file)) {
            PngEncoder.write(image, out);
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Scenarios", "*.scenario"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (lastDirectory != null && Files.isDirectory(lastDirectory)) chooser.setInitialDirectory(lastDirectory.toFile());
        return chooser;
    }

    private Window owner() { return getScene() == null ? null : getScene().getWindow(); }

    void quit() {
        dispose();
        if (owner() != null) owner().hide();
        Platform.exit();
    }

    // --- dialogs ---------------------------------------------------------------------------------

    void showShortcuts() {
        StringBuilder text = new StringBuilder();
        for (String[] s : LabWindow.SHORTCUTS) text.append(String.format("%-22s %s%n", s[0], s[1]));
        text.append(String.format("%-22s %s%n", "F5 or Ctrl+P", "presenter mode on / off"));
        text.append(String.format("%-22s %s%n", "Ctrl+T", "dark / light theme"));
        text.append(String.format("%-22s %s%n", "Ctrl+L", "scenario library"));
        text.append(String.format("%-22s %s%n", "Ctrl+O / Ctrl+S", "open a scenario file / save the session as one"));
        text.append(String.format("%-22s %s%n", "Ctrl+R", "run the scenario from the start"));
        text.append(String.format("%-22s %s%n", "Ctrl+D", "real devices: identities and arming"));
        text.append(String.format("%-22s %s", "F1", "this list"));
        alert(Alert.AlertType.INFORMATION, "Keyboard shortcuts", text.toString());
        lastAlert.getDialogPane().setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace;");
    }

    /** Shows a message without blocking (a modal wait would stall the animation and tests alike). */
    private void alert(Alert.AlertType type, String header, String text) {
        Alert alert = new Alert(type, text, ButtonType.OK);
        alert.setTitle("ClusterLab");
        alert.setHeaderText(header);
        if (owner() != null) alert.initOwner(owner());
        lastAlert = alert;
        alert.show();
    }
}
