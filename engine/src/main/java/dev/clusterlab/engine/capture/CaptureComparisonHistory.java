package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scenario.SgPersistFormat;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * What happened to one simulated logical unit during a comparison, kept so an explanation can
 * name the cause of a difference ("node-a reserved at t=1.2s"): who holds the reservation since
 * when, who removed whose registration, when a nexus's session ended, the last reset.
 */
final class CaptureComparisonHistory {
    /** One act: when, by whom, what, in words. */
    record Act(long time, String who, String what) {
        String told() { return who + "'s " + what + " at " + CaptureImport.seconds(time); }
    }

    private Act reservation;
    private Act lastPrChange;
    private Act lastReset;
    private final Map<ItNexus, Act> registrationRemovedBy = new HashMap<>();
    private final Map<ItNexus, Act> sessionEnded = new HashMap<>();
    private long divergedAt = -1;
    private Long generationOffset;

    Act reservation() { return reservation; }

    Act lastPrChange() { return lastPrChange; }

    Act lastReset() { return lastReset; }

    Act registrationRemovedBy(ItNexus n) { return registrationRemovedBy.get(n); }

    Act sessionEnded(ItNexus n) { return sessionEnded.get(n); }

    long divergedAt() { return divergedAt; }

    void diverged(long time) { if (divergedAt < 0) divergedAt = time; }

    /**
     * Whether a PRgeneration difference of {@code delta} (theirs minus ours) is new: the first one
     * is remembered, later answers only count when the offset changes again.
     */
    boolean newGenerationOffset(long delta) {
        if (generationOffset != null && generationOffset == delta) return false;
        boolean isNew = generationOffset != null || delta != 0;
        generationOffset = delta;
        return isNew;
    }

    void taskManagement(TimelineEvent.TaskManagement t, String who) {
        Act act = new Act(t.time(), who, switch (t.kind()) {
            case I_T_NEXUS_LOSS -> "session end (I_T nexus loss)";
            case LOGICAL_UNIT_RESET -> "LOGICAL UNIT RESET";
            case TARGET_RESET -> "TARGET RESET";
            case ABORT_TASK_SET -> "ABORT TASK SET";
            case CLEAR_TASK_SET -> "CLEAR TASK SET";
            case POWER_ON -> "power on";
        });
        if (t.kind() == TimelineEvent.TaskManagementKind.I_T_NEXUS_LOSS) sessionEnded.put(t.requester(), act);
        else lastReset = act;
    }

    void executed(ImportedCommand c, ScsiResponse ours, ReservationSnapshot before, ReservationSnapshot after, String who,
                  boolean differed) {
        if ((c.cdb()[0] & 0xFF) != Opcode.PERSISTENT_RESERVE_OUT || !ours.isGood() || c.cdb().length < 3) return;
        PrOutAction action;
        try {
            action = PrOutAction.fromCode(c.cdb()[1] & 0x1F);
        } catch (IllegalArgumentException e) {
            return;
        }
        Act act = new Act(c.startTime(), who, action.label());
        lastPrChange = act;
        if (after.reserved() && (!before.reserved() || before.reservationType() != after.reservationType() || !sameHolders(before, after)))
            reservation = new Act(c.startTime(), who, action.label() + " (" + SgPersistFormat.typeName(after.reservationType()) + ")");
        if (!after.reserved()) reservation = null;
        for (ReservationSnapshot.Registrant r : before.registrants()) {
            if (r.targetPort() == null) continue;
            ItNexus n = new ItNexus(r.initiator(), r.targetPort());
            if (!n.equals(c.nexus()) && !registered(after, n)) registrationRemovedBy.put(n, act);
        }
    }

    private static boolean registered(ReservationSnapshot s, ItNexus n) {
        for (ReservationSnapshot.Registrant r : s.registrants())
            if (r.initiator().equals(n.initiator()) && (r.targetPort() == null || r.targetPort().equals(n.target()))) return true;
        return false;
    }

    private static boolean sameHolders(ReservationSnapshot a, ReservationSnapshot b) {
        for (ReservationSnapshot.Registrant r : b.registrants()) {
            if (!r.holder()) continue;
            boolean was = false;
            for (ReservationSnapshot.Registrant o : a.registrants())
                if (o.holder() && o.initiator().equals(r.initiator()) && java.util.Objects.equals(o.targetPort(), r.targetPort())) was = true;
            if (!was) return false;
        }
        return true;
    }
}
