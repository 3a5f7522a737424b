package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The heartbeat networks: for two nodes an arc over the disks, drawn cut (red cross) when a
 * LinkChanged says so and dashed while either node is not heartbeating; for more, a bus. Heartbeats
 * travel along them as dots in the sender's colour ({@link HeartbeatPulses}); one that runs into a
 * cut fades at the cross, and a node that expected a heartbeat and got none shows a hollow
 * "missed" ring at its end of the link.
 */
final class LinkPainter {
    private final Topology topology;
    private final long heartbeatNanos;

    LinkPainter(Topology topology, long heartbeatNanos) {
        this.topology = topology;
        this.heartbeatNanos = heartbeatNanos;
    }

    void paint(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        if (layout.bus()) {
            paintBus(g, layout, frame, p);
            return;
        }
        List<String> nodes = topology.nodeNames();
        if (nodes.size() != 2) return;
        for (int k = 0; k < topology.networks().size(); k++) {
            String network = topology.networks().get(k);
            Layout.Arc arc = layout.arc(k);
            boolean cut = frame.links().isCut(network, nodes.get(0), nodes.get(1));
            boolean beatA = heartbeating(frame, nodes.get(0)), beatB = heartbeating(frame, nodes.get(1));
            boolean silent = !beatA || !beatB;
            double mx = arc.x(0.5), my = arc.y(0.5);
            g.setLineWidth(3);
            g.setStroke(cut ? p.conflict() : silent ? p.down() : p.link());
            g.setLineDashes(cut || silent ? new double[] {8, 6} : null);
            g.beginPath();
            g.moveTo(arc.x0(), arc.y0());
            g.quadraticCurveTo(arc.cx(), arc.cy(), arc.x2(), arc.y2());
            g.stroke();
            g.setLineDashes((double[]) null);
            String label = network + " network" + (cut ? ": CUT" : silent ? ": no heartbeats" : ": heartbeats");
            if (cut) paintCut(g, mx, my, p);
            g.setFont(CanvasText.SMALL);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(cut ? p.conflict() : p.muted());
            g.fillText(label, mx, my - 16);
            // Heartbeats both ways: from a to b, and half an interval later from b to a.
            for (HeartbeatPulses.Pulse pulse : HeartbeatPulses.on(frame.time(), heartbeatNanos, 0, beatA, beatB, cut)) {
                double t = trimmed(pulse.at());
                paintPulse(g, pulse, arc.x(t), arc.y(t), p.node(0), p);
            }
            for (HeartbeatPulses.Pulse pulse : HeartbeatPulses.on(frame.time(), heartbeatNanos, 1, beatB, beatA, cut)) {
                double t = trimmed(1 - pulse.at());
                paintPulse(g, pulse, arc.x(t), arc.y(t), p.node(1), p);
            }
        }
    }

    /** Dots leave and arrive a little off the node edge, where they can be seen (RaftScope trims them too). */
    private static double trimmed(double at) { return 0.04 + 0.92 * at; }

    static void paintPulse(GraphicsContext g, HeartbeatPulses.Pulse pulse, double x, double y, Color sender, Palette p) {
        paintPulse(g, pulse, x, y, sender, p, true);
    }

