package dev.clusterlab.views.sequence.export;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.views.fx.HeadlessFx;
import dev.clusterlab.views.fx.PngEncoder;
import dev.clusterlab.views.sequence.SequenceRow;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * The sequence diagram as a PNG: the SVG's layout drawn on a JavaFX canvas, headless (Monocle,
 * software rendering, see {@link HeadlessFx}), and encoded with {@link PngEncoder}. A very long
 * history would make a picture no viewer opens, so rows that would go past {@link #MAX_HEIGHT}
 * pixels are left out and {@link Result#rowsShown()} says how many made it.
 */
public final class PngExport {
    /** Tallest picture drawn, in pixels (about 300 command rows). */
    public static final int MAX_HEIGHT = 16_000;
    private static final Font LABEL = Font.font("System", 12);
    private static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final Font TIME = Font.font("DejaVu Sans Mono", 11);

    public record Result(int width, int height, int rowsShown, int rowsTotal) {}

    private PngExport() {}

    /** Draws {@code diagram} and writes it to {@code out} as a PNG. */
    public static Result write(SequenceDiagram diagram, OutputStream out) throws IOException {
        SequenceDiagram shown = fitting(diagram);
        WritableImage image = render(shown);
        PngEncoder.write(image, out);
        return new Result((int) image.getWidth(), (int) image.getHeight(), shown.rows().size(), diagram.rows().size());
    }

    /** The picture of {@code diagram} (rows past {@link #MAX_HEIGHT} left out). */
    public static WritableImage render(SequenceDiagram diagram) {
        SequenceDiagram shown = fitting(diagram);
        DiagramLayout layout = new DiagramLayout(shown);
        HeadlessFx.start();
        return HeadlessFx.call(() -> {
            Canvas canvas = new Canvas(Math.ceil(layout.width()), Math.ceil(layout.height()));
            draw(canvas.getGraphicsContext2D(), shown, layout);
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.web(DiagramLayout.background()));
            return canvas.snapshot(params, null);
        });
    }

    private static SequenceDiagram fitting(SequenceDiagram diagram) {
        double y = DiagramLayout.HEADER_HEIGHT + DiagramLayout.FOOTER;
        List<SequenceRow> rows = diagram.rows();
        int n = 0;
        while (n < rows.size() && y + DiagramLayout.rowHeight(rows.get(n)) <= MAX_HEIGHT) y += DiagramLayout.rowHeight(rows.get(n++));
        return n == rows.size() ? diagram : new SequenceDiagram(diagram.title(), diagram.nodes(), diagram.disks(), rows.subList(0, n));
    }

    private static void draw(GraphicsContext g, SequenceDiagram diagram, DiagramLayout layout) {
        g.setFill(Color.web(DiagramLayout.background()));
        g.fillRect(0, 0, layout.width(), layout.height());
        g.setFont(BOLD);
        g.setFill(Color.web(DiagramLayout.muted()));
        g.fillText("time", 8, 28);
        g.setLineWidth(1);
        g.setLineDashes(3, 4);
        for (int lane = 0; lane < layout.laneCount(); lane++) {
            double x = Math.floor(layout.laneX(lane)) + 0.5;
            g.setStroke(Color.web(DiagramLayout.laneLine()));
            g.strokeLine(x, DiagramLayout.HEADER_HEIGHT - 6, x, layout.height() - 4);
            g.setFill(Color.web(layout.laneColour(lane)));
            g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
            g.fillText(layout.laneName(lane), layout.laneX(lane), 28);
            g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        }
        g.setLineDashes();
        for (int i = 0; i < diagram.rows().size(); i++) {
            double top = layout.rowTop(i);
            switch (diagram.rows().get(i)) {
                case SequenceRow.Command c -> command(g, layout, c, top);
                case SequenceRow.ClusterEvent e -> event(g, layout, diagram, e, top);
            }
        }
    }

    private static void command(GraphicsContext g, DiagramLayout layout, SequenceRow.Command c, double top) {
        double from = layout.nodeX(c.node()), to = layout.diskX(c.disk());
        double requestY = top + 22, responseY = top + 44, left = Math.min(from, to) + 8;
        Color colour = Color.web(DiagramLayout.outcomeColour(c.status()));
        time(g, c.time(), top + 16);
        g.setFont(LABEL);
        g.setFill(Color.web(DiagramLayout.text()));
        g.fillText(c.path().isEmpty() ? c.label() : c.label() + "  [" + c.path() + "]", left, requestY - 6);
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(2);
        g.strokeLine(from, requestY, to, requestY);
        arrowHead(g, from, to, requestY);
        g.setFont(BOLD);
        g.fillText(c.outcome(), left, responseY - 5);
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        g.strokeLine(to, responseY, from, responseY);
        g.setLineDashes();
        arrowHead(g, to, from, responseY);
    }

    private static void arrowHead(GraphicsContext g, double from, double to, double y) {
        double dir = to >= from ? 1 : -1;
        g.fillPolygon(new double[] {to, to - 10 * dir, to - 10 * dir}, new double[] {y, y - 4, y + 4}, 3);
    }

    private static void event(GraphicsContext g, DiagramLayout layout, SequenceDiagram diagram, SequenceRow.ClusterEvent e, double top) {
        double x = layout.nodeX(e.node()), y = top + 15;
        time(g, e.time(), y + 4);
        g.setFill(Color.web(layout.laneColour(Math.max(0, diagram.nodes().indexOf(e.node())))));
        g.fillPolygon(new double[] {x, x + 7, x, x - 7}, new double[] {y - 7, y, y + 7, y}, 4);
        g.setFont(BOLD);
        g.setFill(Color.web(DiagramLayout.text()));
        g.fillText(e.node() + ": " + e.text(), x + 12, y + 4);
    }

    private static void time(GraphicsContext g, long nanos, double y) {
        g.setFont(TIME);
        g.setFill(Color.web(DiagramLayout.muted()));
        g.fillText(Durations.format(nanos), 8, y);
    }
}
