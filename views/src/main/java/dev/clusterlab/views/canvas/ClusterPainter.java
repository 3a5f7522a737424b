package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.views.session.CommandArrow;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.Topology;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Draws the cluster picture of one {@link LabFrame}: a pure function of the frame (including its
 * time), the topology, the palette and the selection (RaftScope's render step), so a rewound frame
 * draws exactly as it did the first time. Nodes sit either side of the shared disks with their
 * paths as ports; heartbeat links arc over the top (a bus for more than two nodes) with heartbeats
 * travelling as pulses ({@link LinkPainter}); the commands of the last two seconds fly from port to
 * disk and their responses fly back in the colour of their outcome ({@link CommandPainter}); the
 * integrity monitor's alarm sits in the header. Hit-testing ({@link CanvasHit}) reads the same
 * {@link Layout}.
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
    private final CommandPainter commands;

    /**
     * A painter with the default timings ({@link CanvasTiming#DEFAULT}).
     *
     * @param pathOf "node-a/p1" for a lab initiator port, else null
     * @param description the scenario's description: its first sentence becomes the subtitle
     */
    public ClusterPainter(Topology topology, Function<InitiatorPort, String> pathOf, String title, String description) {
        this(topology, pathOf, title, description, CanvasTiming.DEFAULT);
    }

    /** @param timing the scenario's heartbeat interval and reboot time ({@link CanvasTiming#of}) */
    public ClusterPainter(Topology topology, Function<InitiatorPort, String> pathOf, String title, String description, CanvasTiming timing) {
        this.topology = topology;
        PortNames names = new PortNames(pathOf);
        this.links = new LinkPainter(topology, timing.heartbeatNanos());
        this.nodes = new NodePainter(topology, names, links, timing.rebootNanos());
        this.disks = new DiskPainter(topology, names);
        this.commands = new CommandPainter(topology);
        this.title = title;
        this.subtitle = firstSentence(description == null ? "" : description.replace('\n', ' ').strip());
    }

    public Topology topology() { return topology; }

    private static String firstSentence(String text) {
        int stop = text.indexOf(". ");
        String first = stop < 0 ? text : text.substring(0, stop + 1);
        return first.length() > 170 ? first.substring(0, 169) + "…" : first;
    }

    /**
     * Paints {@code frame} on a {@code w} x {@code h} area. Below {@link #MIN_W} x {@link #MIN_H} the
     * whole picture is scaled down rather than squeezed, so cards never overlap or leave the canvas.
     */
    public void paint(GraphicsContext g, double w, double h, LabFrame frame, Palette p) { paint(g, w, h, frame, p, null); }

    /** As {@link #paint(GraphicsContext, double, double, LabFrame, Palette)}, with a focus ring on {@code selection} (null: none). */
    public void paint(GraphicsContext g, double w, double h, LabFrame frame, Palette p, CanvasTarget selection) {
        paint(g, w, h, frame, p, selection, null);
    }

    /** As above, with a light outline on {@code hover}, what the pointer is over (null: nothing). */
    public void paint(GraphicsContext g, double w, double h, LabFrame frame, Palette p, CanvasTarget selection, CanvasTarget hover) {
        double scale = CanvasHit.scale(w, h);
        g.save();
        g.scale(scale, scale);
        paintUnscaled(g, w / scale, h / scale, frame, p, selection, hover);
        g.restore();
    }

    private void paintUnscaled(GraphicsContext g, double w, double h, LabFrame frame, Palette p, CanvasTarget selection, CanvasTarget hover) {
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        Layout layout = Layout.of(topology, w, h);
        paintHeader(g, w, frame, p);
        links.paint(g, layout, frame, p);
        commands.paintRoutes(g, layout, frame, p);
        commands.paintLabels(g, layout, frame, p); // under the cards: a long label may run behind one, never over its text
        for (int i = 0; i < topology.nodes().size(); i++) nodes.paint(g, layout, i, frame, p);
        for (int i = 0; i < topology.disks().size(); i++) disks.paint(g, layout, i, frame, p);
        commands.paintFlights(g, layout, frame, p);
        if (hover != null && !hover.equals(selection)) SelectionPainter.paintHover(g, layout, topology, hover, p);
        SelectionPainter.paint(g, layout, topology, selection, p);
        paintLegend(g, w, h, p);
    }

    private void paintHeader(GraphicsContext g, double w, LabFrame frame, Palette p) {
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(CanvasText.TITLE);
        g.setFill(p.text());
        g.fillText(title, 18, HEADER_H / 2);
        g.setTextAlign(TextAlignment.RIGHT);
        String time = "t = " + Durations.format(frame.time());
        g.fillText(time, w - 18, HEADER_H / 2);
        int violations = frame.cluster().violations();
        if (violations > 0) { // the integrity monitor fired: the one thing a trainer must not let pass unseen
            String alarm = "⚠ INTEGRITY MONITOR: " + violations + (violations == 1 ? " violation" : " violations");
            g.setFont(CanvasText.NAME);
            double aw = CanvasText.width(alarm, CanvasText.NAME) + 24, right = w - 18 - CanvasText.width(time, CanvasText.TITLE) - 24;
            g.setFill(p.conflict());
            g.fillRoundRect(right - aw, HEADER_H / 2 - 15, aw, 30, 15, 15);
            g.setFill(Color.WHITE);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(alarm, right - aw / 2, HEADER_H / 2);
        }
        if (!subtitle.isEmpty()) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(CanvasText.BODY);
            g.setFill(p.muted());
            g.fillText(subtitle, 18, HEADER_H + 6);
        }
    }

    private void paintLegend(GraphicsContext g, double w, double h, Palette p) {
        double y = h - LEGEND_H / 2, x = 18;
        g.setFont(CanvasText.SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(p.muted());
        g.fillText("commands of the last 2 s (request ● out, response back):", x, y);
        x += CanvasText.width("commands of the last 2 s (request ● out, response back):", CanvasText.SMALL) + 14;
        for (CommandArrow.Outcome o : CommandPainter.LEGEND) {
            g.setStroke(CommandPainter.colour(o, p));
            g.setLineWidth(4);
            g.strokeLine(x, y, x + 22, y);
            CommandPainter.marker(g, o, x + 30, y, p);
            g.setFill(p.text());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(CommandPainter.outcomeText(o), x + 44, y);
            x += 44 + CanvasText.width(CommandPainter.outcomeText(o), CanvasText.SMALL) + 20;
        }
        LinkPainter.paintPulse(g, new HeartbeatPulses.Pulse(HeartbeatPulses.Kind.HEARTBEAT, 0, 1), x + 6, y, p.link(), p);
        g.setFill(p.text());
        g.setFont(CanvasText.SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("heartbeat", x + 18, y);
        x += 18 + CanvasText.width("heartbeat", CanvasText.SMALL) + 20;
        g.setStroke(p.conflict());
        g.setLineWidth(2.5);
        g.setLineDashes(3, 3);
        g.strokeOval(x, y - 8, 16, 16);
        g.setLineDashes((double[]) null);
        g.fillText("heartbeat missed", x + 22, y);
        x += 22 + CanvasText.width("heartbeat missed", CanvasText.SMALL) + 20;
        g.setFill(p.muted());
        g.fillText("★ = holds the reservation", x, y);
    }
}
