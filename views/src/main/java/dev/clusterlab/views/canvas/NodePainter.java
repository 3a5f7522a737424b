package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.timeline.NodeState;
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
 * One node's card: name and state badge, quorum, the groups it runs, its membership view, its
 * reservation key(s), the peers it cannot hear, and a lock when it has been fenced off a disk.
 */
final class NodePainter {
    private final Topology topology;
    private final PortNames names;
    private final LinkPainter links;

    NodePainter(Topology topology, PortNames names, LinkPainter links) {
        this.topology = topology;
        this.names = names;
        this.links = links;
    }

    void paint(GraphicsContext g, Layout layout, int index, LabFrame frame, Palette p) {
        String node = topology.nodeNames().get(index);
        Layout.Box b = layout.nodes().get(index);
        NodeState state = frame.cluster().node(node);
        Color own = p.node(index);
        boolean down = state == NodeState.DOWN;
        List<String> fencedOff = fencedOff(frame, node);
        g.setFill(down ? p.down().deriveColor(0, 1, 1, 0.35) : p.panel());
        g.fillRoundRect(b.x(), b.y(), b.w(), b.h(), 14, 14);
        g.setStroke(down ? p.down() : own);
        g.setLineWidth(4);
        g.strokeRoundRect(b.x(), b.y(), b.w(), b.h(), 14, 14);
        g.setFill(down ? p.down() : own);
        g.fillRoundRect(b.x(), b.y(), 10, b.h(), 8, 8);

        double x = b.x() + 22, y = b.y() + 22;
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(CanvasText.NAME);
        g.setFill(p.text());
        g.fillText(node, x, y);
        badge(g, b.x() + b.w() - 12, y, state.name(), stateColour(state, p));

        g.setFont(CanvasText.BODY);
        boolean quorum = frame.cluster().hasQuorum(node);
        g.setFill(down ? p.muted() : quorum ? p.text() : p.conflict());
        g.fillText(down ? "quorum: - (down)" : quorum ? "quorum: yes" : "quorum: NO", x, y += 26);
        List<String> runs = groupsRunBy(frame, node);
        g.setFill(runs.isEmpty() ? p.muted() : p.text());
        g.setFont(runs.isEmpty() ? CanvasText.BODY : Font.font("System", FontWeight.BOLD, 14));
        g.fillText(runs.isEmpty() ? "runs: nothing" : "runs: " + String.join(", ", runs) + "  (owner)", x, y += 22);
        List<String> members = frame.cluster().view(node);
        g.setFont(CanvasText.BODY);
        g.setFill(down || members == null ? p.muted() : p.text());
        CanvasText.fit(g, down ? "members: - (down)" : members == null ? "members: all (as formed)"
                : "members it sees: " + String.join(", ", members), x, y += 22, b.w() - 30);
        Set<String> keys = keysOf(frame, node);
        g.setFont(CanvasText.BODY);
        g.setFill(keys.isEmpty() ? p.muted() : p.text());
        CanvasText.fit(g, keys.isEmpty() ? "key: not registered" : (keys.size() == 1 ? "key: " : "keys: ") + String.join(", ", keys), x, y += 22, b.w() - 30);
        List<String> cutOff = new ArrayList<>();
        for (String network : topology.networks()) for (String peer : links.cutPeers(frame, network, node)) if (!cutOff.contains(peer)) cutOff.add(peer);
        if (!cutOff.isEmpty() && topology.nodes().size() > 2) {
            g.setFill(p.conflict());
            CanvasText.fit(g, "cannot hear: " + String.join(", ", cutOff), x, y += 22, b.w() - 30);
        }
        if (!fencedOff.isEmpty()) {
            lock(g, x + 6, y + 26, p.conflict());
            g.setFont(Font.font("System", FontWeight.BOLD, 14));
            g.setFill(p.conflict());
            g.fillText("FENCED by " + String.join(", ", fencers(frame, node)), x + 22, y += 26);
            g.setFont(CanvasText.BODY);
            g.fillText("cannot write to " + String.join(", ", fencedOff), x + 22, y += 20);
        }
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

    private static void badge(GraphicsContext g, double right, double cy, String text, Color fill) {
        g.setFont(CanvasText.SMALL_BOLD);
        double w = CanvasText.width(text, CanvasText.SMALL_BOLD) + 16;
        g.setFill(fill);
        g.fillRoundRect(right - w, cy - 11, w, 22, 11, 11);
        g.setFill(Color.WHITE);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(text, right - w / 2, cy);
        g.setTextAlign(TextAlignment.LEFT);
    }

    private static void lock(GraphicsContext g, double x, double y, Color c) {
        g.setStroke(c);
        g.setFill(c);
        g.setLineWidth(2.5);
        g.strokeArc(x - 5, y - 14, 10, 12, 0, 180, javafx.scene.shape.ArcType.OPEN);
        g.strokeLine(x - 5, y - 8, x - 5, y - 5);
        g.strokeLine(x + 5, y - 8, x + 5, y - 5);
        g.fillRoundRect(x - 8, y - 6, 16, 12, 3, 3);
    }
}
