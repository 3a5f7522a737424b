package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.List;

/** Small questions the deviation matchers ask about steps, answers and ClusterLab's state snapshots. */
final class Facts {
    private Facts() {}

    static int nexusOf(Sequence seq, ReservationSnapshot.Registrant r) {
        List<InitiatorIdentity> n = seq.nexuses();
        for (int i = 0; i < n.size(); i++) if (n.get(i).port().equals(r.initiator())) return i;
        return -1;
    }

    /** The nexus's key in {@code s}, 0 when it is not registered. */
    static long key(Sequence seq, ReservationSnapshot s, int nexus) {
        for (ReservationSnapshot.Registrant r : s.registrants()) if (nexusOf(seq, r) == nexus) return r.key();
        return 0;
    }

    static boolean registered(Sequence seq, ReservationSnapshot s, int nexus) { return key(seq, s, nexus) != 0; }

    static boolean holder(Sequence seq, ReservationSnapshot s, int nexus) {
        for (ReservationSnapshot.Registrant r : s.registrants()) if (nexusOf(seq, r) == nexus) return r.holder();
        return false;
    }

    /** The key of the (single) holder of a non-all-registrants reservation, 0 when none. */
    static long holderKey(ReservationSnapshot s) {
        for (ReservationSnapshot.Registrant r : s.registrants()) if (r.holder()) return r.key();
        return 0;
    }

    static boolean validType(int type) {
        for (int t : SequenceGenerator.TYPES) if (t == type) return true;
        return false;
    }

    /** WERO, EARO, WEAR, EAAR: the types whose release SPC-4 §5.13.11.2.2 announces with 2Ah/04h. */
    static boolean registrantsType(int type) { return type >= 5 && type <= 8; }

    static boolean allRegistrantsType(int type) { return type == 7 || type == 8; }

    static Step.PrOut prOut(Step step, PrOutAction action) {
        return step instanceof Step.PrOut p && p.action() == action ? p : null;
    }

    static boolean bothGood(StepResult r) { return r.ours().isGood() && r.tgt().isGood(); }

    static boolean conflict(Observation o) { return o.status() == ScsiStatus.RESERVATION_CONFLICT; }

    static boolean illegalRequest(Observation o, int asc, int ascq) {
        return o.status() == ScsiStatus.CHECK_CONDITION && o.sense().key() == 5 && o.sense().is(asc, ascq);
    }

    /**
     * The steps that may have queued the unit attentions nexus {@code n} reports now: from its own
     * previous step (inclusive: a command can queue one for its own nexus) up to this one. Earlier
     * ones were reported, and so cleared, at that previous step.
     */
    static List<StepResult> sinceLastStepOf(List<StepResult> history, int n) {
        for (int i = history.size() - 1; i >= 0; i--) if (history.get(i).step().nexus() == n) return history.subList(i, history.size());
        return history;
    }

    /** A GOOD-on-both unregister (REGISTER or REGISTER AND IGNORE with SARK 0) by a nexus that held the reservation and released it. */
    static boolean holderUnregisterReleased(Sequence seq, StepResult w) {
        return w.step() instanceof Step.PrOut p && p.unregisters() && bothGood(w)
                && registered(seq, w.before(), p.nexus()) && holder(seq, w.before(), p.nexus())
                && w.before().reserved() && !w.after().reserved();
    }

    /** A GOOD-on-both RELEASE that released the reservation (by a holder, matching type). */
    static boolean releaseReleased(StepResult w) {
        return prOut(w.step(), PrOutAction.RELEASE) != null && bothGood(w) && w.before().reserved() && !w.after().reserved();
    }

    /** A GOOD-on-both PREEMPT that removed nexus {@code n}'s registration (and {@code n} was not the requester). */
    static boolean preemptRemoved(Sequence seq, StepResult w, int n) {
        return w.step() instanceof Step.PrOut p && (p.action() == PrOutAction.PREEMPT || p.action() == PrOutAction.PREEMPT_AND_ABORT)
                && p.nexus() != n && bothGood(w) && registered(seq, w.before(), n) && !registered(seq, w.after(), n);
    }
}
