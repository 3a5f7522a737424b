package dev.clusterlab.views.sequence;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.views.canvas.Palette;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Draws one sequence row (and the lane header) on a canvas: a time column, one vertical lane per
 * node and per disk, a command as an arrow from its node's lane to its disk's lane with its label
 * above, coloured by outcome; a cluster event as a diamond on its node's lane. Pure drawing: the
 * same row, width and palette always give the same picture. FX thread only (it measures text).
 */
final class SequenceRowPainter {
    static final double ROW_HEIGHT = 40;
    static final double HEADER_HEIGHT = 26;
    private static final double TIME_WIDTH = 78;
    private static final double MARGIN = 48;
    private static final Font LABEL = Font.font("System", 12);
    private static final Font LABEL_BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final Font TIME = Font.font("DejaVu Sans Mono", 11);
    private final Text measure = new Text();
    private WritableImage lanes; // see lanes(): cached for one size and palette
    private Palette lanesPalette;
    private final List<String> nodes;
    private final List<String> disks;

    SequenceRowPainter(List<String> nodes, List<String> disks) {
        this.nodes = List.copyOf(nodes);
        this.disks = List.copyOf(disks);
    }

    /** The x of lane {@code i} of {@code nodes + disks}, evenly spread right of the time column. */
    private double laneX(int i, double width) {
        int lanes = nodes.size() + disks.size();
        double left = TIME_WIDTH + MARGIN, right = width - MARGIN;
        return lanes <= 1 ? (left + right) / 2 : left + (right - left) * i / (lanes - 1);
    }

    private double nodeX(String node, double width) {
        int i = nodes.indexOf(node);
        return i < 0 ? TIME_WIDTH + 8 : laneX(i, width);
    }

    private double diskX(String disk, double width) {
        int i = disks.indexOf(disk);
        return i < 0 ? width - 8 : laneX(nodes.size() + i, width);
    }

    /**
     * The dashed lanes (3 px on, 4 off, one pixel wide) as an image, made once per size and palette:
     * a row then blits one image instead of stroking a dashed line per lane, which the software
     * renderer rasterises dash by dash (40 lanes x 12 visible rows on every pulse while following).
     */
    private Image lanes(double width, double height, Palette p) {
        int w = (int) Math.ceil(width), h = (int) Math.ceil(height);
        if (lanes != null && lanes.getWidth() == w && lanes.getHeight() == h && lanesPalette == p) return lanes;
        WritableImage image = new WritableImage(Math.max(1, w), Math.max(1, h));
        PixelWriter pixels = image.getPixelWriter();
        Color c = p.panelBorder();
        for (int i = 0; i < nodes.size() + disks.size(); i++) {
            int x = (int) Math.round(laneX(i, width));
            if (x < 0 || x >= w) continue;
            for (int y = 0; y < h; y++) if (y % 7 < 3) pixels.setColor(x, y, c);
        }
        lanes = image;
        lanesPalette = p;
        return image;
    }

    void paintHeader(GraphicsContext g, double width, double height, Palette p) {
        g.clearRect(0, 0, width, height);
        g.setFont(LABEL_BOLD);
        g.setFill(p.muted());
        g.fillText("time", 6, height - 8);
        for (int i = 0; i < nodes.size(); i++) centred(g, nodes.get(i), laneX(i, width), height - 8, width, p.node(i));
        for (int i = 0; i < disks.size(); i++) centred(g, "disk " + disks.get(i), laneX(nodes.size() + i, width), height - 8, width, p.text());
    }

    void paint(GraphicsContext g, double width, double height, SequenceRow row, Palette p) {
        g.clearRect(0, 0, width, height);
        if (row == null) return;
        g.drawImage(lanes(width, height, p), 0, 0);
        g.setFont(TIME);
        g.setFill(p.muted());
        g.fillText(Durations.format(row.time()), 6, 16);
        switch (row) {
            case SequenceRow.Command c -> paintCommand(g, width, c, p);
            case SequenceRow.ClusterEvent e -> paintEvent(g, width, e, p);
        }
    }

