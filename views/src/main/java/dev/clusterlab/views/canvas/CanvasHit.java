package dev.clusterlab.views.canvas;

import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Hit-testing on the cluster canvas: which {@link CanvasTarget} lies under a point, and the order
 * Tab walks the targets in. Pure functions of the {@link Layout} (no toolkit), so they are tested
 * without a window and always agree with what {@link ClusterPainter} draws.
 */
public final class CanvasHit {
    /** How close (in layout units) the pointer must be to a line to hit it. */
    static final double LINE_TOLERANCE = 8;

    private CanvasHit() {}

    /** The layout the painter uses on a {@code w} x {@code h} canvas, and the scale it draws it at. */
    static double scale(double w, double h) {
        return Math.min(1, Math.min(w / ClusterPainter.MIN_W, h / ClusterPainter.MIN_H));
    }

    static Layout layout(Topology topology, double w, double h) {
        double s = scale(w, h);
        return Layout.of(topology, w / s, h / s);
    }

    /**
     * The target under canvas point ({@code x}, {@code y}) on a {@code w} x {@code h} canvas, or null.
     * Ports before cards (they sit on the card's edge), cards before lines, routes before links.
     */
    public static CanvasTarget at(Topology topology, double w, double h, double x, double y) {
        double s = scale(w, h);
        return atLayout(topology, Layout.of(topology, w / s, h / s), x / s, y / s);
    }

    static CanvasTarget atLayout(Topology topology, Layout layout, double x, double y) {
        List<String> nodes = topology.nodeNames(), disks = topology.diskNames();
        for (int i = 0; i < nodes.size(); i++) {
            List<Layout.Box> ports = layout.ports().get(i);
            for (int p = 0; p < ports.size(); p++) if (grow(ports.get(p), 3).contains(x, y)) return new CanvasTarget.Path(nodes.get(i), "p" + (p + 1));
        }
        for (int i = 0; i < nodes.size(); i++) if (layout.nodes().get(i).contains(x, y)) return new CanvasTarget.Node(nodes.get(i));
        for (int d = 0; d < disks.size(); d++) if (layout.disks().get(d).contains(x, y)) return new CanvasTarget.Disk(disks.get(d));
        for (int i = 0; i < nodes.size(); i++) {
            for (int p = 0; p < layout.ports().get(i).size(); p++) {
                for (int d = 0; d < disks.size(); d++) {
                    if (layout.route(i, p, d).distanceTo(x, y) <= LINE_TOLERANCE / 2) return new CanvasTarget.Path(nodes.get(i), "p" + (p + 1));
                }
            }
        }
        // Links run close together (a stub per network, 8 apart): the nearest one within reach wins.
        List<String> networks = topology.networks();
        CanvasTarget nearest = null;
        double best = LINE_TOLERANCE;
        for (int k = 0; k < networks.size(); k++) {
            if (!layout.bus()) {
                if (nodes.size() != 2) continue;
                double d = layout.arc(k).distanceTo(x, y);
                if (d <= best) {
                    best = d;
                    nearest = new CanvasTarget.Link(networks.get(k), nodes.get(0), nodes.get(1));
                }
                continue;
            }
            for (int i = 0; i < nodes.size(); i++) {
                double d = layout.stub(k, i).distanceTo(x, y);
                if (d <= best) {
                    best = d;
                    nearest = new CanvasTarget.Link(networks.get(k), nodes.get(i), null);
                }
            }
            double d = Math.min(layout.busLine(k).distanceTo(x, y), Math.min(layout.riser(k, true).distanceTo(x, y), layout.riser(k, false).distanceTo(x, y)));
            if (d < best) {
                best = d;
                nearest = new CanvasTarget.Link(networks.get(k), null, null);
            }
        }
        return nearest;
    }

    /**
     * The middle of {@code target} as drawn on a {@code w} x {@code h} canvas, in canvas coordinates
     * (the centre of the canvas for something the topology does not have).
     */
    public static javafx.geometry.Point2D centreOf(Topology topology, double w, double h, CanvasTarget target) {
        double s = scale(w, h);
        double[] c = centreInLayout(topology, Layout.of(topology, w / s, h / s), target);
        return c == null ? new javafx.geometry.Point2D(w / 2, h / 2) : new javafx.geometry.Point2D(c[0] * s, c[1] * s);
    }

    static double[] centreInLayout(Topology topology, Layout layout, CanvasTarget target) {
        return switch (target) {
            case null -> null;
            case CanvasTarget.Node n -> {
                int i = topology.nodeNames().indexOf(n.node());
                yield i < 0 ? null : new double[] {layout.nodes().get(i).cx(), layout.nodes().get(i).cy()};
            }
            case CanvasTarget.Disk d -> {
                int i = topology.diskNames().indexOf(d.disk());
                yield i < 0 ? null : new double[] {layout.disks().get(i).cx(), layout.disks().get(i).cy()};
            }
            case CanvasTarget.Path p -> {
                int i = topology.nodeNames().indexOf(p.node()), k = CommandPainter.pathIndex(p.path());
                if (i < 0 || k < 0 || k >= layout.ports().get(i).size()) yield null;
                Layout.Box b = layout.ports().get(i).get(k);
                yield new double[] {b.cx(), b.cy()};
            }
            case CanvasTarget.Link l -> {
                int k = topology.networks().indexOf(l.network());
                if (k < 0) yield null;
                if (!layout.bus()) yield topology.nodes().size() == 2 ? new double[] {layout.arc(k).x(0.5), layout.arc(k).y(0.5)} : null;
                int i = l.a() == null ? -1 : topology.nodeNames().indexOf(l.a());
                Layout.Segment s = i >= 0 ? layout.stub(k, i) : layout.busLine(k);
                yield new double[] {(s.x0() + s.x1()) / 2, (s.y0() + s.y1()) / 2};
            }
        };
    }

    private static Layout.Box grow(Layout.Box b, double by) { return new Layout.Box(b.x() - by, b.y() - by, b.w() + 2 * by, b.h() + 2 * by); }

    /**
     * Everything Tab can select, in the order it visits them: each node followed by its paths, then
     * the disks, then the links (the arc per network for two nodes; each node's stub then the whole
     * network for more).
     */
    public static List<CanvasTarget> tabOrder(Topology topology) {
        List<CanvasTarget> out = new ArrayList<>();
        for (var n : topology.nodes()) {
            out.add(new CanvasTarget.Node(n.name()));
            for (String p : n.pathNames()) out.add(new CanvasTarget.Path(n.name(), p));
        }
        for (String d : topology.diskNames()) out.add(new CanvasTarget.Disk(d));
        List<String> nodes = topology.nodeNames();
        for (String network : topology.networks()) {
            if (nodes.size() == 2) out.add(new CanvasTarget.Link(network, nodes.get(0), nodes.get(1)));
            else if (nodes.size() > 2) {
                for (String n : nodes) out.add(new CanvasTarget.Link(network, n, null));
                out.add(new CanvasTarget.Link(network, null, null));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The target after (or before, {@code forward} false) {@code current} in {@link #tabOrder}; the
     * first (last) when none is selected, and null past the end, so Tab can leave the canvas.
     */
    public static CanvasTarget next(Topology topology, CanvasTarget current, boolean forward) {
        List<CanvasTarget> order = tabOrder(topology);
        if (order.isEmpty()) return null;
        int i = current == null ? -1 : order.indexOf(current);
        if (i < 0) return forward ? order.get(0) : order.get(order.size() - 1);
        int next = i + (forward ? 1 : -1);
        return next < 0 || next >= order.size() ? null : order.get(next);
    }
}
