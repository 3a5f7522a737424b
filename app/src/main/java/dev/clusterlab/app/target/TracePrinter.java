package dev.clusterlab.app.target;

import dev.clusterlab.engine.scenario.SgPersistFormat;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints the target's timeline as it happens, one line per fact, so a support engineer can watch a
 * cluster's reservation traffic live. Runs on the target's engine loop, so it keeps no shared state.
 */
public final class TracePrinter implements TimelineSink {

    /** How much to print. */
    public enum Level {
        /** Nothing but logins (the default of earlier versions). */
        NONE,
        /** Reservation changes, in words, and the unit attentions they cause. */
        RESERVATIONS,
        /** As RESERVATIONS, plus every command with its status, the way the sequence diagram labels it. */
        COMMANDS
    }

    private final PrintWriter out;
    private final Level level;
    private record CommandKey(String lu, long id) {}

    private final Map<CommandKey, String> started = new HashMap<>();

    public TracePrinter(PrintWriter out, Level level) {
        this.out = out;
        this.level = level;
    }

    @Override
    public boolean recording() { return level != Level.NONE; }

    @Override
    public void append(TimelineEvent event) {
        String line = switch (event) {
            case TimelineEvent.CommandStarted s -> {
                if (level == Level.COMMANDS) started.put(new CommandKey(s.lu(), s.commandId()), ScsiDecoder.summarize(s.cdb(), s.dataOut()));
                yield null;
            }
            case TimelineEvent.CommandCompleted c -> {
                String what = started.remove(new CommandKey(c.lu(), c.commandId()));
                if (what == null) yield null;
                yield c.lu() + " " + c.nexus().initiator().displayName() + ": " + what + " -> " + c.status().label()
                        + (c.status() == ScsiStatus.CHECK_CONDITION ? " " + c.sense() : "");
            }
            case TimelineEvent.ReservationChanged r -> r.lu() + ": " + r.cause() + " (generation " + r.after().generation()
                    + ", " + r.after().registrants().size() + " registered"
                    + (r.after().reserved() ? ", reservation " + SgPersistFormat.typeName(r.after().reservationType()) : ", no reservation") + ")";
            case TimelineEvent.UnitAttentionQueued u -> u.lu() + ": unit attention " + u.condition() + " for " + u.nexus().initiator().displayName();
            case TimelineEvent.TaskManagement t -> t.lu() + ": " + describe(t.kind())
                    + (t.requester() != null ? (t.kind() == TimelineEvent.TaskManagementKind.I_T_NEXUS_LOSS ? " of " : " by ")
                            + t.requester().initiator().displayName() : "");
            case TimelineEvent.TasksAborted a -> a.lu() + ": " + a.count() + " task(s) of " + a.victim().initiator().displayName()
                    + " aborted (" + a.cause() + ")";
            // Cluster facts never reach a standalone target's timeline.
            case TimelineEvent.NodeStateChanged n -> null;
            case TimelineEvent.LinkChanged l -> null;
            case TimelineEvent.HeartbeatLost h -> null;
            case TimelineEvent.HeartbeatRestored h -> null;
            case TimelineEvent.MembershipChanged m -> null;
            case TimelineEvent.GroupStateChanged g -> null;
            case TimelineEvent.NodeFenced f -> null;
            case TimelineEvent.QuorumChanged q -> null;
            case TimelineEvent.PathChanged p -> null;
            case TimelineEvent.PassthroughChanged p -> null;
            case TimelineEvent.IntegrityViolation v -> null;
            case TimelineEvent.ClusterLog l -> null;
        };
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    private static String describe(TimelineEvent.TaskManagementKind kind) {
        return switch (kind) {
            case LOGICAL_UNIT_RESET -> "logical unit reset";
            case TARGET_RESET -> "target reset";
            case I_T_NEXUS_LOSS -> "I_T nexus loss";
            case POWER_ON -> "power on";
            case ABORT_TASK_SET -> "ABORT TASK SET";
            case CLEAR_TASK_SET -> "CLEAR TASK SET";
        };
    }
}
