package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrType;
import java.util.List;

/**
 * CLEAR (03h), PREEMPT (04h) and PREEMPT AND ABORT (05h): SPC-4 §5.13.11.2.4-7, Table 72, Figure 9.
 * Each removes other registrations, so each tells the removed I_T nexuses with a unit attention and
 * increments PRgeneration exactly once.
 */
final class PreemptActions {
    private PreemptActions() {}

    /** CLEAR: releases the reservation and removes every registration; 2Ah/03h to the others. */
    static void clear(PrOutCommand cmd) {
        cmd.requireRegisteredWithMatchingKey();
        PrState s = cmd.state;
        cmd.unitAttentionToRegistrants(AdditionalSense.RESERVATIONS_PREEMPTED);
        int removed = s.registrations.size();
        s.registrations.clear();
        s.reservation = null;
        s.bumpGeneration();
        if (cmd.recording)
            cmd.cause = cmd.who() + " cleared " + removed + " registration(s) and any reservation";
    }

    /**
     * PREEMPT and PREEMPT AND ABORT. The cases follow the conformance notes' lettering:
     * A no reservation; B all-registrants with SARK=0; C all-registrants with SARK≠0; D other type
     * with SARK=0; E SARK is the holder's key; F SARK is another key.
     */
    static void preempt(PrOutCommand cmd, PrType newType, boolean abort) {
        Registration own = cmd.requireRegisteredWithMatchingKey();
        PrState s = cmd.state;
        Reservation r = s.reservation;
        long sark = cmd.sark;
        String verb = abort ? " preempted and aborted key " : " preempted key ";

        if (r != null && r.type().allRegistrants() && sark == 0) { // case B
            for (Registration reg : List.copyOf(s.registrations)) {
                if (reg.equals(own)) continue;
                removeRegistration(cmd, reg, abort);
            }
            takeReservation(cmd, r, newType);
            if (cmd.recording)
                cmd.cause = cmd.who() + " preempted all other registrants" + (abort ? " (with abort)" : "")
                        + " and now holds a " + newType.shortName() + " reservation";
        } else if (r == null || r.type().allRegistrants()) { // cases A and C: registrations only
            removeMatching(cmd, sark, abort, null);
            if (r != null && s.registrations.isEmpty()) s.reservation = null; // last AR registrant gone
            if (cmd.recording) cmd.cause = cmd.who() + verb + PrOutCommand.key(sark) + ": registrations removed";
        } else if (sark == 0) { // case D
            throw CheckCondition.invalidFieldInParameterList(8, -1);
        } else {
            Registration holderReg = s.holderRegistration();
            if (holderReg != null && holderReg.key() == sark) { // case E
                ItNexus oldHolder = r.holder();
                removeMatching(cmd, sark, abort, own);
                if (abort) cmd.abortVictims.add(oldHolder); // its reservation was preempted: abort its tasks too
                takeReservation(cmd, r, newType);
                if (cmd.recording)
                    cmd.cause = cmd.who() + verb + PrOutCommand.key(sark) + ": reservation taken (" + newType.shortName() + ")";
            } else { // case F
                removeMatching(cmd, sark, abort, null);
                if (cmd.recording) cmd.cause = cmd.who() + verb + PrOutCommand.key(sark) + ": registrations removed";
            }
        }
        s.bumpGeneration();
    }

    /**
     * Removes every registration with {@code key} except {@code spare}; the requester's own
     * registration is removed too when its key matches and it is not spared (§5.13.11.2.5). No
     * matching registration at all is a RESERVATION CONFLICT (Figure 9).
     */
    private static void removeMatching(PrOutCommand cmd, long key, boolean abort, Registration spare) {
        List<Registration> victims = cmd.state.withKey(key);
        if (victims.isEmpty()) throw ReservationConflict.INSTANCE;
        for (Registration v : victims) if (!v.equals(spare)) removeRegistration(cmd, v, abort);
        // A reservation held through a removed registration is released with it (non-AR; case F can
        // only reach here with the holder spared, as the holder's key differs).
        Reservation r = cmd.state.reservation;
        if (r != null && r.holder() != null && !cmd.state.isRegistered(r.holder())) cmd.state.reservation = null;
    }

    private static void removeRegistration(PrOutCommand cmd, Registration reg, boolean abort) {
        cmd.state.registrations.remove(reg);
        cmd.unitAttentionTo(reg, AdditionalSense.REGISTRATIONS_PREEMPTED);
        if (abort) cmd.abortVictims.addAll(reg.nexuses(cmd.env.targetPorts()));
    }

    /**
     * The requester becomes the holder of a reservation of {@code newType}. When the type or scope
     * differs from the preempted one, every remaining registrant except the requester gets 2Ah/04h
     * (§5.13.11.2.4).
     */
    private static void takeReservation(PrOutCommand cmd, Reservation old, PrType newType) {
        cmd.state.reservation = Reservation.madeBy(cmd.nexus, newType, cmd.scope);
        if (old.type() != newType || old.scope() != cmd.scope)
            cmd.unitAttentionToRegistrants(AdditionalSense.RESERVATIONS_RELEASED);
    }
}
