package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.views.session.CommandArrow;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Draws the cluster picture of one {@link LabFrame}: a pure function of the frame, the topology and
 * the palette (RaftScope's render step), so a rewound frame draws exactly as it did the first time.
 * Nodes sit either side of the shared disks; heartbeat links arc over the top; the commands of the
 * last two seconds are arrows from node to disk in the colour of their outcome.
 */
public final class ClusterPainter {
    /** The smallest area the picture is laid out for; smaller canvases get it scaled down. */
    static final double MIN_W = 1400, MIN_H = 820;
    static final double NODE_W = 260, NODE_H = 200, HEADER_H = 48, LEGEND_H = 34;

    private final Topology topology;
    private final LinkPainter links;
    private final NodePainter nodes;
    private final DiskPainter disks;
    private final String title;
    private final String subtitle;

    /** @param pathOf "node-a/p1" for a lab initiator port, else null */
    /** @param description the scenario's description: its first sentence becomes the subtitle */
    public ClusterPainter(Topology topology, Function<InitiatorPort, String> pathOf, String title, String description) {
        this.topology = topology;
        PortNames names = new PortNames(pathOf);
        this.links = new LinkPainter(topology);
        this.nodes = new NodePainter(topology, names, links);
        this.disks = new DiskPainter(topology, names);
        this.title = title;
        this.subtitle = firstSentence(description == null ? "" : description.replace('\n', ' ').strip());
    }

    private static String firstSentence(String text) {
        int stop = text.indexOf(". ");
        String first = stop < 0 ? text : text.substring(0, stop + 1);
        return first.length() > 170 ? first.substring(0, 169) + "…" : first;
    }

    /**
     * Paints {@code frame} on a {@code w} x {@code h} area. Below {@link #MIN_W} x {@link #MIN_H} the
     * whole picture is scaled down rather than squeezed, so cards never overlap or leave the canvas.
     */
    public void paint(GraphicsContext g, double w, double h, LabFrame frame, Palette p) {
        double scale = Math.min(1, Math.min(w / MIN_W, h / MIN_H));
        g.save();
        g.scale(scale, scale);
        paintUnscaled(g, w / scale, h / scale, frame, p);
        g.restore();
    }

    private void paintUnscaled(GraphicsContext g, double w, double h, LabFrame frame, Palette p) {
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        Layout layout = Layout.of(topology, w, h);
        paintHeader(g, w, frame, p);
        links.paint(g, layout, frame, p);
        paintCommands(g, layout, frame, p);
        for (int i = 0; i < topology.nodes().size(); i++) nodes.paint(g, layout, i, frame, p);
        for (int i = 0; i < topology.disks().size(); i++) disks.paint(g, layout, i, frame, p);
        paintLegend(g, w, h, p);
    }

    private void paintHeader(GraphicsContext g, double w, LabFrame frame, Palette p) {
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(CanvasText.TITLE);
        g.setFill(p.text());
        g.fillText(title, 18, HEADER_H / 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("t = " + Durations.format(frame.time()), w - 18, HEADER_H / 2);
        if (!subtitle.isEmpty()) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(CanvasText.BODY);
            g.setFill(p.muted());
            g.fillText(subtitle, 18, HEADER_H + 6);
        }
    }

    // --- commands ----------------------------------------------------------------------------

    private void paintCommands(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        // The latest command per node path and disk: older ones on the same route are behind it anyway.
        Map<String, CommandArrow> latest = new LinkedHashMap<>();
        for (CommandArrow c : frame.recentCommands()) latest.put(c.node() + "/" + c.path() + ">" + c.disk(), c);
        Map<String, CommandArrow> labelled = new LinkedHashMap<>(); // one label per node and disk
        for (CommandArrow c : latest.values()) {
            int ni = topology.nodeNames().indexOf(c.node()), di = topology.diskNames().indexOf(c.disk());
            if (ni < 0 || di < 0) continue;
            Layout.Box n = layout.nodes().get(ni), d = layout.disks().get(di);
            double offset = (pathIndex(c.path()) - 0.5) * 10;
            boolean leftOfDisk = n.cx() < d.cx();
            double x0 = leftOfDisk ? n.x() + n.w() : n.x(), y0 = n.cy() + offset;
            double x1 = leftOfDisk ? d.x() : d.x() + d.w(), y1 = d.cy() + offset;
            double age = (double) (frame.time() - c.time()) / LabSession.RECENT_NANOS;
            Color colour = colour(c.outcome(), p);
            g.setStroke(colour.deriveColor(0, 1, 1, 1 - 0.75 * Math.min(1, age)));
            g.setLineWidth(c.outcome() == CommandArrow.Outcome.GOOD ? 2.5 : 4);
            g.strokeLine(x0, y0, x1, y1);
            arrowHead(g, x0, y0, x1, y1);
            CommandArrow shown = labelled.get(c.node() + ">" + c.disk());
            if (shown == null || shown.time() <= c.time()) labelled.put(c.node() + ">" + c.disk(), c);
        }
        for (CommandArrow c : labelled.values()) {
            Layout.Box n = layout.nodes().get(topology.nodeNames().indexOf(c.node()));
            Layout.Box d = layout.disks().get(topology.diskNames().indexOf(c.disk()));
            boolean leftOfDisk = n.cx() < d.cx();
            double x0 = leftOfDisk ? n.x() + n.w() : n.x(), x1 = leftOfDisk ? d.x() : d.x() + d.w();
            // Near the node end, on a plate, so the label never sits on another arrow or a disk.
            String what = shorten(c.summary()), outcome = "-> " + outcomeText(c.outcome());
            double tw = Math.max(CanvasText.width(what, CanvasText.SMALL), CanvasText.width(outcome, CanvasText.SMALL)) + 14;
            double left = Math.min(x0, x1) + 4, right = Math.max(x0, x1) - 4;
            double lx = Math.max(left + tw / 2, Math.min(right - tw / 2, (x0 + x1) / 2));
            double ly = (n.cy() + d.cy()) / 2 - 26;
            g.setFill(p.background().deriveColor(0, 1, 1, 0.9));
            g.fillRoundRect(lx - tw / 2, ly - 10, tw, 36, 8, 8);
            g.setFont(CanvasText.SMALL);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(colour(c.outcome(), p));
            g.fillText(what, lx, ly);
            g.fillText(outcome, lx, ly + 16);
        }
    }

    private static int pathIndex(String path) {
        try {
            return Integer.parseInt(path.substring(1)) - 1;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String shorten(String summary) { return summary.length() > 36 ? summary.substring(0, 35) + "…" : summary; }

    private static String outcomeText(CommandArrow.Outcome o) {
        return switch (o) {
            case GOOD -> "GOOD";
            case RESERVATION_CONFLICT -> "RESERVATION CONFLICT";
            case CHECK_CONDITION -> "CHECK CONDITION";
            case OTHER -> "other status";
        };
    }

    static Color colour(CommandArrow.Outcome o, Palette p) {
        return switch (o) {
            case GOOD -> p.good();
            case RESERVATION_CONFLICT -> p.conflict();
            case CHECK_CONDITION -> p.check();
            case OTHER -> p.muted();
        };
    }

    private static void arrowHead(GraphicsContext g, double x0, double y0, double x1, double y1) {
        double angle = Math.atan2(y1 - y0, x1 - x0), len = 11;
        g.strokeLine(x1, y1, x1 - len * Math.cos(angle - 0.45), y1 - len * Math.sin(angle - 0.45));
        g.strokeLine(x1, y1, x1 - len * Math.cos(angle + 0.45), y1 - len * Math.sin(angle + 0.45));
    }

    private void paintLegend(GraphicsContext g, double w, double h, Palette p) {
        double y = h - LEGEND_H / 2, x = 18;
        g.setFont(CanvasText.SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(p.muted());
        g.fillText("commands of the last 2 s:", x, y);
        x += 170;
        for (CommandArrow.Outcome o : List.of(CommandArrow.Outcome.GOOD, CommandArrow.Outcome.RESERVATION_CONFLICT, CommandArrow.Outcome.CHECK_CONDITION)) {
            g.setStroke(colour(o, p));
            g.setLineWidth(4);
            g.strokeLine(x, y, x + 26, y);
            g.setFill(p.text());
            g.fillText(outcomeText(o), x + 32, y);
            x += 32 + CanvasText.width(outcomeText(o), CanvasText.SMALL) + 24;
        }
        g.setFill(p.muted());
        g.fillText("★ = holds the reservation", x, y);
    }
}
