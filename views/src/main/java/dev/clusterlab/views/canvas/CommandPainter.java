package dev.clusterlab.views.canvas;

import dev.clusterlab.views.session.CommandArrow;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The commands of the last {@link LabSession#RECENT_NANOS}: each flies from the node's path port to
 * the disk as a dot in the node's colour, and its response flies back in the colour (and shape) of
 * its outcome; afterwards the route stays drawn in that colour, fading, with a label of the latest
 * command per node and disk. Positions come from the frame time alone ({@link #flight}), so a
 * rewound frame draws the same picture.
 */
final class CommandPainter {
    /** How long the request dot takes to reach the disk, and the response dot to come back. */
    static final long LEG_NANOS = 400_000_000L;

    /** Where a command's dot is: on its way to the disk ({@code request}) or back, {@code at} 0 (node) to 1 (disk). */
    record Flight(boolean request, double at) {}

    // Name -> position, looked up for every recent command on every frame (up to thousands at 1,000 commands/s).
    private final Map<String, Integer> nodeIndex = new java.util.HashMap<>(), diskIndex = new java.util.HashMap<>();

    private LabFrame latestFrame;
    private Map<String, CommandArrow> latest;

    CommandPainter(Topology topology) {
        List<String> nodes = topology.nodeNames(), disks = topology.diskNames();
        for (int i = 0; i < nodes.size(); i++) nodeIndex.put(nodes.get(i), i);
        for (int i = 0; i < disks.size(); i++) diskIndex.put(disks.get(i), i);
    }

    /** The command's dot {@code ageNanos} after it was issued, or null once its response is home. */
    static Flight flight(long ageNanos) {
        if (ageNanos < 0 || ageNanos >= 2 * LEG_NANOS) return null;
        if (ageNanos < LEG_NANOS) return new Flight(true, ageNanos / (double) LEG_NANOS);
        return new Flight(false, 1 - (ageNanos - LEG_NANOS) / (double) LEG_NANOS);
    }

    /** The route lines: the latest command per node path and disk (older ones on the same route are behind it anyway). */
    void paintRoutes(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        for (CommandArrow c : latestPerRoute(frame).values()) {
            Layout.Segment r = route(layout, c);
            if (r == null) continue;
            long ageNanos = frame.time() - c.time();
            double age = (double) ageNanos / LabSession.RECENT_NANOS;
            Flight f = flight(ageNanos);
            if (f != null && f.request()) { // the request is still on its way: a thin line behind its dot
                g.setStroke(p.link());
                g.setLineWidth(1.5);
                g.strokeLine(r.x0(), r.y0(), lerp(r.x0(), r.x1(), f.at()), lerp(r.y0(), r.y1(), f.at()));
                continue;
            }
            Color colour = colour(c.outcome(), p);
            g.setStroke(colour.deriveColor(0, 1, 1, 1 - 0.75 * Math.min(1, age)));
            g.setLineWidth(c.outcome() == CommandArrow.Outcome.GOOD ? 2.5 : 4);
            if (f != null) { // the response is coming back: the request's line, and the outcome's colour from the disk to the dot
                g.strokeLine(r.x1(), r.y1(), lerp(r.x0(), r.x1(), f.at()), lerp(r.y0(), r.y1(), f.at()));
                g.setStroke(p.link());
                g.setLineWidth(1.5);
                g.strokeLine(r.x0(), r.y0(), lerp(r.x0(), r.x1(), f.at()), lerp(r.y0(), r.y1(), f.at()));
                continue;
            }
            g.strokeLine(r.x0(), r.y0(), r.x1(), r.y1());
            arrowHead(g, r.x0(), r.y0(), r.x1(), r.y1());
        }
    }

    /** Every recent command's dot, request or response. */
    void paintFlights(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        for (CommandArrow c : frame.recentCommands()) {
            Flight f = flight(frame.time() - c.time());
            if (f == null) continue;
            Layout.Segment r = route(layout, c);
            if (r == null) continue;
            double x = lerp(r.x0(), r.x1(), f.at()), y = lerp(r.y0(), r.y1(), f.at());
            if (f.request()) {
                Color own = p.node(nodeIndex.get(c.node()));
                g.setFill(own);
                g.fillOval(x - 5, y - 5, 10, 10);
                g.setStroke(p.background());
                g.setLineWidth(1.5);
                g.strokeOval(x - 5, y - 5, 10, 10);
            } else {
                marker(g, c.outcome(), x, y, p);
            }
        }
    }

    /**
     * The response marker: a disc for GOOD, a square for RESERVATION CONFLICT, a diamond for CHECK
     * CONDITION — shapes as well as colours, so the outcome reads in grey-scale and to colour-blind eyes.
     */
    static void marker(GraphicsContext g, CommandArrow.Outcome o, double x, double y, Palette p) {
        g.setFill(colour(o, p));
        g.setStroke(p.background());
        g.setLineWidth(1.5);
        switch (o) {
            case GOOD, OTHER -> {
                g.fillOval(x - 7, y - 7, 14, 14);
                g.strokeOval(x - 7, y - 7, 14, 14);
            }
            case RESERVATION_CONFLICT -> {
                g.fillRect(x - 7, y - 7, 14, 14);
                g.strokeRect(x - 7, y - 7, 14, 14);
            }
            case CHECK_CONDITION -> {
                double[] xs = {x, x + 9, x, x - 9}, ys = {y - 9, y, y + 9, y};
                g.fillPolygon(xs, ys, 4);
                g.strokePolygon(xs, ys, 4);
            }
        }
    }

    /** One label per node and disk: the latest command, near the node end, on a plate. */
    void paintLabels(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        Map<String, CommandArrow> labelled = new LinkedHashMap<>();
        for (CommandArrow c : latestPerRoute(frame).values()) {
            CommandArrow shown = labelled.get(c.node() + ">" + c.disk());
            if (shown == null || shown.time() <= c.time()) labelled.put(c.node() + ">" + c.disk(), c);
        }
        for (CommandArrow c : labelled.values()) {
            Integer ni = nodeIndex.get(c.node()), di = diskIndex.get(c.disk());
            if (ni == null || di == null) continue;
            Layout.Box n = layout.nodes().get(ni), d = layout.disks().get(di);
            Layout.Segment r = route(layout, c);
            // Between the ports and the disk, on a plate, so the label never sits on another arrow or a disk.
            String what = shorten(c.summary()), outcome = "-> " + outcomeText(c.outcome());
            double left = Math.min(r.x0(), r.x1()) + 4, right = Math.max(r.x0(), r.x1()) - 4;
            // As wide as the words, but never wider than the gap between the ports and the disk (then cut short).
            double tw = Math.min(right - left, Math.max(CanvasText.width(what, CanvasText.SMALL), CanvasText.width(outcome, CanvasText.SMALL)) + 14);
            double lx = Math.max(left + tw / 2, Math.min(right - tw / 2, (r.x0() + r.x1()) / 2));
            double ly = (n.cy() + d.cy()) / 2 - 30;
            g.setFill(p.background().deriveColor(0, 1, 1, 0.9));
            g.fillRoundRect(lx - tw / 2, ly - 10, tw, 36, 8, 8);
            g.setFont(CanvasText.SMALL);
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(colour(c.outcome(), p));
            CanvasText.fit(g, what, lx - tw / 2 + 7, ly, tw - 14);
            CanvasText.fit(g, outcome, lx - tw / 2 + 7, ly + 16, tw - 14);
        }
        g.setTextAlign(TextAlignment.LEFT);
    }

    private Map<String, CommandArrow> latestPerRoute(LabFrame frame) {
        if (frame == latestFrame) return latest; // routes and labels of one frame read it twice
        Map<String, CommandArrow> out = new LinkedHashMap<>();
        for (CommandArrow c : frame.recentCommands()) out.put(c.node() + "/" + c.path() + ">" + c.disk(), c);
        latestFrame = frame;
        latest = out;
        return out;
    }

    /** The route of {@code c} from its node's path port to its disk, or null for a node or disk the topology does not know. */
    private Layout.Segment route(Layout layout, CommandArrow c) {
        Integer ni = nodeIndex.get(c.node()), di = diskIndex.get(c.disk());
        if (ni == null || di == null) return null;
        int paths = layout.ports().get(ni).size();
        if (paths == 0) return null;
        return layout.route(ni, Math.max(0, Math.min(paths - 1, pathIndex(c.path()))), di);
    }

    private static double lerp(double a, double b, double t) { return a + (b - a) * t; }

    static int pathIndex(String path) {
        try {
            return Integer.parseInt(path.substring(1)) - 1;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String shorten(String summary) { return summary.length() > 36 ? summary.substring(0, 35) + "…" : summary; }

    static String outcomeText(CommandArrow.Outcome o) {
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

    /** The outcomes the legend explains, in order. */
    static final List<CommandArrow.Outcome> LEGEND = List.of(CommandArrow.Outcome.GOOD, CommandArrow.Outcome.RESERVATION_CONFLICT,
            CommandArrow.Outcome.CHECK_CONDITION);
}
