package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TransportId;
import java.util.ArrayList;
import java.util.List;

/**
 * REGISTER (00h) and REGISTER AND IGNORE EXISTING KEY (06h): SPC-4 §5.13.7, Tables 67-68, with
 * SPEC_I_PT (§6.16.3) and ALL_TG_PT.
 */
final class RegisterActions {
    private RegisterActions() {}

    /** REGISTER: the RESERVATION KEY must match (0 when the requester is unregistered). */
    static void register(PrOutCommand cmd) {
        Registration own = cmd.state.find(cmd.nexus);
        if (own == null) {
            if (cmd.rk != 0) throw ReservationConflict.INSTANCE; // Table 67: unregistered, RK != 0
            registerNew(cmd);
        } else {
            if (cmd.rk != own.key()) throw ReservationConflict.INSTANCE;
            changeOrRemove(cmd, own);
        }
    }

    /** REGISTER AND IGNORE EXISTING KEY: like REGISTER without the key check (Table 68). */
    static void registerAndIgnoreExistingKey(PrOutCommand cmd) {
        Registration own = cmd.state.find(cmd.nexus);
        if (own == null) registerNew(cmd);
        else changeOrRemove(cmd, own);
    }

    /** SPEC_I_PT is valid only for REGISTER from an unregistered I_T nexus (Table 67 note b, Table 68). */
    static void checkSpecIpt(PrOutCommand cmd) {
        boolean allowed = cmd.action == dev.clusterlab.engine.scsi.PrOutAction.REGISTER && !cmd.state.isRegistered(cmd.nexus);
        if (cmd.specIpt && !allowed) throw CheckCondition.invalidFieldInParameterList(20, 3);
    }

    private static void registerNew(PrOutCommand cmd) {
        PrState s = cmd.state;
        if (cmd.sark == 0) {
            // Unregistered and SARK=0: nothing to register (SPC-4 Table 67); key 0 is never stored.
            // The TransportID list, if any, is still checked for well-formedness.
            if (cmd.specIpt) parseTransportIds(cmd);
            s.aptplActive = cmd.aptpl;
            s.bumpGeneration();
            if (cmd.recording) cmd.cause = cmd.who() + " sent REGISTER with key 0 while unregistered: nothing registered";
            return;
        }
        InitiatorPort me = cmd.nexus.initiator();
        Registration mine = new Registration(me, cmd.allTgPt ? null : cmd.nexus.target(), cmd.sark);
        // ALL_TG_PT=1 registers this initiator port through every target port; if it is already
        // registered through another one, the two registrations would overlap.
        if (cmd.allTgPt && overlapsExisting(s, mine)) throw CheckCondition.invalidFieldInParameterList(20, 2);
        List<Registration> added = new ArrayList<>();
        added.add(mine);
        if (cmd.specIpt) addSpecifiedInitiators(cmd, added);
        if (s.registrations.size() + added.size() > cmd.env.maxRegistrations())
            throw CheckCondition.illegalRequest(AdditionalSense.INSUFFICIENT_REGISTRATION_RESOURCES);
        // All or nothing: every check has passed before anything is registered (SPC-4 §6.16.3).
        for (Registration r : added) {
            s.registrations.add(r);
            cmd.newlyRegistered.addAll(r.nexuses(cmd.env.targetPorts()));
        }
        s.aptplActive = cmd.aptpl;
        s.bumpGeneration();
        if (cmd.recording) {
            StringBuilder b = new StringBuilder(cmd.who()).append(" registered key ").append(PrOutCommand.key(cmd.sark));
            if (cmd.allTgPt) b.append(" on all target ports");
            if (added.size() > 1) b.append(" for itself and ").append(added.size() - 1).append(" specified initiator port(s)");
            cmd.cause = b.toString();
        }
    }

    private static void changeOrRemove(PrOutCommand cmd, Registration own) {
        PrState s = cmd.state;
        int index = s.registrations.indexOf(own);
        if (cmd.sark != 0) {
            // A new key replaces the old one; the reservation follows the I_T nexus, not the key.
            s.registrations.set(index, own.withKey(cmd.sark));
            s.aptplActive = cmd.aptpl;
            s.bumpGeneration();
            if (cmd.recording)
                cmd.cause = cmd.who() + " changed its key from " + PrOutCommand.key(own.key()) + " to " + PrOutCommand.key(cmd.sark);
            return;
        }
        unregister(cmd, own, index);
        s.aptplActive = cmd.aptpl;
        s.bumpGeneration();
    }

