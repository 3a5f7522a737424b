package dev.clusterlab.views.canvas;

import dev.clusterlab.views.session.LabFrame;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * The cluster picture: a {@link Canvas} that fills this region and is redrawn by
 * {@link ClusterPainter} whenever the frame, the palette, the selection or the size changes. It can
 * take the keyboard focus (the canvas actions work on the selection); hit-testing is
 * {@link CanvasHit}'s, on the same layout the painter draws.
 */
public final class ClusterCanvasView extends Region {
    private final Canvas canvas = new Canvas();
    private ClusterPainter painter;
    private final ObjectProperty<CanvasTarget> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<CanvasTarget> hover = new SimpleObjectProperty<>(this, "hover");
    private LabFrame frame;
    private Palette palette = Palette.LIGHT;

    public ClusterCanvasView(ClusterPainter painter) {
        this.painter = painter;
        getStyleClass().add("cluster-canvas");
        setId("cluster-canvas");
        getChildren().add(canvas);
        setMinSize(400, 300);
        setPrefSize(1200, 700);
        setFocusTraversable(true);
        selection.addListener((obs, old, now) -> redraw());
        hover.addListener((obs, old, now) -> redraw());
    }

    /** Shows {@code frame}. */
    public void show(LabFrame frame) {
        this.frame = frame;
        redraw();
    }

    public LabFrame frame() { return frame; }

    public ClusterPainter painter() { return painter; }

    /** Draws with {@code painter} from now on (a live session's topology grew). */
    public void setPainter(ClusterPainter painter) {
        this.painter = painter;
        redraw();
    }

    /** What is selected on the canvas (drawn with a focus ring), or null. */
    public ObjectProperty<CanvasTarget> selectionProperty() { return selection; }

    public CanvasTarget selection() { return selection.get(); }

    public void select(CanvasTarget target) { selection.set(target); }

    /** What the pointer is over (outlined faintly), or null. */
    public ObjectProperty<CanvasTarget> hoveredTargetProperty() { return hover; }

    /** The target under the point ({@code x}, {@code y}) in this view's coordinates, or null. */
    public CanvasTarget targetAt(double x, double y) {
        return CanvasHit.at(painter.topology(), getWidth(), getHeight(), x, y);
    }

    /** The middle of {@code target} as drawn, in this view's coordinates (where a keyboard-opened menu appears). */
    public Point2D centreOf(CanvasTarget target) {
        return CanvasHit.centreOf(painter.topology(), getWidth(), getHeight(), target);
    }

    public void setPalette(Palette palette) {
        this.palette = palette;
        redraw();
    }

    /**
     * A region smaller than the picture's minimum gets the picture drawn at full size on a larger
     * canvas node that is scaled down as a whole: the same geometry as scaling the drawing, but text
     * is rasterised from the glyph cache instead of as outlines under a scaled graphics context,
     * which cost most of a frame in the software pipeline.
     */
    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        if (w <= 0 || h <= 0) return;
        double scale = CanvasHit.scale(w, h);
        double cw = Math.ceil(w / scale), ch = Math.ceil(h / scale);
        if (canvas.getWidth() != cw || canvas.getHeight() != ch || canvas.getScaleX() != scale) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
            canvas.setScaleX(scale);
            canvas.setScaleY(scale);
            // Scaling is about the node's centre: centre it so its scaled image covers the region.
            canvas.relocate((w - cw) / 2, (h - ch) / 2);
            redraw();
        }
    }

    private void redraw() {
        if (frame == null || canvas.getWidth() <= 0 || canvas.getHeight() <= 0) return;
        painter.paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), frame, palette, selection.get(), hover.get());
    }
}
