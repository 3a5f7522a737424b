package dev.clusterlab.bench.ui;

import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.window.LabWindow;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.stage.Stage;

/**
 * Where a frame's cost goes, part by part, in the frame benchmark's window (32 nodes, 8 disks,
 * about 1,000 commands/s) at 1x: for 300 consecutive 1/60 s steps, the time on the FX thread to
 * move the cursor ({@code model.seek}, which records the canvas's drawing commands and updates the
 * diagram's rows) and to lay out, then the time to rasterise each part on its own (a snapshot of
 * the node: the cluster canvas, the sequence diagram, the whole window). A diagnosis aid for
 * {@code bench/ui-frames}; run with {@code bench/ui-frames --parts}.
 */
public final class UiPaintParts {
    private static final long STEP = 1_000_000_000L / 60;

    private UiPaintParts() {}

    public static void main(String[] args) throws Exception {
        String text = LoadScenario.text(UiFrameBench.NODES, UiFrameBench.DISKS, UiFrameBench.WORKLOAD_INTERVAL, 30, 0);
        LabSession session = LabSession.open(LoadScenario.parse(text));
        session.advanceTo(5_000_000_000L);
        FxPlatform.start();
        Percentiles seek = new Percentiles(), layout = new Percentiles(), canvas = new Percentiles(), sequence = new Percentiles(),
                whole = new Percentiles();
        FxPlatform.run(() -> {
            LabWindowViewModel model = new LabWindowViewModel(session);
            LabWindow window = new LabWindow(model);
            window.dispose();
            Stage stage = new Stage();
            stage.setScene(new Scene(window, 1440, 900));
            stage.show();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 300; i++) {
                    long s = System.nanoTime();
                    model.seek(session.cursor() + STEP);
                    long sought = System.nanoTime();
                    window.applyCss();
                    window.layout();
                    long laidOut = System.nanoTime();
                    long c = time(window.canvas());
                    LabFrame f = model.frame();
                    window.canvas().show(f); // draw again, so the whole-window snapshot rasterises it too
                    long q = time(window.sequence());
                    window.sequence().list().refresh(); // cells repaint, as when the diagram follows new rows
                    window.applyCss();
                    window.layout();
                    long w = time(window);
                    if (round == 1) {
                        seek.add(sought - s);
                        layout.add(laidOut - sought);
                        canvas.add(c);
                        sequence.add(q);
                        whole.add(w);
                    }
                }
            }
            stage.close();
        });
        System.out.printf(Locale.ROOT, "ui-frames --parts: %s, 1440x900, 300 steps of 1/60 s at 1x%n", FxPlatform.describe());
        System.out.printf(Locale.ROOT, "  FX: model.seek       %s  (frame, rows, canvas drawing commands)%n", seek.summaryMillis());
        System.out.printf(Locale.ROOT, "  FX: CSS + layout     %s  (includes the diagram's visible cells repainting)%n", layout.summaryMillis());
        System.out.printf(Locale.ROOT, "  raster: canvas       %s%n", canvas.summaryMillis());
        System.out.printf(Locale.ROOT, "  raster: diagram      %s%n", sequence.summaryMillis());
        System.out.printf(Locale.ROOT, "  raster: window       %s%n", whole.summaryMillis());
        javafx.application.Platform.exit();
        System.exit(0);
    }

    private static long time(Node node) {
        long s = System.nanoTime();
        node.snapshot(new SnapshotParameters(), null);
        return System.nanoTime() - s;
    }
}