    private void paintCommand(GraphicsContext g, double width, SequenceRow.Command c, Palette p) {
        double from = nodeX(c.node(), width), to = diskX(c.disk(), width), y = 29;
        Color colour = switch (c.status()) {
            case GOOD -> p.good();
            case RESERVATION_CONFLICT -> p.conflict();
            case CHECK_CONDITION -> p.check();
            default -> p.muted();
        };
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(2);
        g.strokeLine(from, y, to, y);
        double dir = Math.signum(to - from) == 0 ? 1 : Math.signum(to - from);
        g.fillPolygon(new double[] {to, to - 9 * dir, to - 9 * dir}, new double[] {y, y - 4.5, y + 4.5}, 3);
        g.fillOval(from - 3, y - 3, 6, 6);
        String label = (c.path().isEmpty() ? c.label() : c.label() + "  [" + c.path() + "]") + "  -> ";
        String outcome = c.outcome();
        double outcomeWidth = width(outcome, LABEL_BOLD), right = width - 4;
        // Start above the arrow; slide left over the time-side lanes when the line would not fit.
        double x = Math.min(from, to) + 6;
        double needed = width(label, LABEL) + outcomeWidth;
        if (x + needed > right) x = Math.max(TIME_WIDTH + 6, right - needed);
        g.setFont(LABEL);
        g.setFill(p.text());
        // The outcome always shows: the label gives way first.
        double labelRoom = Math.max(0, right - x - outcomeWidth);
        fit(g, label, x, 17, labelRoom);
        double used = Math.min(width(label, LABEL), labelRoom);
        g.setFont(LABEL_BOLD);
        g.setFill(colour);
        fit(g, outcome, x + used, 17, right - x - used);
    }

    private void paintEvent(GraphicsContext g, double width, SequenceRow.ClusterEvent e, Palette p) {
        double x = nodeX(e.node(), width), y = 29; // the mark where commands have their arrow, the words above
        int i = nodes.indexOf(e.node());
        g.setFill(i < 0 ? p.muted() : p.node(i));
        g.fillPolygon(new double[] {x, x + 7, x, x - 7}, new double[] {y - 7, y, y + 7, y}, 4);
        g.setFont(LABEL_BOLD);
        g.setFill(p.text());
        String text = e.node() + ": " + e.text();
        double right = width - 4, tx = Math.max(TIME_WIDTH + 8, x + 12);
        // Beside the mark when it fits; else slide left over the lanes, as far as the time column.
        double needed = width(text, LABEL_BOLD);
        if (tx + needed > right) tx = Math.max(TIME_WIDTH + 8, right - needed);
        fit(g, text, tx, 17, right - tx);
    }

    /** Centred on {@code x}, but kept inside the canvas. */
    private void centred(GraphicsContext g, String text, double x, double y, double canvasWidth, Color colour) {
        double w = width(text, g.getFont());
        g.setFill(colour);
        g.fillText(text, Math.max(2, Math.min(canvasWidth - w - 2, x - w / 2)), y);
    }

    /** Draws {@code text}, cut short with an ellipsis if it would run past {@code maxWidth}. */
    private void fit(GraphicsContext g, String text, double x, double y, double maxWidth) {
        if (maxWidth <= 8) return;
        String shown = text;
        if (width(shown, g.getFont()) > maxWidth) {
            int lo = 0, hi = text.length(); // longest prefix that fits with the ellipsis
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (width(text.substring(0, mid) + "…", g.getFont()) <= maxWidth) lo = mid;
                else hi = mid - 1;
            }
            shown = text.substring(0, lo) + "…";
        }
        g.fillText(shown, x, y);
    }

    private double width(String text, Font font) {
        measure.setFont(font);
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }
}
