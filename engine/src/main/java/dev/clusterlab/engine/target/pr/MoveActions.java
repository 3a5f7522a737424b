package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.scsi.TransportId;

/**
 * REGISTER AND MOVE (07h, SPC-4 §5.13.8, Table 70) and REPLACE LOST RESERVATION (08h, §5.13.11.3).
 * Neither raises a unit attention.
 */
final class MoveActions {
    private MoveActions() {}

    /**
     * Moves the requester's reservation to another I_T nexus, registering it with SARK (or updating
     * its key when it is already registered); UNREG=1 then unregisters the requester. The CDB's
     * SCOPE and TYPE are ignored: the destination inherits the reservation's own.
     */
    static void registerAndMove(PrOutCommand cmd) {
        PrState s = cmd.state;
        Registration own = cmd.requireRegisteredWithMatchingKey();
        Reservation r = s.reservation;
        if (r == null) throw CheckCondition.invalidFieldInCdb(1, 4); // nothing to move (§5.13.8)
        if (r.type().allRegistrants() || !s.isHolder(cmd.nexus)) throw ReservationConflict.INSTANCE;
        if (cmd.sark == 0) throw CheckCondition.invalidFieldInParameterList(8, -1);
        ItNexus destination = destination(cmd);
        // The destination must be another I_T nexus, not one this registration already covers.
        if (own.covers(destination)) throw CheckCondition.invalidFieldInParameterList(24, -1);
        int di = s.indexOf(destination);
        if (di >= 0) {
            s.registrations.set(di, s.registrations.get(di).withKey(cmd.sark));
        } else {
            if (s.registrations.size() + 1 > cmd.env.maxRegistrations())
                throw CheckCondition.illegalRequest(AdditionalSense.INSUFFICIENT_REGISTRATION_RESOURCES);
            s.registrations.add(new Registration(destination.initiator(), destination.target(), cmd.sark));
            cmd.newlyRegistered.add(destination);
        }
        s.reservation = new Reservation(r.type(), r.scope(), destination);
        boolean unreg = Bytes.bit(cmd.params, 17, 1);
        if (unreg) s.registrations.remove(own);
        s.aptplActive = cmd.aptpl;
        s.bumpGeneration();
        if (cmd.recording)
            cmd.cause = cmd.who() + " moved its " + r.type().shortName() + " reservation to " + destination
                    + " (key " + PrOutCommand.key(cmd.sark) + ")" + (unreg ? " and unregistered itself" : "");
    }

    /**
     * The destination named by RELATIVE TARGET PORT IDENTIFIER (bytes 18-19) and the TransportID
     * (TRANSPORTID LENGTH at 20-23, the TransportID from 24), which must fill the list exactly.
     * An iSCSI TransportID must name a port (format 01b): a device name alone is ambiguous here.
     */
    private static ItNexus destination(PrOutCommand cmd) {
        byte[] p = cmd.params;
        long tidLength = Bytes.u32(p, 20);
        if (tidLength < 24 || 24 + tidLength != p.length) throw CheckCondition.invalidFieldInParameterList(20, -1);
        int len = (int) tidLength;
        int encoded = TransportId.encodedLength(p, 24, len);
        TransportId id = encoded != len ? null : TransportId.decode(p, 24, len);
        if (id == null || (id instanceof TransportId.Iscsi iscsi && !iscsi.hasIsid()))
            throw CheckCondition.invalidFieldInParameterList(24, -1);
        TargetPort port = cmd.env.port(Bytes.u16(p, 18));
        if (port == null) throw CheckCondition.invalidFieldInParameterList(18, -1);
        return new ItNexus(new InitiatorPort(id), port);
    }

    /**
     * REPLACE LOST RESERVATION, only meaningful after the persistent reservation information was
     * lost: registers the requester with SARK, creates a reservation from the CDB, and sets
     * PRgeneration to 0. Outside that state the request gets 26h/04h (SPC-4 §5.13.11.3).
     */
    static void replaceLostReservation(PrOutCommand cmd, PrType type) {
        PrState s = cmd.state;
        if (cmd.rk != 0) throw ReservationConflict.INSTANCE;
        if (!s.lost) throw CheckCondition.illegalRequest(AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        if (cmd.sark == 0) throw CheckCondition.invalidFieldInParameterList(8, -1);
        // Drop whatever remains, with no unit attention (§5.13.11.3), and start again from this registrant.
        s.registrations.clear();
        s.registrations.add(new Registration(cmd.nexus.initiator(), cmd.nexus.target(), cmd.sark));
        cmd.newlyRegistered.add(cmd.nexus);
        s.reservation = Reservation.madeBy(cmd.nexus, type, cmd.scope);
        s.generation = 0;
        s.lost = false;
        s.aptplActive = cmd.aptpl;
        if (cmd.recording)
            cmd.cause = cmd.who() + " replaced the lost reservation: key " + PrOutCommand.key(cmd.sark) + " holds "
                    + type.shortName();
    }
}
