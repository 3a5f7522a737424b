package dev.clusterlab.views.sequence;

import dev.clusterlab.views.canvas.Palette;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The sequence diagram: a filter bar, the lane names, and a virtualised list of fixed-height rows,
 * each a small canvas drawn by {@link SequenceRowPainter}, so only the rows on screen cost anything
 * however long the history (ui-anchors §5). Selecting a row selects it in the {@link SequenceViewModel}.
 */
public final class SequenceDiagramView extends VBox {
    private static final String ALL_NODES = "all nodes";
    private static final String ALL_DISKS = "all disks";
    /** The list's vertical scroll bar and the cells' left and right padding (base.css). */
    private static final double ROW_INSET = 26;
    private static final double CELL_PADDING = 3;

    private final SequenceViewModel model;
    private SequenceRowPainter painter;
    private final ComboBox<String> nodeFilter = new ComboBox<>();
    private final ComboBox<String> diskFilter = new ComboBox<>();
    private final ListView<SequenceRow> list = new ListView<>();
    private final Canvas header = new Canvas();
    private Palette palette = Palette.LIGHT;
    private boolean syncing;

    public SequenceDiagramView(SequenceViewModel model, Topology topology) {
        this.model = model;
        this.painter = new SequenceRowPainter(topology.nodeNames(), topology.diskNames());
        setId("sequence");
        getStyleClass().add("sequence-view");

        Pane headerPane = new Pane(header);
        headerPane.getStyleClass().add("sequence-header");
        headerPane.setMinHeight(SequenceRowPainter.HEADER_HEIGHT);
        headerPane.setPrefHeight(SequenceRowPainter.HEADER_HEIGHT);
        header.setHeight(SequenceRowPainter.HEADER_HEIGHT);
        // Same width and left edge as a row's canvas, so the names sit on their lanes.
        header.widthProperty().bind(list.widthProperty().subtract(ROW_INSET));
        header.setLayoutX(CELL_PADDING);
        header.widthProperty().addListener((obs, old, w) -> paintHeader());

        list.setId("sequence-rows");
        list.getStyleClass().add("sequence-rows");
        list.setFixedCellSize(SequenceRowPainter.ROW_HEIGHT);
        list.setItems(model.rows());
        list.setCellFactory(v -> new RowCell());
        list.setPlaceholder(new Label("No commands yet at this time."));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (!syncing) model.select(row);
        });
        model.selectedProperty().addListener((obs, old, row) -> {
            if (list.getSelectionModel().getSelectedItem() == row) return;
            syncing = true;
            if (row == null) list.getSelectionModel().clearSelection();
            else list.getSelectionModel().select(row);
            syncing = false;
        });
        // Follow the newest row while nothing is selected, as a live log does.
        model.rows().addListener((ListChangeListener<SequenceRow>) c -> {
            if (model.selected() == null && !model.rows().isEmpty()) list.scrollTo(model.rows().size() - 1);
        });
        if (!model.rows().isEmpty()) list.scrollTo(model.rows().size() - 1);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(filterBar(topology), headerPane, list);
    }

    public SequenceViewModel model() { return model; }

    /** New lanes for a topology that grew (a live session's initiators logging in). */
    public void setTopology(Topology topology) {
        painter = new SequenceRowPainter(topology.nodeNames(), topology.diskNames());
        for (String n : topology.nodeNames()) if (!nodeFilter.getItems().contains(n)) nodeFilter.getItems().add(n);
        for (String d : topology.diskNames()) if (!diskFilter.getItems().contains(d)) diskFilter.getItems().add(d);
        paintHeader();
        list.refresh();
    }

    public ListView<SequenceRow> list() { return list; }

    public void setPalette(Palette palette) {
        this.palette = palette;
        paintHeader();
        list.refresh();
    }

    private void paintHeader() { painter.paintHeader(header.getGraphicsContext2D(), header.getWidth(), header.getHeight(), palette); }

    private FlowPane filterBar(Topology topology) {
        ComboBox<String> nodes = nodeFilter;
        nodes.setId("seq-node-filter");
        nodes.getItems().add(ALL_NODES);
        nodes.getItems().addAll(topology.nodeNames());
        nodes.setValue(ALL_NODES);
        nodes.valueProperty().addListener((obs, old, v) -> model.setNodeFilter(v == null || v.equals(ALL_NODES) ? null : v));
        nodes.setTooltip(new Tooltip("Show the commands of one node only"));
        nodes.setFocusTraversable(false);

        ComboBox<String> disks = diskFilter;
        disks.setId("seq-disk-filter");
        disks.getItems().add(ALL_DISKS);
        disks.getItems().addAll(topology.diskNames());
        disks.setValue(ALL_DISKS);
        disks.valueProperty().addListener((obs, old, v) -> model.setDiskFilter(v == null || v.equals(ALL_DISKS) ? null : v));
        disks.setTooltip(new Tooltip("Show the commands to one disk only"));
        disks.setFocusTraversable(false);

        List<CheckBox> boxes = new ArrayList<>();
        for (CommandKind kind : CommandKind.values()) {
            CheckBox box = new CheckBox(kind.label());
            box.setId("seq-kind-" + kind.name());
            box.setSelected(model.showsKind(kind));
            box.selectedProperty().addListener((obs, old, on) -> model.setKindShown(kind, on));
            box.setFocusTraversable(false);
            boxes.add(box);
        }
        CheckBox events = new CheckBox("cluster events");
        events.setId("seq-cluster-events");
        events.setSelected(model.showsClusterEvents());
        events.selectedProperty().addListener((obs, old, on) -> model.setClusterEventsShown(on));
        events.setTooltip(new Tooltip("Marks for fencing, groups going online or offline, members removed, nodes going down"));
        events.setFocusTraversable(false);

        CheckBox beats = new CheckBox("heartbeats");
        beats.setId("seq-heartbeats");
        beats.setSelected(model.showsHeartbeats());
        beats.selectedProperty().addListener((obs, old, on) -> model.setHeartbeatsShown(on));
        beats.setTooltip(new Tooltip("Marks where a node stopped hearing a peer's heartbeats on a network, and where it hears them again"));
        beats.setFocusTraversable(false);

        FlowPane bar = new FlowPane(8, 4, nodes, disks);
        bar.getChildren().addAll(boxes);
        bar.getChildren().addAll(events, beats);
        bar.getStyleClass().add("sequence-filters");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        return bar;
    }

    /** A row: one canvas as wide as the list's viewport, repainted when the row, width or palette changes. */
    private final class RowCell extends ListCell<SequenceRow> {
        private final Canvas canvas = new Canvas();
        private boolean painted;
        private SequenceRowPainter paintedBy;
        private SequenceRow paintedRow;
        private double paintedWidth;
        private Palette paintedPalette;

        RowCell() {
            getStyleClass().add("sequence-row");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            canvas.setHeight(SequenceRowPainter.ROW_HEIGHT - 2);
            // The viewport is the list less its vertical scroll bar and the cell padding.
            canvas.widthProperty().bind(list.widthProperty().subtract(ROW_INSET));
            canvas.widthProperty().addListener((obs, old, w) -> repaint());
        }

        @Override
        protected void updateItem(SequenceRow row, boolean empty) {
            super.updateItem(row, empty);
            setGraphic(empty || row == null ? null : canvas);
            setAccessibleText(empty || row == null ? null : row.text());
            repaint();
        }

        private void repaint() {
            SequenceRow row = isEmpty() ? null : getItem();
            // The list calls updateItem again with the same row on many layouts: draw only what changed.
            if (painted && row == paintedRow && canvas.getWidth() == paintedWidth && palette == paintedPalette
                    && painter == paintedBy) return;
            painter.paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), row, palette);
            painted = true;
            paintedBy = painter;
            paintedRow = row;
            paintedWidth = canvas.getWidth();
            paintedPalette = palette;
        }
    }
}
