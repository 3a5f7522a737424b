package dev.clusterlab.views.canvas;

import dev.clusterlab.views.session.Topology;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** The focus ring of the canvas selection: a dashed outline around a card or port, a halo along a link. */
final class SelectionPainter {
    /** The focus colour, the same in both themes (the system's focus blue reads on light and dark). */
    static final Color FOCUS = Color.web("#0a84ff");

    private SelectionPainter() {}

    static void paint(GraphicsContext g, Layout layout, Topology topology, CanvasTarget selection, Palette p) {
        if (selection == null) return;
        g.setStroke(FOCUS);
        g.setLineWidth(3);
        g.setLineDashes(7, 4);
        outline(g, layout, topology, selection);
    }

    /** What the pointer is over: a faint solid outline, so the user sees what a click would select. */
    static void paintHover(GraphicsContext g, Layout layout, Topology topology, CanvasTarget hover, Palette p) {
        g.setStroke(FOCUS.deriveColor(0, 1, 1, 0.45));
        g.setLineWidth(2);
        g.setLineDashes((double[]) null);
        outline(g, layout, topology, hover);
    }

    private static void outline(GraphicsContext g, Layout layout, Topology topology, CanvasTarget selection) {
        switch (selection) {
            case CanvasTarget.Node n -> {
                int i = topology.nodeNames().indexOf(n.node());
                if (i >= 0) ring(g, layout.nodes().get(i), 7, 18);
            }
            case CanvasTarget.Disk d -> {
                int i = topology.diskNames().indexOf(d.disk());
                if (i >= 0) ring(g, layout.disks().get(i), 7, 14);
            }
            case CanvasTarget.Path path -> {
                int i = topology.nodeNames().indexOf(path.node());
                int k = CommandPainter.pathIndex(path.path());
                if (i >= 0 && k >= 0 && k < layout.ports().get(i).size()) {
                    ring(g, layout.ports().get(i).get(k), 5, 8);
                    g.setLineWidth(1.5);
                    for (int d = 0; d < topology.disks().size(); d++) {
                        Layout.Segment r = layout.route(i, k, d);
                        g.strokeLine(r.x0(), r.y0(), r.x1(), r.y1());
                    }
                }
            }
            case CanvasTarget.Link l -> link(g, layout, topology, l);
        }
        g.setLineDashes((double[]) null);
    }

    private static void ring(GraphicsContext g, Layout.Box b, double out, double arc) {
        g.strokeRoundRect(b.x() - out, b.y() - out, b.w() + 2 * out, b.h() + 2 * out, arc, arc);
    }

    private static void link(GraphicsContext g, Layout layout, Topology topology, CanvasTarget.Link l) {
        int k = topology.networks().indexOf(l.network());
        if (k < 0) return;
        boolean hover = g.getLineDashes() == null || g.getLineDashes().length == 0;
        g.setLineDashes((double[]) null);
        g.setStroke(FOCUS.deriveColor(0, 1, 1, hover ? 0.2 : 0.45));
        g.setLineWidth(hover ? 8 : 12);
        if (!layout.bus()) {
            if (topology.nodes().size() != 2) return;
            Layout.Arc a = layout.arc(k);
            g.beginPath();
            g.moveTo(a.x0(), a.y0());
            g.quadraticCurveTo(a.cx(), a.cy(), a.x2(), a.y2());
            g.stroke();
            return;
        }
        if (l.a() != null) {
            int i = topology.nodeNames().indexOf(l.a());
            if (i >= 0) stroke(g, layout.stub(k, i));
            return;
        }
        stroke(g, layout.busLine(k));
        stroke(g, layout.riser(k, true));
        stroke(g, layout.riser(k, false));
    }

    private static void stroke(GraphicsContext g, Layout.Segment s) { g.strokeLine(s.x0(), s.y0(), s.x1(), s.y1()); }
}
