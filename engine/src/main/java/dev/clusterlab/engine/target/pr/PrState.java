package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.ItNexus;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable persistent-reservation state of one logical unit: registrations in registration
 * order, the reservation, PRgeneration, the APTPL setting and the "information lost" condition.
 * Registrations and the reservation are immutable values, so {@link #copy} is a cheap, complete
 * checkpoint for rolling back a command whose APTPL write failed.
 */
final class PrState {
    final ArrayList<Registration> registrations;
    Reservation reservation;
    /** PRgeneration, a 32-bit counter that wraps (SPC-4 §6.15.2); reported unsigned. */
    int generation;
    /** The last valid APTPL value received (SPC-4 §5.13.5.2). */
    boolean aptplActive;
    /** Persistent reservation information was lost at power on (SPC-4 §5.13.5.3.2). */
    boolean lost;

    PrState() { this.registrations = new ArrayList<>(); }

    private PrState(PrState o) {
        this.registrations = new ArrayList<>(o.registrations);
        this.reservation = o.reservation;
        this.generation = o.generation;
        this.aptplActive = o.aptplActive;
        this.lost = o.lost;
    }

    PrState copy() { return new PrState(this); }

    void restore(PrState o) {
        registrations.clear();
        registrations.addAll(o.registrations);
        reservation = o.reservation;
        generation = o.generation;
        aptplActive = o.aptplActive;
        lost = o.lost;
    }

    /** Index of the registration covering {@code nexus}, or -1 when the nexus is not registered. */
    int indexOf(ItNexus nexus) {
        ArrayList<Registration> regs = registrations;
        for (int i = 0, n = regs.size(); i < n; i++) if (regs.get(i).covers(nexus)) return i;
        return -1;
    }

    Registration find(ItNexus nexus) {
        int i = indexOf(nexus);
        return i < 0 ? null : registrations.get(i);
    }

    boolean isRegistered(ItNexus nexus) { return indexOf(nexus) >= 0; }

    /** The holder test of SPC-4 §5.13.10: under AR types every registered I_T nexus holds it. */
    boolean isHolder(ItNexus nexus) {
        Reservation r = reservation;
        if (r == null) return false;
        return r.holder() == null ? isRegistered(nexus) : r.holder().equals(nexus);
    }

    /** The registration of the (single) holder, or null for AR types and when unreserved. */
    Registration holderRegistration() {
        Reservation r = reservation;
        return r == null || r.holder() == null ? null : find(r.holder());
    }

    /** Whether {@code reg} is the registration through which the reservation is held (non-AR). */
    boolean holdsThrough(Registration reg) {
        Reservation r = reservation;
        return r != null && r.holder() != null && reg.covers(r.holder());
    }

    List<Registration> withKey(long key) {
        List<Registration> out = new ArrayList<>(2);
        for (Registration r : registrations) if (r.key() == key) out.add(r);
        return out;
    }

    void bumpGeneration() { generation++; }
}
