package dev.clusterlab.views.console;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.TextFields;

/**
 * The command console: node and path pickers, the command line (ControlsFX completion, Tab
 * completes the common prefix, Up/Down walk the history, Enter runs), a line of inline help and the
 * output. A view only: the {@link ConsoleViewModel} decides everything.
 */
public final class ConsoleView extends VBox {
    private final ConsoleViewModel model;
    private final TextField input = new TextField();
    private final ListView<ConsoleEntry> output = new ListView<>();

    public ConsoleView(ConsoleViewModel model) {
        this.model = model;
        setId("console");
        getStyleClass().add("console-view");

        ComboBox<String> node = new ComboBox<>(model.nodes());
        node.setId("console-node");
        node.valueProperty().bindBidirectional(model.nodeProperty());
        node.setTooltip(new Tooltip("The node that sends a command typed without a node name"));
        node.setFocusTraversable(false);
        ComboBox<String> path = new ComboBox<>(model.paths());
        path.setId("console-path");
        path.valueProperty().bindBidirectional(model.pathProperty());
        path.setTooltip(new Tooltip("The storage path it goes through (any path: multipath chooses)"));
        path.setFocusTraversable(false);

        input.setId("console-input");
        input.getStyleClass().add("console-input");
        input.setPromptText("--read-keys data  ·  crash node-a  (Ctrl+K)");
        input.setMinWidth(160);
        input.textProperty().bindBidirectional(model.inputProperty());
        input.setTooltip(new Tooltip("A command in the scenario language, run at the cursor (Enter). Tab completes; Up/Down: history."));
        input.setOnAction(e -> runInput());
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        HBox.setHgrow(input, Priority.ALWAYS);
        AutoCompletionBinding<String> completion = TextFields.bindAutoCompletion(input,
                // Only while a word is being typed: a popup open on an empty line or after a space would
                // take Up/Down from the history and Enter from running the line.
                request -> request.getUserText().isBlank() || request.getUserText().endsWith(" ") ? List.of()
                        : model.completions(request.getUserText()));
        completion.getAutoCompletionPopup().setConverter(new StringConverter<>() {
            @Override
            public String toString(String line) { return lastWord(line); }

            @Override
            public String fromString(String s) { return s; }
        });
        completion.setVisibleRowCount(8);

        Button run = new Button("Run");
        run.setId("console-run");
        run.setOnAction(e -> runInput());
        run.setTooltip(new Tooltip("Run the command at the cursor (Enter); in the past it forks the future"));
        run.setFocusTraversable(false);

        HBox line = new HBox(6, node, path, input, run);
        line.setAlignment(Pos.CENTER_LEFT);

        Label help = new Label();
        help.setId("console-help");
        help.getStyleClass().add("console-help");
        help.textProperty().bind(model.helpProperty());
        help.setWrapText(false);
        help.setTooltip(new Tooltip("Usage of the word being typed"));

        output.setId("console-output");
        output.getStyleClass().add("console-output");
        output.setItems(model.entries());
        output.setPlaceholder(new Label("Answers appear here: time, node/path, command -> status, and what the disk said."));
        output.setCellFactory(v -> new EntryCell());
        output.setFocusTraversable(false);
        model.entries().addListener((ListChangeListener<ConsoleEntry>) c -> {
            if (!model.entries().isEmpty()) output.scrollTo(model.entries().size() - 1);
        });
        VBox.setVgrow(output, Priority.ALWAYS);
        if (!model.canAct()) {
            line.setDisable(true);
            input.setPromptText("a replayed trace or a live session can only be watched");
        }

        setSpacing(4);
        setPadding(new Insets(6, 8, 6, 8));
        getChildren().addAll(line, help, output);
    }

    public ConsoleViewModel model() { return model; }

    public TextField input() { return input; }

    public ListView<ConsoleEntry> output() { return output; }

    /** Puts the keyboard in the command line. */
    public void focusInput() {
        input.requestFocus();
        input.end();
    }

    private void runInput() {
        model.run(input.getText());
        input.end();
    }

    private void keys(KeyEvent e) {
        switch (e.getCode()) {
            case UP -> {
                model.previous();
                input.end();
                e.consume();
            }
            case DOWN -> {
                model.next();
                input.end();
                e.consume();
            }
            case TAB -> {
                String common = commonPrefix(model.completions(input.getText()));
                if (common.length() > input.getText().length()) model.inputProperty().set(common);
                input.end();
                e.consume();
            }
            default -> { }
        }
    }

    static String commonPrefix(List<String> lines) {
        if (lines.isEmpty()) return "";
        String prefix = lines.get(0);
        for (String l : lines) {
            int i = 0;
            while (i < prefix.length() && i < l.length() && prefix.charAt(i) == l.charAt(i)) i++;
            prefix = prefix.substring(0, i);
        }
        return prefix;
    }

    private static String lastWord(String line) {
        String t = line.stripTrailing();
        return t.substring(t.lastIndexOf(' ') + 1);
    }

    /** An answer: monospace text, errors in the error style. */
    private static final class EntryCell extends ListCell<ConsoleEntry> {
        @Override
        protected void updateItem(ConsoleEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            getStyleClass().remove("console-error");
            if (empty || entry == null) {
                setText(null);
                return;
            }
            setText(entry.text());
            if (entry.error()) getStyleClass().add("console-error");
        }
    }
}
