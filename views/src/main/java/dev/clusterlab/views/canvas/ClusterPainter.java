package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.scenario.DiskSpec;
import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.views.session.CommandArrow;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws the cluster picture of one {@link LabFrame}: a pure function of the frame, the topology and
 * the palette (RaftScope's render step), so a rewound frame draws exactly as it did the first time.
 * Nodes sit either side of the shared disks; heartbeat links arc over the top; the commands of the
 * last two seconds are arrows from node to disk in the colour of their outcome.
 */
public final class ClusterPainter {
    static final double NODE_W = 260, NODE_H = 200, HEADER_H = 48, LEGEND_H = 34;
    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 20);
    private static final Font NAME = Font.font("System", FontWeight.BOLD, 17);
    private static final Font BODY = Font.font("System", 14);
    private static final Font SMALL = Font.font("System", 12);
    private static final Font SMALL_BOLD = Font.font("System", FontWeight.BOLD, 12);

    private static final javafx.scene.text.Text MEASURE = new javafx.scene.text.Text();

    private final Topology topology;
    private final Function<InitiatorPort, String> pathOf;
    private final String title;
    private final String subtitle;

    /** @param pathOf "node-a/p1" for a lab initiator port, else null */
    /** @param description the scenario's description: its first sentence becomes the subtitle */
    public ClusterPainter(Topology topology, Function<InitiatorPort, String> pathOf, String title, String description) {
        this.topology = topology;
        this.pathOf = pathOf;
        this.title = title;
        this.subtitle = firstSentence(description == null ? "" : description.replace('\n', ' ').strip());
    }

    private static String firstSentence(String text) {
        int stop = text.indexOf(". ");
        String first = stop < 0 ? text : text.substring(0, stop + 1);
        return first.length() > 170 ? first.substring(0, 169) + "…" : first;
    }

    public void paint(GraphicsContext g, double w, double h, LabFrame frame, Palette p) {
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        Layout layout = Layout.of(topology, w, h);
        paintHeader(g, w, frame, p);
        paintLinks(g, layout, frame, p);
        paintCommands(g, layout, frame, p);
        for (int i = 0; i < topology.nodes().size(); i++) paintNode(g, layout, i, frame, p);
        for (int i = 0; i < topology.disks().size(); i++) paintDisk(g, layout, i, frame, p);
        paintLegend(g, w, h, p);
    }

    private void paintHeader(GraphicsContext g, double w, LabFrame frame, Palette p) {
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(TITLE);
        g.setFill(p.text());
        g.fillText(title, 18, HEADER_H / 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("t = " + Durations.format(frame.time()), w - 18, HEADER_H / 2);
        if (!subtitle.isEmpty()) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(BODY);
            g.setFill(p.muted());
            g.fillText(subtitle, 18, HEADER_H + 6);
        }
    }

    // --- links -------------------------------------------------------------------------------

    private void paintLinks(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
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
                    g.setFont(SMALL);
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
    private void paintBus(GraphicsContext g, Layout layout, LabFrame frame, Palette p) {
        List<String> nodes = topology.nodeNames();
        double w = g.getCanvas().getWidth();
        for (int k = 0; k < topology.networks().size(); k++) {
            String network = topology.networks().get(k);
            double busY = HEADER_H + 34 + 10 * k, leftX = 8 + 5 * k, rightX = w - 8 - 5 * k;
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
            g.setFont(SMALL);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(cuts > 0 ? p.conflict() : p.muted());
            g.fillText(network + " network: " + (cuts == 0 ? "heartbeats" : cuts + " link(s) cut"), w / 2, busY - 9);
        }
    }

    /** The peers {@code node} has a cut link to on {@code network}, in name order. */
    private List<String> cutPeers(LabFrame frame, String network, String node) {
        List<String> out = new ArrayList<>();
        for (String peer : topology.nodeNames()) if (!peer.equals(node) && frame.links().isCut(network, node, peer)) out.add(peer);
        return out;
    }

    private static boolean heartbeating(LabFrame frame, String node) { return frame.cluster().node(node) == NodeState.UP; }

    private static void paintCut(GraphicsContext g, double x, double y, Palette p) {
        g.setStroke(p.conflict());
        g.setLineWidth(4);
        g.strokeLine(x - 9, y - 9, x + 9, y + 9);
        g.strokeLine(x - 9, y + 9, x + 9, y - 9);
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
            double tw = Math.max(textWidth(what, SMALL), textWidth(outcome, SMALL)) + 14;
            double left = Math.min(x0, x1) + 4, right = Math.max(x0, x1) - 4;
            double lx = Math.max(left + tw / 2, Math.min(right - tw / 2, (x0 + x1) / 2));
            double ly = (n.cy() + d.cy()) / 2 - 26;
            g.setFill(p.background().deriveColor(0, 1, 1, 0.9));
            g.fillRoundRect(lx - tw / 2, ly - 10, tw, 36, 8, 8);
            g.setFont(SMALL);
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

    // --- nodes -------------------------------------------------------------------------------

    private void paintNode(GraphicsContext g, Layout layout, int index, LabFrame frame, Palette p) {
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
        g.setFont(NAME);
        g.setFill(p.text());
        g.fillText(node, x, y);
        badge(g, b.x() + b.w() - 12, y, state.name(), stateColour(state, p));

        g.setFont(BODY);
        boolean quorum = frame.cluster().hasQuorum(node);
        g.setFill(down ? p.muted() : quorum ? p.text() : p.conflict());
        g.fillText(down ? "quorum: - (down)" : quorum ? "quorum: yes" : "quorum: NO", x, y += 26);
        List<String> runs = groupsRunBy(frame, node);
        g.setFill(runs.isEmpty() ? p.muted() : p.text());
        g.setFont(runs.isEmpty() ? BODY : Font.font("System", FontWeight.BOLD, 14));
        g.fillText(runs.isEmpty() ? "runs: nothing" : "runs: " + String.join(", ", runs) + "  (owner)", x, y += 22);
        List<String> members = frame.cluster().view(node);
        g.setFont(BODY);
        g.setFill(down || members == null ? p.muted() : p.text());
        fitText(g, down ? "members: - (down)" : members == null ? "members: all (as formed)"
                : "members it sees: " + String.join(", ", members), x, y += 22, b.w() - 30);
        Set<String> keys = keysOf(frame, node);
        g.setFont(BODY);
        g.setFill(keys.isEmpty() ? p.muted() : p.text());
        fitText(g, keys.isEmpty() ? "key: not registered" : (keys.size() == 1 ? "key: " : "keys: ") + String.join(", ", keys), x, y += 22, b.w() - 30);
        List<String> cutOff = new ArrayList<>();
        for (String network : topology.networks()) for (String peer : cutPeers(frame, network, node)) if (!cutOff.contains(peer)) cutOff.add(peer);
        if (!cutOff.isEmpty() && topology.nodes().size() > 2) {
            g.setFill(p.conflict());
            fitText(g, "cannot hear: " + String.join(", ", cutOff), x, y += 22, b.w() - 30);
        }
        if (!fencedOff.isEmpty()) {
            lock(g, x + 6, y + 26, p.conflict());
            g.setFont(Font.font("System", FontWeight.BOLD, 14));
            g.setFill(p.conflict());
            g.fillText("FENCED by " + String.join(", ", fencers(frame, node)), x + 22, y += 26);
            g.setFont(BODY);
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
                if (node.equals(nodeOf(r.initiator()))) registered = true;
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
                if (node.equals(nodeOf(r.initiator()))) keys.add(hexKey(r.key()));
            }
        }
        return keys;
    }

    /** Draws {@code text}, cut short with an ellipsis if it would run past {@code maxWidth}. */
    private static void fitText(GraphicsContext g, String text, double x, double y, double maxWidth) {
        String shown = text;
        if (textWidth(shown, g.getFont()) > maxWidth) {
            while (shown.length() > 4 && textWidth(shown + "…", g.getFont()) > maxWidth) shown = shown.substring(0, shown.length() - 1);
            shown += "…";
        }
        g.fillText(shown, x, y);
    }

    /** The width {@code text} takes in {@code font}, so plates and chips fit their words. */
    private static double textWidth(String text, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(text);
        return MEASURE.getLayoutBounds().getWidth();
    }

    static String hexKey(long key) { return "0x" + Long.toHexString(key).toUpperCase(Locale.ROOT); }

    private String nodeOf(InitiatorPort port) {
        String path = pathOf.apply(port);
        return path == null ? null : path.substring(0, path.indexOf('/'));
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
        g.setFont(SMALL_BOLD);
        double w = textWidth(text, SMALL_BOLD) + 16;
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

    // --- disks -------------------------------------------------------------------------------

    private void paintDisk(GraphicsContext g, Layout layout, int index, LabFrame frame, Palette p) {
        DiskSpec disk = topology.disks().get(index);
        Layout.Box b = layout.disks().get(index);
        ReservationSnapshot r = frame.disks().reservation(disk.name());
        g.setFill(p.panel());
        g.fillRoundRect(b.x(), b.y(), b.w(), b.h(), 10, 10);
        g.setStroke(p.panelBorder());
        g.setLineWidth(2);
        g.strokeRoundRect(b.x(), b.y(), b.w(), b.h(), 10, 10);

        double x = b.x() + 14, y = b.y() + 20;
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(NAME);
        g.setFill(p.text());
        g.fillText("disk " + disk.name(), x, y);
        g.setFont(SMALL);
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(role(disk) + " · PR generation " + r.generation(), b.x() + b.w() - 14, y);
        g.setTextAlign(TextAlignment.LEFT);

        // The ownership mark: a bar in the holder's colour, the first thing the eye finds.
        y += 18;
        String holder = holderName(r);
        if (r.reserved()) {
            Color c = holder == null ? p.muted() : p.node(topology.nodeNames().indexOf(holder));
            g.setFill(c);
            g.fillRoundRect(x, y, b.w() - 28, 28, 8, 8);
            g.setFill(Color.WHITE);
            g.setFont(Font.font("System", FontWeight.BOLD, 14));
            g.fillText("RESERVED by " + (holder == null ? "?" : holder) + " · " + typeShort(r.reservationType()), x + 10, y + 14);
            g.setFill(p.muted());
            g.setFont(SMALL);
            g.fillText(typeLong(r.reservationType()), x, y + 40);
        } else {
            g.setStroke(p.panelBorder());
            g.setLineDashes(6, 4);
            g.strokeRoundRect(x, y, b.w() - 28, 28, 8, 8);
            g.setLineDashes((double[]) null);
            g.setFill(p.muted());
            g.setFont(BODY);
            g.fillText("no persistent reservation", x + 10, y + 14);
        }
        y += 46;
        if (r.spc2Holder() != null) {
            g.setFill(p.check());
            g.setFont(SMALL_BOLD);
            g.fillText("SCSI-2 RESERVE held by " + orRaw(r.spc2Holder().initiator()), x, y += 16);
        }
        g.setFont(SMALL);
        g.setFill(p.muted());
        g.fillText(r.registrants().isEmpty() ? "no registrations" : "registrations (path: key):", x, y += 18);
        double chipX = x, chipY = y + 12;
        List<ReservationSnapshot.Registrant> registrants = r.registrants();
        for (int k = 0; k < registrants.size(); k++) {
            ReservationSnapshot.Registrant reg = registrants.get(k);
            String path = orRaw(reg.initiator());
            String node = nodeOf(reg.initiator());
            String text = path + "  " + hexKey(reg.key()) + (reg.holder() ? "  ★" : "");
            double cw = textWidth(text, reg.holder() ? SMALL_BOLD : SMALL) + 16;
            if (chipX + cw > b.x() + b.w() - 10) {
                chipX = x;
                chipY += 24;
            }
            if (chipY + 20 > b.y() + b.h() - 4) { // no room left in the box: say how many are not shown
                g.setFill(p.muted());
                g.setFont(SMALL_BOLD);
                g.setTextAlign(TextAlignment.RIGHT);
                Set<String> rest = new LinkedHashSet<>();
                for (int m = k; m < registrants.size(); m++) rest.add(orRaw(registrants.get(m).initiator()).split("/")[0]);
                g.setTextAlign(TextAlignment.LEFT);
                fitText(g, "+" + (registrants.size() - k) + " more, from " + String.join(", ", rest), x + 180, y, b.w() - 194);
                break;
            }
            Color c = node == null ? p.muted() : p.node(topology.nodeNames().indexOf(node));
            g.setFill(c.deriveColor(0, 1, 1, 0.22));
            g.fillRoundRect(chipX, chipY, cw, 20, 10, 10);
            g.setStroke(c);
            g.setLineWidth(reg.holder() ? 2.5 : 1.2);
            g.strokeRoundRect(chipX, chipY, cw, 20, 10, 10);
            g.setFill(p.text());
            g.setFont(reg.holder() ? SMALL_BOLD : SMALL);
            g.fillText(text, chipX + 8, chipY + 10);
            chipX += cw + 6;
        }
    }

    private String role(DiskSpec disk) {
        if (disk.name().equals(topology.witnessDisk())) return "quorum witness";
        List<String> groups = topology.groupsOn(disk.name());
        return groups.isEmpty() ? disk.role().name().toLowerCase(Locale.ROOT) : "data of " + String.join(", ", groups);
    }

    /** The node holding the persistent reservation (the first holder; under all-registrants types, say so). */
    private String holderName(ReservationSnapshot r) {
        if (!r.reserved()) return null;
        Set<String> holders = new LinkedHashSet<>();
        for (ReservationSnapshot.Registrant reg : r.registrants()) if (reg.holder()) holders.add(nodeOf(reg.initiator()));
        holders.remove(null);
        if (holders.isEmpty()) return null;
        return holders.size() == 1 ? holders.iterator().next() : String.join(" + ", holders);
    }

    private static String typeShort(int code) {
        PrType t = type(code);
        return t == null ? "type " + code : "type " + code + " (" + t.shortName() + ")";
    }

    /** SPC-4 Table 206 names the types; the long name says who may write. */
    private static String typeLong(int code) {
        PrType t = type(code);
        return t == null ? "" : t.label() + (t.registrantsOnly() || t.allRegistrants() ? ": only registered paths may " + (t.exclusiveAccess() ? "access" : "write") : ": only the holder may " + (t.exclusiveAccess() ? "access" : "write"));
    }

    private static PrType type(int code) {
        try {
            return PrType.fromCode(code);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String orRaw(InitiatorPort port) {
        String path = pathOf.apply(port);
        return path != null ? path : String.valueOf(port);
    }

    private void paintLegend(GraphicsContext g, double w, double h, Palette p) {
        double y = h - LEGEND_H / 2, x = 18;
        g.setFont(SMALL);
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
            x += 32 + textWidth(outcomeText(o), SMALL) + 24;
        }
        g.setFill(p.muted());
        g.fillText("★ = holds the reservation", x, y);
    }
}
