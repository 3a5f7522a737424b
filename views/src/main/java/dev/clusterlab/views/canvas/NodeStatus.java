package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.views.session.LabFrame;
import java.util.List;

/**
 * What the frame can tell about a node beyond {@link NodeState}. The cluster view folds a reboot
 * into plain DOWN; the node's own log line "rebooting: why" (NodeContext.reboot writes it just
 * before going down) is in the frame's narration, so a DOWN node whose last going-down was preceded
 * by that line at the same instant is rebooting. The frame keeps only the last
 * {@link LabFrame#NARRATION_LINES} lines, so a reboot told longer ago than that shows as plain DOWN.
 */
final class NodeStatus {

    /** A reboot in progress: it began at {@code since}, for {@code reason}. */
    record Reboot(long since, String reason) {}

    private static final String REBOOTING = "rebooting: ";
    private static final String DOWN = "is down";

    private NodeStatus() {}

    /** The reboot {@code node} is in at {@code frame}, or null when it is not DOWN or went down for another reason. */
    static Reboot rebooting(LabFrame frame, String node) {
        if (frame.cluster().node(node) != NodeState.DOWN) return null;
        List<Narrator.Line> lines = frame.narration();
        long downAt = -1;
        for (int i = lines.size() - 1; i >= 0; i--) {
            Narrator.Line line = lines.get(i);
            if (!node.equals(line.actor())) continue;
            if (downAt < 0) {
                if (line.text().startsWith(DOWN)) downAt = line.time();
                continue;
            }
            if (line.time() < downAt) return null;
            if (line.text().startsWith(REBOOTING)) return new Reboot(line.time(), line.text().substring(REBOOTING.length()));
        }
        return null;
    }
}
