package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * One node's card: name and state badge (REBOOTING for a node down because it is rebooting), quorum,
 * the groups it runs, its membership view, its reservation key(s), paths that are failed or lossy, the
 * peers it cannot hear, and — greyed out with a lock — the disks it has been fenced off. Its storage
 * paths are ports on the card's edge facing the disks.
 */
final class NodePainter {
    private final Topology topology;
    private final PortNames names;
    private final LinkPainter links;

    private final long rebootNanos;

    NodePainter(Topology topology, PortNames names, LinkPainter links, long rebootNanos) {
        this.topology = topology;
        this.names = names;
        this.links = links;
        this.rebootNanos = rebootNanos;
    }

    void paint(GraphicsContext g, Layout layout, int index, LabFrame frame, Palette p) {
        String node = topology.nodeNames().get(index);
        Layout.Box b = layout.nodes().get(index);
        NodeState state = frame.cluster().node(node);
        Color own = p.node(index);
        boolean down = state == NodeState.DOWN;
        NodeStatus.Reboot reboot = down ? NodeStatus.rebooting(frame, node) : null;
        List<String> fencedOff = fencedOff(frame, node);
        boolean greyed = down || !fencedOff.isEmpty(); // a fenced node can no longer touch its disks: grey it out
        g.setFill(greyed ? p.down().deriveColor(0, 1, 1, down ? 0.35 : 0.22) : p.panel());
        g.fillRoundRect(b.x(), b.y(), b.w(), b.h(), 14, 14);
        g.setStroke(down ? p.down() : own);
        g.setLineWidth(4);
        g.setLineDashes(reboot != null ? new double[] {10, 6} : null);
        g.strokeRoundRect(b.x(), b.y(), b.w(), b.h(), 14, 14);
        g.setLineDashes((double[]) null);
        g.setFill(down ? p.down() : own);
        g.fillRoundRect(b.x(), b.y(), 10, b.h(), 8, 8);
        paintPorts(g, layout, index, frame, p);

        double x = b.x() + 22, y = b.y() + 22;
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(CanvasText.NAME);
        g.setFill(p.text());
        g.fillText(node, x, y);
        double badgeLeft = badge(g, b.x() + b.w() - 12, y, reboot != null ? "REBOOTING" : state.name(),
                reboot != null ? p.check() : stateColour(state, p));
        if (!fencedOff.isEmpty()) lock(g, badgeLeft - 16, y + 7, p.conflict(), 1.3);

        g.setFont(CanvasText.BODY);
        boolean quorum = frame.cluster().hasQuorum(node);
        if (reboot != null) {
            g.setFill(p.check());
            CanvasText.fit(g, "rebooting: " + reboot.reason(), x, y += 26, b.w() - 30);
            g.setFill(p.muted());
            g.fillText("back at about " + dev.clusterlab.engine.scenario.Durations.format(reboot.since() + rebootNanos), x, y += 22);
        } else {
            g.setFill(down ? p.muted() : quorum ? p.text() : p.conflict());
            g.fillText(down ? "quorum: - (down)" : quorum ? "quorum: yes" : "quorum: NO", x, y += 26);
            List<String> runs = groupsRunBy(frame, node);
            g.setFill(runs.isEmpty() ? p.muted() : p.text());
            g.setFont(runs.isEmpty() ? CanvasText.BODY : Font.font("System", FontWeight.BOLD, 14));
            CanvasText.fit(g, runs.isEmpty() ? "runs: nothing" : "runs: " + String.join(", ", runs) + "  (owner)", x, y += 22, b.w() - 30);
        }
        List<String> members = frame.cluster().view(node);
        g.setFont(CanvasText.BODY);
        g.setFill(down || members == null ? p.muted() : p.text());
        CanvasText.fit(g, down ? "members: - (down)" : members == null ? "members: all (as formed)"
                : "members it sees: " + String.join(", ", members), x, y += 22, b.w() - 30);
        Set<String> keys = keysOf(frame, node);
        g.setFont(CanvasText.BODY);
        g.setFill(keys.isEmpty() ? p.muted() : p.text());
        CanvasText.fit(g, keys.isEmpty() ? "key: not registered" : (keys.size() == 1 ? "key: " : "keys: ") + String.join(", ", keys), x, y += 22, b.w() - 30);
        String paths = unusualPaths(frame, node);
        if (!paths.isEmpty()) {
            g.setFill(p.check());
            g.setFont(CanvasText.SMALL_BOLD);
            CanvasText.fit(g, paths, x, y += 20, b.w() - 30);
            g.setFont(CanvasText.BODY);
        }
        List<String> cutOff = new ArrayList<>();
        for (String network : topology.networks()) for (String peer : links.cutPeers(frame, network, node)) if (!cutOff.contains(peer)) cutOff.add(peer);
        if (!cutOff.isEmpty() && topology.nodes().size() > 2) {
            g.setFill(p.conflict());
            CanvasText.fit(g, "cannot hear: " + String.join(", ", cutOff), x, y += 20, b.w() - 30);
        }
        if (!fencedOff.isEmpty()) {
            lock(g, x + 6, y + 26, p.conflict(), 1);
            g.setFont(Font.font("System", FontWeight.BOLD, 14));
            g.setFill(p.conflict());
            CanvasText.fit(g, "FENCED by " + String.join(", ", fencers(frame, node)), x + 22, y += 24, b.w() - 50);
            g.setFont(CanvasText.BODY);
            CanvasText.fit(g, "cannot write to " + String.join(", ", fencedOff), x + 22, y += 19, b.w() - 50);
        }
    }

