package dev.clusterlab.views.canvas;

import dev.clusterlab.views.session.LabFrame;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * The cluster picture: a {@link Canvas} that fills this region and is redrawn by
 * {@link ClusterPainter} whenever the frame, the palette or the size changes.
 */
public final class ClusterCanvasView extends Region {
    private final Canvas canvas = new Canvas();
    private final ClusterPainter painter;
    private LabFrame frame;
    private Palette palette = Palette.LIGHT;

    public ClusterCanvasView(ClusterPainter painter) {
        this.painter = painter;
        getStyleClass().add("cluster-canvas");
        setId("cluster-canvas");
        getChildren().add(canvas);
        setMinSize(400, 300);
        setPrefSize(1200, 700);
    }

    /** Shows {@code frame}. */
    public void show(LabFrame frame) {
        this.frame = frame;
        redraw();
    }

    public LabFrame frame() { return frame; }

    public void setPalette(Palette palette) {
        this.palette = palette;
        redraw();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    private void redraw() {
        if (frame == null || canvas.getWidth() <= 0 || canvas.getHeight() <= 0) return;
        painter.paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), frame, palette);
    }
}
