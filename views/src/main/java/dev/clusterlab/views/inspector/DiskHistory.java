package dev.clusterlab.views.inspector;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The reservation history of one disk: every register, unregister, reserve, release, preempt and
 * clear (and the target's own resets and power-ons) that changed its state, with who did it and the
 * PR generation afterwards. Read from the timeline's per-logical-unit index: a
 * {@link TimelineEvent.ReservationChanged} is recorded while the command that caused it runs, so
 * the command started last on that disk and not yet completed is its cause. Incremental: each call
 * reads only the events recorded since the last one, so it can follow a playing session per frame.
 * Belongs to one timeline; a fork makes a new one.
 */
public final class DiskHistory {
    private final Timeline timeline;
    private final String disk;
    private final Function<InitiatorPort, String> names;
    private final List<DiskHistoryRow> rows = new ArrayList<>();
    private int read; // how many of the disk's indexed events have been read
    private int seenSize = -1; // the timeline's size when last read: nothing new, nothing to copy
    private TimelineEvent.CommandStarted running;
    private TimelineEvent.TaskManagement lastReset; // a reset's reservation change is recorded right after it

    /** @param names "node-a/p1" for the lab's initiator ports, else null */
    public DiskHistory(Timeline timeline, String disk, Function<InitiatorPort, String> names) {
        this.timeline = timeline;
        this.disk = disk;
        this.names = names;
    }

    public Timeline timeline() { return timeline; }

    public String disk() { return disk; }

    /** The changes at or before {@code time}, oldest first. */
    public List<DiskHistoryRow> upTo(long time) {
        catchUp();
        int lo = 0, hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).time() <= time) lo = mid + 1;
            else hi = mid;
        }
        return List.copyOf(rows.subList(0, lo));
    }

    private void catchUp() {
        int size = timeline.size();
        if (size == seenSize) return;
        seenSize = size;
        int[] indexes = timeline.indexesOfLogicalUnit(disk);
        for (; read < indexes.length; read++) {
            switch (timeline.get(indexes[read])) {
                case TimelineEvent.CommandStarted e -> running = e;
                case TimelineEvent.CommandCompleted e -> {
                    if (running != null && running.commandId() == e.commandId()) running = null;
                }
                case TimelineEvent.TaskManagement e -> lastReset = e;
                case TimelineEvent.ReservationChanged e -> rows.add(row(e));
                default -> { }
            }
        }
    }

    private DiskHistoryRow row(TimelineEvent.ReservationChanged e) {
        String who, action;
        if (running != null) {
            who = name(running.nexus() == null ? null : running.nexus().initiator());
            action = ScsiDecoder.summarize(running.cdb(), running.dataOut());
        } else if (lastReset != null && lastReset.time() == e.time()) { // a reset a node asked for (e.g. an MSCS bus reset)
            who = lastReset.requester() == null ? "target" : name(lastReset.requester().initiator());
            action = resetName(lastReset.kind());
        } else {
            who = "target";
            action = e.cause();
        }
        return new DiskHistoryRow(e.time(), who, action, change(e.before(), e.after()), e.after().generation());
    }

    private static String resetName(TimelineEvent.TaskManagementKind kind) {
        return switch (kind) {
            case LOGICAL_UNIT_RESET -> "LOGICAL UNIT RESET";
            case TARGET_RESET -> "TARGET RESET (bus reset)";
            case I_T_NEXUS_LOSS -> "I_T nexus loss";
            case POWER_ON -> "power on (target restart)";
            case ABORT_TASK_SET -> "ABORT TASK SET";
            case CLEAR_TASK_SET -> "CLEAR TASK SET";
        };
    }

    /** What differs between two snapshots, in words: "+node-b/p1 0x2; -node-a/p1 0x1; reservation: node-b, type 5 (WERO)". */
    String change(ReservationSnapshot before, ReservationSnapshot after) {
        List<String> parts = new ArrayList<>();
        for (ReservationSnapshot.Registrant r : after.registrants()) if (!registered(before, r)) parts.add("+" + name(r.initiator()) + " " + key(r.key()));
        for (ReservationSnapshot.Registrant r : before.registrants()) if (!registered(after, r)) parts.add("-" + name(r.initiator()) + " " + key(r.key()));
        String holdBefore = holder(before), holdAfter = holder(after);
        if (before.reservationType() != after.reservationType() || !Objects.equals(holdBefore, holdAfter)) {
            parts.add(after.reserved() ? "reservation: " + holdAfter + ", " + type(after.reservationType())
                    : "reservation released (was " + holdBefore + ", " + type(before.reservationType()) + ")");
        }
        if (!Objects.equals(before.spc2Holder(), after.spc2Holder())) {
            parts.add(after.spc2Holder() != null ? "SPC-2 RESERVE by " + nexus(after.spc2Holder()) : "SPC-2 reservation released");
        }
        if (before.aptplActive() != after.aptplActive()) parts.add("APTPL " + (after.aptplActive() ? "on" : "off"));
        return parts.isEmpty() ? "no visible change" : String.join("; ", parts);
    }

    private static boolean registered(ReservationSnapshot s, ReservationSnapshot.Registrant r) {
        for (ReservationSnapshot.Registrant o : s.registrants()) {
            if (o.initiator().equals(r.initiator()) && Objects.equals(o.targetPort(), r.targetPort()) && o.key() == r.key()) return true;
        }
        return false;
    }

    /** Who holds the reservation: the holder's path, or "all registrants" under the all-registrants types (SPC-4 §5.14.7.3). */
    private String holder(ReservationSnapshot s) {
        if (!s.reserved()) return "nobody";
        List<String> holders = new ArrayList<>();
        for (ReservationSnapshot.Registrant r : s.registrants()) if (r.holder()) holders.add(name(r.initiator()));
        PrType t = prType(s.reservationType());
        if (t != null && t.allRegistrants()) return "all registrants";
        return holders.isEmpty() ? "?" : String.join(", ", holders);
    }

    private static String type(int code) {
        PrType t = prType(code);
        return "type " + code + (t == null ? "" : " (" + t.shortName() + ")");
    }

    private static PrType prType(int code) {
        try {
            return PrType.fromCode(code);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String nexus(ItNexus n) { return name(n.initiator()); }

    private String name(InitiatorPort port) {
        if (port == null) return "target";
        String n = names.apply(port);
        return n != null ? n : port.displayName();
    }

    private static String key(long k) { return "0x" + Long.toHexString(k).toUpperCase(Locale.ROOT); }
}