    /**
     * The node's paths as ports on the side facing the disks: "p1" in the node's colour when working,
     * crossed out in red when failed, filled amber when its passthrough is lossy.
     */
    private void paintPorts(GraphicsContext g, Layout layout, int index, LabFrame frame, Palette p) {
        String node = topology.nodeNames().get(index);
        List<Layout.Box> ports = layout.ports().get(index);
        for (int k = 0; k < ports.size(); k++) {
            Layout.Box port = ports.get(k);
            String path = "p" + (k + 1);
            boolean failed = frame.cluster().pathFailed(node, path);
            boolean lossy = frame.cluster().passthrough(node, path) == PassthroughMode.LOSSY;
            g.setFill(lossy ? p.check() : p.panel());
            g.fillRoundRect(port.x(), port.y(), port.w(), port.h(), 6, 6);
            g.setStroke(failed ? p.conflict() : p.node(index));
            g.setLineWidth(2);
            g.setLineDashes(failed ? new double[] {4, 3} : null);
            g.strokeRoundRect(port.x(), port.y(), port.w(), port.h(), 6, 6);
            g.setLineDashes((double[]) null);
            g.setFont(CanvasText.SMALL_BOLD);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(lossy ? Color.WHITE : failed ? p.muted() : p.text());
            g.fillText(path, port.cx(), port.cy());
            if (failed) {
                g.setStroke(p.conflict());
                g.setLineWidth(2.5);
                g.strokeLine(port.x() + 4, port.y() + 3, port.x() + port.w() - 4, port.y() + port.h() - 3);
                g.strokeLine(port.x() + 4, port.y() + port.h() - 3, port.x() + port.w() - 4, port.y() + 3);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
    }

    /** "p1 failed · p2 lossy" for the paths that are not working normally, else empty. */
    private String unusualPaths(LabFrame frame, String node) {
        List<String> out = new ArrayList<>();
        for (String path : topology.nodes().get(topology.nodeNames().indexOf(node)).pathNames()) {
            boolean failed = frame.cluster().pathFailed(node, path);
            boolean lossy = frame.cluster().passthrough(node, path) == PassthroughMode.LOSSY;
            if (failed || lossy) out.add(path + (failed ? " failed" : "") + (failed && lossy ? "," : "") + (lossy ? " lossy passthrough" : ""));
        }
        return String.join(" · ", out);
    }

    /** Disks the node was fenced off and is still not registered on (a fenced node that re-registers is back). */
    private List<String> fencedOff(LabFrame frame, String node) {
        List<String> out = new ArrayList<>();
        for (String disk : topology.diskNames()) {
            String by = frame.cluster().fencedBy(node, disk);
            if (by == null) continue;
            boolean registered = false;
            for (ReservationSnapshot.Registrant r : frame.disks().reservation(disk).registrants()) {
                if (node.equals(names.node(r.initiator()))) registered = true;
            }
            if (!registered) out.add(disk);
        }
        return out;
    }

    private List<String> fencers(LabFrame frame, String node) {
        Set<String> out = new LinkedHashSet<>();
        for (String disk : fencedOff(frame, node)) out.add(frame.cluster().fencedBy(node, disk));
        return new ArrayList<>(out);
    }

    private List<String> groupsRunBy(LabFrame frame, String node) {
        List<String> out = new ArrayList<>();
        for (var g : topology.groups()) if (frame.runningOn(g.name()).contains(node)) out.add(g.name());
        return out;
    }

    private Set<String> keysOf(LabFrame frame, String node) {
        Set<String> keys = new LinkedHashSet<>();
        for (String disk : topology.diskNames()) {
            for (ReservationSnapshot.Registrant r : frame.disks().reservation(disk).registrants()) {
                if (node.equals(names.node(r.initiator()))) keys.add(CanvasText.hexKey(r.key()));
            }
        }
        return keys;
    }

    private static Color stateColour(NodeState s, Palette p) {
        return switch (s) {
            case UP -> p.good();
            case DOWN -> p.down();
            case HUNG -> p.check();
            case ISOLATED -> Color.web("#9b59b6");
        };
    }

    /** Draws a state badge ending at {@code right}; returns its left edge. */
    private static double badge(GraphicsContext g, double right, double cy, String text, Color fill) {
        g.setFont(CanvasText.SMALL_BOLD);
        double w = CanvasText.width(text, CanvasText.SMALL_BOLD) + 16;
        g.setFill(fill);
        g.fillRoundRect(right - w, cy - 11, w, 22, 11, 11);
        g.setFill(Color.WHITE);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(text, right - w / 2, cy);
        g.setTextAlign(TextAlignment.LEFT);
        return right - w;
    }

    /** A padlock centred on {@code x}, its body's middle at {@code y}, {@code s} times the text size. */
    private static void lock(GraphicsContext g, double x, double y, Color c, double s) {
        g.setStroke(c);
        g.setFill(c);
        g.setLineWidth(2.5 * s);
        g.strokeArc(x - 5 * s, y - 14 * s, 10 * s, 12 * s, 0, 180, javafx.scene.shape.ArcType.OPEN);
        g.strokeLine(x - 5 * s, y - 8 * s, x - 5 * s, y - 5 * s);
        g.strokeLine(x + 5 * s, y - 8 * s, x + 5 * s, y - 5 * s);
        g.fillRoundRect(x - 8 * s, y - 6 * s, 16 * s, 12 * s, 3 * s, 3 * s);
    }
}
