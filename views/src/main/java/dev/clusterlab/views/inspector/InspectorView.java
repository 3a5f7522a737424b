package dev.clusterlab.views.inspector;

import dev.clusterlab.engine.scsi.decode.DecodedField;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableRow;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The inspector: the selected command's decoded structures as a tree table (field, value,
 * bytes/bits, hex), each structure a top-level branch, expanded; below it the registrations of the
 * command's (or the canvas's selected) disk at the cursor and that disk's reservation history. A view only; the
 * {@link InspectorViewModel} decides what to show.
 */
public final class InspectorView extends VBox {
    private final InspectorViewModel model;
    private final TreeTableView<DecodedField> table = new TreeTableView<>();
    private final TableView<RegistrantRow> registrants = new TableView<>();
    private final TableView<DiskHistoryRow> history = new TableView<>();

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        setId("inspector");
        getStyleClass().add("inspector-view");

        Label title = new Label();
        title.setId("inspector-title");
        title.getStyleClass().add("inspector-title");
        title.textProperty().bind(model.titleProperty());
        title.setWrapText(true);
        title.setPadding(new Insets(6, 8, 6, 8));

        table.setId("inspector-fields");
        table.setShowRoot(false);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing to decode."));
        table.getColumns().setAll(List.of(
                column("field", 0.34, f -> f.name()),
                column("value", 0.34, f -> f.value()),
                column("bytes/bits", 0.12, InspectorViewModel::position),
                column("hex", 0.20, InspectorViewModel::hex)));
        table.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(DecodedField f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeAll("field-warning", "field-note");
                setTooltip(null);
                if (empty || f == null) return;
                if (f.severity() == DecodedField.Severity.WARNING || f.severity() == DecodedField.Severity.ERROR) getStyleClass().add("field-warning");
                else if (f.severity() == DecodedField.Severity.NOTE) getStyleClass().add("field-note");
                if (!f.note().isEmpty()) setTooltip(new Tooltip(f.note()));
            }
        });
        model.sectionsProperty().addListener((obs, old, sections) -> showSections(sections));
        showSections(model.sections());
        VBox.setVgrow(table, Priority.ALWAYS);
        // With nothing to decode (a disk picked on the canvas) the field table steps aside for the disk's tables.
        table.visibleProperty().bind(model.sectionsProperty().map(sections -> !sections.isEmpty()));
        table.managedProperty().bind(table.visibleProperty());
        getChildren().addAll(title, table, registrantTable());
    }

    public TableView<RegistrantRow> registrants() { return registrants; }

    /** The selected disk's reservation changes up to the cursor. */
    public TableView<DiskHistoryRow> history() { return history; }

    /** The selected command's disk at the cursor: one line per registration (nexus, key, holder, APTPL). */
    private VBox registrantTable() {
        Label diskTitle = new Label();
        diskTitle.setId("registrants-title");
        diskTitle.getStyleClass().add("inspector-title");
        diskTitle.textProperty().bind(model.diskTitleProperty());
        diskTitle.setWrapText(true);
        diskTitle.setPadding(new Insets(6, 8, 4, 8));
        registrants.setId("registrants");
        registrants.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label none = new Label();
        none.textProperty().bind(model.diskTitleProperty().map(t -> t.isEmpty()
                ? "Select a command, or click a disk on the canvas, to see its registrations." : "No registrations on this disk."));
        registrants.setPlaceholder(none);
        registrants.getColumns().setAll(List.of(
                registrantColumn("nexus (initiator path -> target port)", 0.55, RegistrantRow::nexus),
                registrantColumn("key", 0.2, RegistrantRow::key),
                registrantColumn("holder", 0.12, r -> r.holder() ? "★ holder" : ""),
                registrantColumn("APTPL", 0.13, r -> r.aptpl() ? "yes" : "no")));
        registrants.setFixedCellSize(24);
        registrants.setPrefHeight(24 * 4 + 30);
        registrants.setMinHeight(24 * 2 + 30);
        model.registrantsProperty().addListener((obs, old, rows) -> registrants.getItems().setAll(rows));
        registrants.getItems().setAll(model.registrants());
        VBox historyBox = historyTable();
        VBox box = new VBox(diskTitle, registrants, historyBox);
        VBox.setVgrow(historyBox, Priority.ALWAYS);
        VBox.setVgrow(box, Priority.ALWAYS);
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Under the registrations: how they came to be, one row per change up to the cursor, newest at the bottom. */
    private VBox historyTable() {
        Label title = new Label("Reservation history");
        title.getStyleClass().addAll("inspector-title", "inspector-subtitle");
        title.setPadding(new Insets(4, 8, 2, 8));
        history.setId("disk-history");
        history.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        history.setPlaceholder(new Label("Click a disk on the canvas to see how its reservations changed."));
        history.getColumns().setAll(List.of(
                historyColumn("time", 0.12, r -> dev.clusterlab.engine.scenario.Durations.format(r.time())),
                historyColumn("who", 0.15, DiskHistoryRow::who),
                historyColumn("command", 0.30, DiskHistoryRow::action),
                historyColumn("gen", 0.06, r -> Long.toString(r.generation())),
                historyColumn("change", 0.37, DiskHistoryRow::change)));
        history.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(DiskHistoryRow row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null ? null : new Tooltip(row.action() + "\n" + row.change()));
            }
        });
        history.setFixedCellSize(24);
        history.setPrefHeight(24 * 5 + 30);
        history.setMinHeight(24 * 2 + 30);
        model.historyProperty().addListener((obs, old, rows) -> {
            history.getItems().setAll(rows);
            if (!rows.isEmpty()) history.scrollTo(rows.size() - 1);
        });
        history.getItems().setAll(model.history());
        VBox.setVgrow(history, Priority.ALWAYS);
        return new VBox(title, history);
    }

    private static TableColumn<DiskHistoryRow, String> historyColumn(String name, double share,
                                                                    java.util.function.Function<DiskHistoryRow, String> text) {
        TableColumn<DiskHistoryRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setPrefWidth(share * 560);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<RegistrantRow, String> registrantColumn(String name, double share,
                                                                      java.util.function.Function<RegistrantRow, String> text) {
        TableColumn<RegistrantRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setPrefWidth(share * 560);
        c.setSortable(false);
        return c;
    }

    public InspectorViewModel model() { return model; }

    public TreeTableView<DecodedField> table() { return table; }

    private void showSections(List<DecodedField> sections) {
        TreeItem<DecodedField> root = new TreeItem<>(DecodedField.node("selection", "", 0, 0, sections));
        for (DecodedField s : sections) root.getChildren().add(item(s));
        root.setExpanded(true);
        table.setRoot(root);
    }

    private static TreeItem<DecodedField> item(DecodedField f) {
        TreeItem<DecodedField> item = new TreeItem<>(f);
        for (DecodedField c : f.children()) item.getChildren().add(item(c));
        item.setExpanded(true);
        return item;
    }

    private static TreeTableColumn<DecodedField, String> column(String name, double share,
                                                                java.util.function.Function<DecodedField, String> text) {
        TreeTableColumn<DecodedField, String> c = new TreeTableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null || cell.getValue().getValue() == null
                ? "" : text.apply(cell.getValue().getValue())));
        c.setPrefWidth(share * 560);
        c.setSortable(false);
        return c;
    }
}
