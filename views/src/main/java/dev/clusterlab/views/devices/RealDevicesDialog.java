package dev.clusterlab.views.devices;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Devices dialog: every real disk with its URL, identity, paths and arming, and the arming
 * confirmation (type the identity; data writes as a separate box). Logic lives in
 * {@link RealDevicesViewModel}; this class only lays it out.
 */
public final class RealDevicesDialog {
    private final RealDevicesViewModel model;
    private final VBox rows = new VBox(14);
    private final Label status = new Label();

    public RealDevicesDialog(RealDevicesViewModel model) { this.model = model; }

    /** Shows the dialog without blocking (a modal wait would stall the animation); {@code closed} runs when it closes. */
    public void show(Window owner, Runnable closed) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Real devices");
        dialog.setHeaderText(model.hasRealDisks()
                ? "Real disks are read-only until you arm them. Arming lets the nodes' reservation commands change the device."
                : "This session has no real disks. Give a disk url=iscsi://... or url=sg:///dev/sgN in the scenario to attach one.");
        status.setId("devices-status");
        status.setWrapText(true);
        rebuild();
        VBox content = new VBox(12, rows, status);
        content.setPadding(new Insets(8));
        content.setPrefWidth(720);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("real-devices-dialog");
        dialog.setOnHidden(e -> closed.run());
        dialog.show();
    }

    private void rebuild() {
        rows.getChildren().clear();
        for (RealDevicesViewModel.Row row : model.rows()) rows.getChildren().add(card(row));
    }

    private VBox card(RealDevicesViewModel.Row row) {
        Label title = new Label("disk " + row.disk() + "  —  " + (row.armed() ? "ARMED" : "read-only"));
        title.setStyle("-fx-font-weight: bold;");
        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(2);
        facts.addRow(0, new Label("URL"), new Label(row.url()));
        facts.addRow(1, new Label("identity"), new Label(row.identities().isEmpty() ? "(none reported)" : String.join(", ", row.identities())));
        facts.addRow(2, new Label("paths"), new Label(String.join("\n", row.paths())));
        TextField typed = new TextField();
        typed.setId("arm-identity-" + row.disk());
        typed.setPromptText("type " + (row.identity() != null ? row.identity() : "the identity") + " to arm");
        typed.setPrefColumnCount(40);
        CheckBox dataWrites = new CheckBox("also allow data-block writes");
        dataWrites.setId("arm-data-writes-" + row.disk());
        Button arm = new Button("Arm");
        arm.setId("arm-" + row.disk());
        arm.setOnAction(e -> {
            RealDevicesViewModel.Outcome o = model.arm(row.disk(), typed.getText(), dataWrites.isSelected());
            status.setText(o.message());
            status.setStyle(o.armed() ? "" : "-fx-text-fill: #d62020;");
            rebuild();
        });
        Button disarm = new Button("Disarm");
        disarm.setId("disarm-" + row.disk());
        disarm.setDisable(!row.armed());
        disarm.setOnAction(e -> {
            model.disarm(row.disk());
            status.setText("disk " + row.disk() + " is read-only again");
            rebuild();
        });
        HBox controls = new HBox(8, typed, dataWrites, arm, disarm);
        return new VBox(4, title, facts, controls);
    }
}