    /** @param labelled whether a "missed" ring says so in words above it */
    static void paintPulse(GraphicsContext g, HeartbeatPulses.Pulse pulse, double x, double y, Color sender, Palette p, boolean labelled) {
        double a = Math.max(0, Math.min(1, pulse.alpha()));
        switch (pulse.kind()) {
            case HEARTBEAT, LOST -> {
                double r = pulse.kind() == HeartbeatPulses.Kind.LOST ? 7 + 7 * (1 - a) : 7;
                g.setFill(sender.deriveColor(0, 1, 1, a));
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.setStroke(p.background().deriveColor(0, 1, 1, a));
                g.setLineWidth(1.5);
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            case MISSED -> {
                g.setStroke(p.conflict().deriveColor(0, 1, 1, a));
                g.setLineWidth(2.5);
                g.setLineDashes(3, 3);
                g.strokeOval(x - 10, y - 10, 20, 20);
                g.setLineDashes((double[]) null);
                if (labelled && a > 0.35) {
                    g.setFill(p.conflict().deriveColor(0, 1, 1, a));
                    g.setFont(CanvasText.SMALL_BOLD);
                    g.setTextAlign(TextAlignment.CENTER);
                    g.fillText("missed", x, y - 19);
                }
            }
        }
    }

    /**
     * More than two nodes: a full mesh of arcs would be a tangle, so each network is a bus over the top
     * with a riser down each side and a stub into every node; a node that cannot hear some peers has
     * a cut mark on its stub and names them in its box. Each stub carries the node's own heartbeat
     * out and its peers' heartbeats in.
     */
    void paintBus(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        List<String> nodes = topology.nodeNames();
        double w = layout.width();
        for (int k = 0; k < topology.networks().size(); k++) {
            String network = topology.networks().get(k);
            int cuts = 0;
            for (int i = 0; i < nodes.size(); i++) for (int j = i + 1; j < nodes.size(); j++) if (frame.links().isCut(network, nodes.get(i), nodes.get(j))) cuts++;
            g.setLineWidth(3);
            g.setStroke(p.link());
            g.setLineDashes((double[]) null);
            stroke(g, layout.busLine(k));
            stroke(g, layout.riser(k, true));
            stroke(g, layout.riser(k, false));
            for (int i = 0; i < nodes.size(); i++) {
                Layout.Segment stub = layout.stub(k, i);
                boolean beating = heartbeating(frame, nodes.get(i));
                List<String> cutOff = cutPeers(frame, network, nodes.get(i));
                boolean cut = !cutOff.isEmpty();
                g.setStroke(cut ? p.conflict() : !beating ? p.down() : p.link());
                g.setLineDashes(cut || !beating ? new double[] {6, 4} : null);
                stroke(g, stub);
                g.setLineDashes((double[]) null);
                if (cut) paintCut(g, layout.stubCut(k, i)[0], stub.y0(), p);
                paintStubPulses(g, layout, k, frame, network, i, beating, cutOff, p);
            }
            g.setFont(CanvasText.SMALL);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(cuts > 0 ? p.conflict() : p.muted());
            g.fillText(network + " network: " + (cuts == 0 ? "heartbeats" : cuts + " link(s) cut"), w / 2, layout.busLine(k).y0() - 9);
        }
    }

    /**
     * Out: the node's heartbeat along its stub, riser and the bus to the middle. In: its peers'
     * heartbeats the same way back. Each node is shifted by a share of the interval so the dots on a
     * shared riser do not sit on each other. A heartbeat that meets the node's cut fades at the cut
     * mark; when some peer's heartbeat does not come (cut, or the peer is not heartbeating) a
     * "missed" ring shows at the node's end.
     */
    private void paintStubPulses(GraphicsContext g, Layout layout, int k, LabFrame frame, String network, int i, boolean beating,
                                 List<String> cutOff, Palette p) {
        List<String> nodes = topology.nodeNames();
        boolean anyReachable = false, anyBeating = false, anyMissing = false;
        for (String peer : nodes) {
            if (peer.equals(nodes.get(i))) continue;
            boolean peerBeats = heartbeating(frame, peer), peerCut = cutOff.contains(peer);
            anyBeating |= peerBeats;
            anyReachable |= peerBeats && !peerCut;
            anyMissing |= !peerBeats || peerCut;
        }
        boolean allCut = cutOff.size() == nodes.size() - 1;
        Layout.Polyline route = layout.heartbeatRoute(k, i);
        double cutAt = route.alongFirst(1 - Layout.STUB_CUT); // the route starts at the node, the stub at the riser
        long time = frame.time() + i * heartbeatNanos / (2L * nodes.size());
        for (HeartbeatPulses.Pulse pulse : HeartbeatPulses.on(time, heartbeatNanos, 0, beating, anyBeating, allCut)) {
            if (pulse.kind() == HeartbeatPulses.Kind.MISSED) continue; // told once, below
            double t = pulse.kind() == HeartbeatPulses.Kind.LOST ? cutAt : allCut ? pulse.at() / 0.5 * cutAt : 0.03 + 0.97 * pulse.at();
            double[] xy = route.at(t);
            paintPulse(g, pulse, xy[0], xy[1], p.node(i), p);
        }
        boolean incomingCut = !anyReachable && anyBeating;
        for (HeartbeatPulses.Pulse pulse : HeartbeatPulses.on(time, heartbeatNanos, 1, anyBeating, beating, incomingCut)) {
            if (pulse.kind() == HeartbeatPulses.Kind.MISSED) continue;
            double t = pulse.kind() == HeartbeatPulses.Kind.LOST ? cutAt
                    : incomingCut ? 1 - pulse.at() / 0.5 * (1 - cutAt) : 1 - 0.97 * pulse.at();
            double[] xy = route.at(t);
            paintPulse(g, pulse, xy[0], xy[1], p.link(), p);
        }
        if (beating && anyMissing) {
            Layout.Box b = layout.nodes().get(i);
            boolean left = layout.leftOfDisks(i);
            HeartbeatPulses.Pulse missed = HeartbeatPulses.missed(time, heartbeatNanos, 1);
            double x = left ? b.x() - 13 : b.x() + b.w() + 13, y = route.ys()[0];
            paintPulse(g, missed, x, y, p.link(), p, false);
            if (missed.alpha() > 0.35) { // the word beside the ring, clear of the card and the canvas edge
                g.setFill(p.conflict().deriveColor(0, 1, 1, missed.alpha()));
                g.setFont(CanvasText.SMALL_BOLD);
                g.setTextAlign(left ? TextAlignment.RIGHT : TextAlignment.LEFT);
                g.fillText("missed", left ? b.x() - 2 : b.x() + b.w() + 2, y - 19);
            }
        }
    }

    private static void stroke(GraphicsContext g, Layout.Segment s) { g.strokeLine(s.x0(), s.y0(), s.x1(), s.y1()); }

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
