package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.PrType;

/** RESERVE (01h) and RELEASE (02h): SPC-4 §5.13.9 and §5.13.11.2.2. Neither changes PRgeneration. */
final class ReserveReleaseActions {
    private ReserveReleaseActions() {}

    /**
     * RESERVE: creates the reservation when none exists; a holder repeating the same type and scope
     * gets GOOD; anything else conflicts — there is no implicit type change (that is PREEMPT's job).
     */
    static void reserve(PrOutCommand cmd, PrType type) {
        cmd.requireRegisteredWithMatchingKey();
        PrState s = cmd.state;
        Reservation r = s.reservation;
        if (r == null) {
            s.reservation = Reservation.madeBy(cmd.nexus, type, cmd.scope);
            if (cmd.recording) cmd.cause = cmd.who() + " reserved the LU (" + type.shortName() + ")";
            return;
        }
        // Under AR types every registrant is a holder, so any of them may repeat the RESERVE (§5.13.10).
        if (s.isHolder(cmd.nexus) && r.type() == type && r.scope() == cmd.scope) return;
        throw ReservationConflict.INSTANCE;
    }

    /**
     * RELEASE: the key is verified even when there is nothing to release; a registered non-holder
     * or an unreserved LU gets GOOD with no effect; a holder naming the wrong type or scope gets
     * 26h/04h and keeps the reservation. Releasing a RO or AR reservation tells the other
     * registrants with 2Ah/04h; WE and EA releases are silent (SPC-4 §5.13.11.2.2).
     */
    static void release(PrOutCommand cmd) {
        cmd.requireRegisteredWithMatchingKey();
        PrState s = cmd.state;
        Reservation r = s.reservation;
        if (r == null || !s.isHolder(cmd.nexus)) return;
        if (r.type().code() != cmd.typeCode || r.scope() != cmd.scope)
            throw CheckCondition.illegalRequest(AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        s.reservation = null;
        if (r.registrantsHaveAccess()) cmd.unitAttentionToRegistrants(AdditionalSense.RESERVATIONS_RELEASED);
        if (cmd.recording) cmd.cause = cmd.who() + " released the " + r.type().shortName() + " reservation";
    }
}