    /**
     * Removes the requester's registration with the implicit release of SPC-4 §5.13.11.2.3: a WE/EA
     * reservation it held goes silently, a WERO/EARO one goes with 2Ah/04h to the other registrants,
     * and an all-registrants reservation stays until its last registrant leaves.
     */
    private static void unregister(PrOutCommand cmd, Registration own, int index) {
        PrState s = cmd.state;
        Reservation r = s.reservation;
        boolean heldThroughIt = s.holdsThrough(own);
        s.registrations.remove(index);
        String what = cmd.recording ? cmd.who() + " unregistered key " + PrOutCommand.key(own.key()) : null;
        if (r == null) {
            cmd.cause = what;
        } else if (r.type().allRegistrants()) {
            if (s.registrations.isEmpty()) {
                s.reservation = null;
                if (cmd.recording) what += ": it was the last registrant, " + r.type().shortName() + " reservation released";
            }
            cmd.cause = what;
        } else if (heldThroughIt) {
            s.reservation = null;
            if (r.type().registrantsOnly()) cmd.unitAttentionToRegistrants(AdditionalSense.RESERVATIONS_RELEASED);
            cmd.cause = cmd.recording ? what + ": its " + r.type().shortName() + " reservation was released" : null;
        } else {
            cmd.cause = what;
        }
    }

    private static boolean overlapsExisting(PrState s, Registration candidate) {
        for (Registration r : s.registrations) {
            if (!r.initiator().equals(candidate.initiator())) continue;
            if (r.allTargetPorts() || candidate.allTargetPorts() || r.targetPort().equals(candidate.targetPort())) return true;
        }
        return false;
    }

    /** A decoded TransportID and where it starts in the parameter list (for the sense field pointer). */
    record ListedId(TransportId id, int offset) {}

    /**
     * The SPEC_I_PT TransportID list (SPC-4 §6.16.3): TRANSPORTID PARAMETER DATA LENGTH at byte 24
     * must account for the rest of the list exactly; a TransportID that is malformed or truncated
     * gets 26h/00h pointing at it.
     */
    static List<ListedId> parseTransportIds(PrOutCommand cmd) {
        byte[] p = cmd.params;
        long tpdl = Bytes.u32(p, 24);
        if (28 + tpdl != p.length) throw CheckCondition.invalidFieldInParameterList(24, -1);
        List<ListedId> out = new ArrayList<>();
        int off = 28;
        while (off < p.length) {
            int remaining = p.length - off;
            int len = TransportId.encodedLength(p, off, remaining);
            TransportId id = len < 0 || len > remaining ? null : TransportId.decode(p, off, len);
            if (id == null) throw CheckCondition.invalidFieldInParameterList(off, -1);
            out.add(new ListedId(id, off));
            off += len;
        }
        return out;
    }

    /**
     * Adds a registration with the same key for every initiator port the list names, through the
     * requester's target port or, with ALL_TG_PT=1, through all of them. An iSCSI TransportID in
     * format 00b names the initiator device: it stands for every port of that initiator the logical
     * unit knows. A listed port that is already registered makes the whole command fail (26h/00h,
     * SPC-4 Table 67 note b); the requester's own port and repeats within the list are skipped.
     */
    private static void addSpecifiedInitiators(PrOutCommand cmd, List<Registration> added) {
        for (ListedId listed : parseTransportIds(cmd)) {
            List<InitiatorPort> ports = resolve(cmd, listed);
            for (InitiatorPort port : ports) {
                Registration r = new Registration(port, cmd.allTgPt ? null : cmd.nexus.target(), cmd.sark);
                if (covered(added, r)) continue;
                if (overlapsExisting(cmd.state, r)) throw CheckCondition.invalidFieldInParameterList(listed.offset(), -1);
                added.add(r);
            }
        }
    }

    private static boolean covered(List<Registration> added, Registration r) {
        for (Registration a : added)
            if (a.initiator().equals(r.initiator()) && java.util.Objects.equals(a.targetPort(), r.targetPort())) return true;
        return false;
    }

    private static List<InitiatorPort> resolve(PrOutCommand cmd, ListedId listed) {
        if (listed.id() instanceof TransportId.Iscsi iscsi && !iscsi.hasIsid()) {
            List<InitiatorPort> ports = new ArrayList<>();
            for (ItNexus n : cmd.env.unitAttentions().knownNexuses()) {
                InitiatorPort ip = n.initiator();
                if (ip.transportId() instanceof TransportId.Iscsi k && k.hasIsid() && k.name().equals(iscsi.name())
                        && !ports.contains(ip)) ports.add(ip);
            }
            // No port of that initiator has ever been seen: nothing it could name (LIO: unknown initiator).
            if (ports.isEmpty()) throw CheckCondition.invalidFieldInParameterList(listed.offset(), -1);
            return ports;
        }
        return List.of(new InitiatorPort(listed.id()));
    }
}
