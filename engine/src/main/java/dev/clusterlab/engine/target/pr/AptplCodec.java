package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.TargetPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the live reservation state and what survives a power loss (SPC-4 §5.13.5.2):
 * per registration the initiator port, key and target port (or all); the reservation's type, scope
 * and holder. PRgeneration is never stored (§6.15.2).
 */
final class AptplCodec {
    private AptplCodec() {}

    /** Thrown for stored state this logical unit cannot take back (unknown port, bad type, orphan holder). */
    static final class UnusableState extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableState(String why) { super(why); }
    }

    static PersistedReservations toPersisted(PrState s) {
        List<PersistedReservations.Registration> regs = new ArrayList<>(s.registrations.size());
        for (Registration r : s.registrations)
            regs.add(new PersistedReservations.Registration(r.initiator().transportId(),
                    r.allTargetPorts() ? 0 : r.targetPort().relativeId(), r.key()));
        Reservation res = s.reservation;
        PersistedReservations.Reservation pres = res == null ? null : new PersistedReservations.Reservation(
                res.type().code(), res.scope(),
                res.holder() == null ? null : res.holder().initiator().transportId(),
                res.holder() == null ? 0 : res.holder().target().relativeId());
        return new PersistedReservations(regs, pres);
    }

    /** Replaces the registrations and reservation of {@code s} with {@code p}. */
    static void restore(PersistedReservations p, PrState s, PrEnvironment env) throws UnusableState {
        s.registrations.clear();
        s.reservation = null;
        for (PersistedReservations.Registration r : p.registrations()) {
            if (r.initiator() == null || r.key() == 0) throw new UnusableState("registration without initiator or key");
            TargetPort port = null;
            if (r.relativeTargetPortId() != 0 && (port = env.port(r.relativeTargetPortId())) == null)
                throw new UnusableState("unknown relative target port " + r.relativeTargetPortId());
            s.registrations.add(new Registration(new InitiatorPort(r.initiator()), port, r.key()));
        }
        PersistedReservations.Reservation res = p.reservation();
        if (res == null) return;
        PrType type = PrType.fromCode(res.type());
        if (type == null || res.scope() != 0) throw new UnusableState("invalid reservation type or scope");
        if (type.allRegistrants()) {
            if (s.registrations.isEmpty()) throw new UnusableState("all-registrants reservation without registrants");
            s.reservation = new Reservation(type, 0, null);
            return;
        }
        TargetPort port = env.port(res.holderRelativeTargetPortId());
        if (res.holder() == null || port == null) throw new UnusableState("reservation holder unknown");
        ItNexus holder = new ItNexus(new InitiatorPort(res.holder()), port);
        if (!s.isRegistered(holder)) throw new UnusableState("reservation holder is not registered");
        s.reservation = new Reservation(type, 0, holder);
    }
}
