package dev.clusterlab.views.library;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The scenario library panel: the shipped scenarios with their titles and one-line descriptions,
 * and buttons to open or run the selected one, reset the open one or open a file. It only reports
 * what was asked for; the shell does it.
 */
public final class LibraryView extends VBox {
    private final ListView<ScenarioLibrary.Entry> list = new ListView<>();

    /** The actions the buttons call. */
    public record Actions(Consumer<String> open, Consumer<String> run, Runnable reset, Runnable openFile) {}

    public LibraryView(List<ScenarioLibrary.Entry> entries, Actions actions) {
        setId("library");
        getStyleClass().add("library-view");
        Label heading = new Label("Scenario library");
        heading.getStyleClass().add("inspector-title");

        list.setId("library-list");
        list.getItems().setAll(entries);
        list.setCellFactory(v -> new EntryCell());
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && selected() != null) actions.open().accept(selected().name());
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        if (!entries.isEmpty()) list.getSelectionModel().select(0);

        Button open = button("library-open", "Open", "Open the selected scenario at its start (double-click does it too)",
                () -> actions.open().accept(selected().name()));
        Button run = button("library-run", "Run", "Open the selected scenario and play it", () -> actions.run().accept(selected().name()));
        Button reset = button("library-reset", "Reset", "Re-open the current scenario from its start, discarding your actions", actions.reset());
        Button file = button("library-open-file", "Open file…", "Open a scenario file from disk (Ctrl+O)", actions.openFile());
        open.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        run.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        HBox buttons = new HBox(6, open, run, reset, file);

        setSpacing(6);
        setPadding(new Insets(8));
        setPrefWidth(340);
        getChildren().addAll(heading, list, buttons);
    }

    public ListView<ScenarioLibrary.Entry> list() { return list; }

    private ScenarioLibrary.Entry selected() { return list.getSelectionModel().getSelectedItem(); }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        return b;
    }

    /** Title in bold, the one-line description under it, wrapped to the panel. */
    private final class EntryCell extends ListCell<ScenarioLibrary.Entry> {
        private final Label title = new Label();
        private final Label summary = new Label();
        private final VBox box = new VBox(2, title, summary);

        EntryCell() {
            title.getStyleClass().add("library-title");
            summary.getStyleClass().add("library-summary");
            summary.setWrapText(true);
            title.setWrapText(true);
            box.maxWidthProperty().bind(list.widthProperty().subtract(30));
            box.prefWidthProperty().bind(list.widthProperty().subtract(30));
        }

        @Override
        protected void updateItem(ScenarioLibrary.Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            title.setText(entry.title());
            summary.setText(entry.summary());
            setGraphic(box);
            setTooltip(new Tooltip(entry.name()));
        }
    }
}
