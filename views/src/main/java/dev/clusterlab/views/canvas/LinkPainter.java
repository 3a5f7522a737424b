package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * The heartbeat networks: for two nodes an arc over the disks, drawn cut (red cross) when a
 * LinkChanged says so and dashed while either node is not heartbeating; for more, a bus.
 */
final class LinkPainter {
    private final Topology topology;

    LinkPainter(Topology topology) { this.topology = topology; }

    void paint(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        if (topology.nodes().size() > 2) {
            paintBus(g, layout, frame, p);
            return;
        }
        List<String> nodes = topology.nodeNames();
        for (int k = 0; k < topology.networks().size(); k++) {
            String network = topology.networks().get(k);
            for (int i = 0; i < nodes.size(); i++) {
                for (int j = i + 1; j < nodes.size(); j++) {
                    Layout.Box a = layout.nodes().get(i), b = layout.nodes().get(j);
                    double x0 = a.cx(), y0 = a.y(), x2 = b.cx(), y2 = b.y();
                    // The apex clears the disk column so the arc never crosses a disk.
                    double apex = Math.min(layout.disksTop(y0), Math.min(y0, y2)) - 34 - 26 * k;
                    double cx = (x0 + x2) / 2, cy = 2 * apex - (y0 + y2) / 2;
                    boolean cut = frame.links().isCut(network, nodes.get(i), nodes.get(j));
                    boolean silent = !heartbeating(frame, nodes.get(i)) || !heartbeating(frame, nodes.get(j));
                    double mx = 0.25 * x0 + 0.5 * cx + 0.25 * x2, my = 0.25 * y0 + 0.5 * cy + 0.25 * y2;
                    g.setLineWidth(3);
                    g.setStroke(cut ? p.conflict() : silent ? p.down() : p.link());
                    g.setLineDashes(cut || silent ? new double[] {8, 6} : null);
                    g.beginPath();
                    g.moveTo(x0, y0);
                    g.quadraticCurveTo(cx, cy, x2, y2);
                    g.stroke();
                    g.setLineDashes((double[]) null);
                    String label = network + " network" + (cut ? ": CUT" : silent ? ": no heartbeats" : ": heartbeats");
                    if (cut) paintCut(g, mx, my, p);
                    g.setFont(CanvasText.SMALL);
                    g.setTextAlign(TextAlignment.CENTER);
                    g.setFill(cut ? p.conflict() : p.muted());
                    g.fillText(label, mx, my - 14);
                }
            }
        }
    }

    /**
     * More than two nodes: a full mesh of arcs would be a tangle, so each network is a bus over the top
     * with a riser down each side and a stub into every node; a node that cannot hear some peers has
     * a cut mark on its stub and names them in its box.
     */
    void paintBus(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        List<String> nodes = topology.nodeNames();
        double w = layout.width();
        for (int k = 0; k < topology.networks().size(); k++) {
            String network = topology.networks().get(k);
            double busY = ClusterPainter.HEADER_H + 34 + 10 * k, leftX = 8 + 5 * k, rightX = w - 8 - 5 * k;
            int cuts = 0;
            for (int i = 0; i < nodes.size(); i++) for (int j = i + 1; j < nodes.size(); j++) if (frame.links().isCut(network, nodes.get(i), nodes.get(j))) cuts++;
            g.setLineWidth(3);
            g.setStroke(p.link());
            g.setLineDashes((double[]) null);
            double lowestLeft = busY, lowestRight = busY;
            for (int i = 0; i < nodes.size(); i++) {
                Layout.Box b = layout.nodes().get(i);
                if (b.cx() < w / 2) lowestLeft = Math.max(lowestLeft, b.cy());
                else lowestRight = Math.max(lowestRight, b.cy());
            }
            g.strokeLine(leftX, busY, rightX, busY);
            g.strokeLine(leftX, busY, leftX, lowestLeft);
            g.strokeLine(rightX, busY, rightX, lowestRight);
            for (int i = 0; i < nodes.size(); i++) {
                Layout.Box b = layout.nodes().get(i);
                boolean left = b.cx() < w / 2;
                double from = left ? leftX : rightX, to = left ? b.x() : b.x() + b.w(), y = b.cy() + 8 * k;
                boolean silent = !heartbeating(frame, nodes.get(i));
                boolean cut = !cutPeers(frame, network, nodes.get(i)).isEmpty();
                g.setStroke(cut ? p.conflict() : silent ? p.down() : p.link());
                g.setLineDashes(cut || silent ? new double[] {6, 4} : null);
                g.strokeLine(from, y, to, y);
                g.setLineDashes((double[]) null);
                if (cut) paintCut(g, (from + to) / 2, y, p);
            }
            g.setFont(CanvasText.SMALL);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(cuts > 0 ? p.conflict() : p.muted());
            g.fillText(network + " network: " + (cuts == 0 ? "heartbeats" : cuts + " link(s) cut"), w / 2, busY - 9);
        }
    }

    /** The peers {@code node} has a cut link to on {@code network}, in name order. */
    List<String> cutPeers(LabFrame frame, String network, String node) {
        List<String> out = new ArrayList<>();
        for (String peer : topology.nodeNames()) if (!peer.equals(node) && frame.links().isCut(network, node, peer)) out.add(peer);
        return out;
    }

    static boolean heartbeating(LabFrame frame, String node) { return frame.cluster().node(node) == NodeState.UP; }

    static void paintCut(GraphicsContext g, double x, double y, Palette p) {
        g.setStroke(p.conflict());
        g.setLineWidth(4);
        g.strokeLine(x - 9, y - 9, x + 9, y + 9);
        g.strokeLine(x - 9, y + 9, x + 9, y - 9);
    }
}
