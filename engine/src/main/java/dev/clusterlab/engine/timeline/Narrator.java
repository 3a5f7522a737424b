package dev.clusterlab.engine.timeline;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns timeline events into plain-language lines for transcripts and the narration bar: who did
 * what, in words a classroom follows ("node-b preempted node-a's key on data"). Commands are paired
 * start-to-completion and told once, with their outcome. Stateful (it pairs commands), so use one
 * narrator per reader, fed in timeline order.
 *
 * <p>Routine traffic is left out at {@link Detail#STORY}: successful reads and writes, successful
 * PR IN reads (defenders poll every few seconds), unit attentions being queued, and reservation
 * changes already told by the command that made them. {@link Detail#EVERYTHING} tells all.
 */
public final class Narrator {

    public enum Detail { STORY, EVERYTHING }

    /**
     * One line: {@code actor} is the node (or disk) the line is about, {@code important} marks
     * lines a presenter must not miss (fencing, quorum loss, integrity violations).
     */
    public record Line(long time, String actor, String text, boolean important) {}

    private record Pending(String actor, String what, boolean routine) {}

    private final Function<InitiatorPort, String> names;
    private final Detail detail;
    private final Map<String, Pending> started = new HashMap<>();

    /** @param names "node-a/p1" for an initiator port, or null when it is not one of the lab's nodes */
    public Narrator(Function<InitiatorPort, String> names, Detail detail) {
        this.names = names;
        this.detail = detail;
    }

    /** The line for {@code event}, or null when it is not worth telling at this level of detail. */
    public Line narrate(TimelineEvent event) {
        boolean all = detail == Detail.EVERYTHING;
        long t = event.time();
        return switch (event) {
            case TimelineEvent.CommandStarted e -> {
                String what = ScsiDecoder.summarize(e.cdb(), e.dataOut());
                started.put(key(e.lu(), e.commandId()), new Pending(who(e.nexus() == null ? null : e.nexus().initiator()), what, isRoutine(e.cdb())));
                yield null;
            }
            case TimelineEvent.CommandCompleted e -> {
                Pending p = started.remove(key(e.lu(), e.commandId()));
                if (p == null) yield null;
                boolean good = e.status() == ScsiStatus.GOOD;
                if (good && p.routine() && !all) yield null;
                String outcome = e.status().label() + (e.sense() != null ? " " + e.sense() : "");
                yield new Line(t, p.actor(), p.what() + " to " + e.lu() + " -> " + outcome, false);
            }
            case TimelineEvent.ReservationChanged e -> all ? new Line(t, e.lu(), e.cause(), false) : null;
            case TimelineEvent.UnitAttentionQueued e -> all ? new Line(t, e.lu(), "unit attention " + e.condition() + " queued for " + who(e.nexus().initiator()), false) : null;
            case TimelineEvent.TaskManagement e -> new Line(t, e.lu(), taskManagement(e.kind())
                    + (e.requester() != null ? " (" + who(e.requester().initiator()) + ")" : ""), false);
            case TimelineEvent.TasksAborted e -> new Line(t, e.lu(), e.count() + " command(s) of " + who(e.victim().initiator()) + " aborted: " + e.cause(), false);
            case TimelineEvent.NodeStateChanged e -> new Line(t, e.node(), nodeState(e.before(), e.after()), e.after() != NodeState.UP);
            case TimelineEvent.LinkChanged e -> new Line(t, e.network(), "link " + e.nodeA() + " <-> " + e.nodeB() + (e.up() ? " healed" : " cut"), !e.up());
            case TimelineEvent.HeartbeatLost e -> new Line(t, e.observer(), "missed " + e.missed() + " heartbeats in a row from " + e.peer() + " on " + e.network(), false);
            case TimelineEvent.HeartbeatRestored e -> new Line(t, e.observer(), "hears " + e.peer() + " again on " + e.network(), false);
            case TimelineEvent.MembershipChanged e -> new Line(t, e.observer(), (e.change() == TimelineEvent.MembershipChange.REMOVED
                    ? "removed " + e.peer() + " from the cluster" : "sees " + e.peer() + " join the cluster")
                    + " (members: " + String.join(", ", e.members()) + ")", e.change() == TimelineEvent.MembershipChange.REMOVED);
            case TimelineEvent.GroupStateChanged e -> new Line(t, e.node(), e.group() + (e.online() ? " is online here" : " went offline here")
                    + (e.reason() == null || e.reason().isEmpty() ? "" : " (" + e.reason() + ")"), true);
            case TimelineEvent.NodeFenced e -> new Line(t, e.by(), "fenced " + e.victim() + " off " + e.disk() + " (" + e.how() + "): "
                    + e.victim() + " can no longer write to it", true);
            case TimelineEvent.QuorumChanged e -> new Line(t, e.node(), (e.quorum() ? "has quorum" : "has no quorum") + " (" + e.votes() + " of "
                    + e.total() + " votes)", true);
            case TimelineEvent.PathChanged e -> new Line(t, e.node(), "path " + e.path() + (e.up() ? " is back" : " failed")
                    + (e.reason() == null ? "" : " (" + e.reason() + ")"), !e.up());
            case TimelineEvent.PassthroughChanged e -> new Line(t, e.node(), "path " + e.path() + " passthrough is now "
                    + e.mode().name().toLowerCase(Locale.ROOT) + (e.mode() == PassthroughMode.LOSSY
                    ? ": RESERVATION CONFLICT and unit attentions no longer reach this node" : ": status and sense reach this node"), true);
            case TimelineEvent.IntegrityViolation e -> new Line(t, e.node(), "INTEGRITY VIOLATION on " + e.disk() + ": " + e.detail(), true);
            case TimelineEvent.ClusterLog e -> new Line(t, e.node(), e.text(), false);
        };
    }

    private static String nodeState(NodeState before, NodeState after) {
        return switch (after) {
            case DOWN -> "is down (powered off, its registrations stay on the disks)";
            case HUNG -> "hung: its cluster service is frozen (no heartbeats, no arbitration) but its I/O carries on";
            case ISOLATED -> "lost every network connection (its disk paths still work)";
            case UP -> switch (before) {
                case DOWN -> "booted";
                case HUNG -> "resumed after the hang";
                case ISOLATED -> "is back on the network";
                case UP -> "is up";
            };
        };
    }

    private static String taskManagement(TimelineEvent.TaskManagementKind kind) {
        return switch (kind) {
            case LOGICAL_UNIT_RESET -> "logical unit reset: SCSI-2 reservations dropped, persistent ones kept";
            case TARGET_RESET -> "target (bus) reset: SCSI-2 reservations dropped, persistent ones kept";
            case I_T_NEXUS_LOSS -> "I_T nexus loss";
            case POWER_ON -> "power on: only APTPL reservations survive";
            case ABORT_TASK_SET -> "ABORT TASK SET";
            case CLEAR_TASK_SET -> "CLEAR TASK SET";
        };
    }

    /** Reads, writes, TEST UNIT READY and PR IN: told only when they fail. */
    private static boolean isRoutine(byte[] cdb) {
        if (cdb.length == 0) return false;
        return switch (cdb[0] & 0xFF) {
            case 0x00, 0x08, 0x28, 0xA8, 0x88, 0x0A, 0x2A, 0xAA, 0x8A, 0x5E, 0x12, 0x25, 0x9E, 0xA0, 0x35, 0x91 -> true;
            default -> false;
        };
    }

    private String who(InitiatorPort port) {
        if (port == null) return "the target";
        String n = names.apply(port);
        return n != null ? n : port.displayName();
    }

    private static String key(String lu, long id) { return lu + "#" + id; }
}
