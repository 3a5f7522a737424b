package dev.clusterlab.views.session;

import dev.clusterlab.engine.timeline.ClusterView;
import dev.clusterlab.engine.timeline.DiskReservationView;
import dev.clusterlab.engine.timeline.Narrator;
import java.util.List;

/**
 * Everything the window draws at one cursor time: the projections folded up to the cursor, the
 * commands of the last {@link LabSession#RECENT_NANOS} and the narration so far. Immutable to its
 * readers; the render functions are pure functions of a frame (RaftScope's render split).
 *
 * @param narration the last {@link #NARRATION_LINES} story lines at or before {@code time}, oldest first
 * @param headline the latest important story line at or before {@code time}, or null
 */
public record LabFrame(long time, ClusterView.State cluster, DiskReservationView.State disks, LinkView.State links,
                       List<CommandArrow> recentCommands, List<Narrator.Line> narration, Narrator.Line headline,
                       java.util.Set<String> armedDisks) {

    /** How many story lines a frame carries (a frame is built per animation pulse, so it stays small). */
    public static final int NARRATION_LINES = 50;


    public LabFrame {
        recentCommands = List.copyOf(recentCommands);
        narration = List.copyOf(narration);
        armedDisks = java.util.Set.copyOf(armedDisks);
    }

    /** Whether the real disk {@code disk} is armed now (always false for simulated disks). */
    public boolean armed(String disk) { return armedDisks.contains(disk); }

    /** The nodes running {@code group} at this time. */
    public List<String> runningOn(String group) { return cluster.runningOn(group); }
}
