package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault actions the canvas offers for a {@link CanvasTarget} at one frame, each written as the
 * scenario-language steps it carries out (so the session records it and can save it as a scenario).
 * Toggles read the frame: a cut link offers "heal", a failed path "restore", a lossy path "faithful".
 * Pure logic over the frame; the context menu and the key bindings are built from it.
 */
public final class TargetActions {

    /**
     * One action: its menu label, the key that triggers it with the canvas focused (upper case), the
     * steps in the scenario language (carried out in order), and whether it makes sense right now.
     */
    public record Action(String label, char key, List<String> steps, boolean enabled) {
        public Action {
            steps = List.copyOf(steps);
        }
    }

    private TargetActions() {}

    /** The actions for {@code target} at {@code frame}, in menu order; empty for null. */
    public static List<Action> of(Topology topology, LabFrame frame, CanvasTarget target) {
        List<Action> out = new ArrayList<>();
        switch (target) {
            case null -> { }
            case CanvasTarget.Node n -> nodeActions(frame, n.node(), out);
            case CanvasTarget.Path p -> {
                boolean failed = frame.cluster().pathFailed(p.node(), p.path());
                String ref = p.node() + "/" + p.path();
                out.add(new Action(failed ? "Restore path " + ref : "Fail path " + ref, 'F',
                        List.of((failed ? "restore-path " : "fail-path ") + ref), true));
                boolean lossy = frame.cluster().passthrough(p.node(), p.path()) == PassthroughMode.LOSSY;
                out.add(new Action(lossy ? "Passthrough faithful (status and sense reach the node)"
                        : "Passthrough lossy (conflicts become I/O errors, unit attentions vanish)", 'L',
                        List.of("passthrough " + ref + (lossy ? " faithful" : " lossy")), true));
                nodeActions(frame, p.node(), out);
            }
            case CanvasTarget.Disk d -> {
                out.add(new Action("LU reset of " + d.disk(), 'U', List.of("lu-reset " + d.disk()), true));
                out.add(new Action("Bus reset of " + d.disk(), 'B', List.of("bus-reset " + d.disk()), true));
                out.add(new Action("Target restart (every disk)", 'T', List.of("target-restart"), true));
            }
            case CanvasTarget.Link l -> out.add(linkAction(topology, frame, l));
        }
        return List.copyOf(out);
    }

    /** The action bound to {@code key} (upper case) for {@code target}, or null. */
    public static Action forKey(Topology topology, LabFrame frame, CanvasTarget target, char key) {
        for (Action a : of(topology, frame, target)) if (a.key() == Character.toUpperCase(key)) return a;
        return null;
    }

    /**
     * What {@code target} is and its state at {@code frame}, in a line, for the canvas's tooltip:
     * "node node-a: UP, runs sql", "path node-a/p1: working, lossy passthrough", "disk data:
     * PR generation 5, reserved type 5", "cluster link node-a <-> node-b: cut".
     */
    public static String describe(Topology topology, LabFrame frame, CanvasTarget target) {
        return switch (target) {
            case null -> "";
            case CanvasTarget.Node n -> {
                List<String> runs = new ArrayList<>();
                for (var g : topology.groups()) if (frame.runningOn(g.name()).contains(n.node())) runs.add(g.name());
                yield n.label() + ": " + frame.cluster().node(n.node()) + (frame.cluster().hasQuorum(n.node()) ? "" : ", no quorum")
                        + (runs.isEmpty() ? ", runs nothing" : ", runs " + String.join(", ", runs));
            }
            case CanvasTarget.Path p -> p.label() + ": " + (frame.cluster().pathFailed(p.node(), p.path()) ? "FAILED" : "working") + ", "
                    + frame.cluster().passthrough(p.node(), p.path()).name().toLowerCase(java.util.Locale.ROOT) + " passthrough";
            case CanvasTarget.Disk d -> {
                var r = frame.disks().reservation(d.disk());
                yield d.label() + ": PR generation " + r.generation() + ", " + r.registrants().size() + " registration(s), "
                        + (r.reserved() ? "reserved (type " + r.reservationType() + ")" : "not reserved")
                        + (r.spc2Holder() != null ? ", SPC-2 reserved" : "");
            }
            case CanvasTarget.Link l -> l.label() + ": " + (linkAction(topology, frame, l).label().startsWith("Heal") ? "cut" : "connected");
        };
    }

    private static void nodeActions(LabFrame frame, String node, List<Action> out) {
        NodeState s = frame.cluster().node(node);
        out.add(new Action("Crash " + node + " (power off)", 'C', List.of("crash " + node), s != NodeState.DOWN));
        out.add(new Action(switch (s) {
            case DOWN -> "Restart " + node + " (boot)";
            case HUNG -> "Restart " + node + " (resume after the hang)";
            case ISOLATED -> "Restart " + node + " (reconnect to the network)";
            case UP -> "Restart " + node;
        }, 'R', List.of("restart " + node), s != NodeState.UP));
        out.add(new Action("Hang " + node + " (freeze its cluster service, I/O goes on)", 'H', List.of("hang " + node), s == NodeState.UP));
        out.add(new Action("Isolate " + node + " (unplug every network)", 'I', List.of("isolate " + node), s == NodeState.UP));
    }

    private static Action linkAction(Topology topology, LabFrame frame, CanvasTarget.Link l) {
        String net = l.network();
        if (l.a() == null) { // the whole network
            boolean anyCut = false;
            List<String> nodes = topology.nodeNames();
            for (int i = 0; i < nodes.size(); i++) for (int j = i + 1; j < nodes.size(); j++) anyCut |= frame.links().isCut(net, nodes.get(i), nodes.get(j));
            return anyCut ? new Action("Heal the " + net + " network", 'X', List.of("heal " + net), true)
                    : new Action("Cut the whole " + net + " network", 'X', List.of("cut " + net), true);
        }
        if (l.b() == null) { // one node's connection to a bus
            List<String> steps = new ArrayList<>();
            for (String peer : topology.nodeNames()) if (!peer.equals(l.a()) && frame.links().isCut(net, l.a(), peer)) steps.add("heal " + net + " " + l.a() + " " + peer);
            return steps.isEmpty() ? new Action("Cut " + l.a() + " off the " + net + " network", 'X', List.of("partition " + net + " " + l.a()), true)
                    : new Action("Heal " + l.a() + "'s " + net + " links", 'X', steps, true);
        }
        boolean cut = frame.links().isCut(net, l.a(), l.b());
        return new Action((cut ? "Heal" : "Cut") + " the " + net + " link " + l.a() + " <-> " + l.b(), 'X',
                List.of((cut ? "heal " : "cut ") + net + " " + l.a() + " " + l.b()), true);
    }
}
