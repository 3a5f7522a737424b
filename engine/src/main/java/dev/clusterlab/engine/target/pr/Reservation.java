package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrType;

/**
 * The persistent reservation of a logical unit; at most one exists (SPC-4 §5.13.9).
 *
 * @param scope always 0 (LU_SCOPE): other scopes are rejected before a reservation is made
 * @param holder the I_T nexus holding it for WE, EA, WERO and EARO; null for the all-registrants
 *     types, where every registered I_T nexus is a holder (SPC-4 §5.13.10)
 */
public record Reservation(PrType type, int scope, ItNexus holder) {
    public Reservation {
        if (type == null) throw new IllegalArgumentException("type");
        if (type.allRegistrants() != (holder == null))
            throw new IllegalArgumentException("all-registrants reservations have no single holder; others have one");
    }

    /** A reservation of {@code type} made by {@code requester}. */
    public static Reservation madeBy(ItNexus requester, PrType type, int scope) {
        return new Reservation(type, scope, type.allRegistrants() ? null : requester);
    }

    /** RO and AR types: registered I_T nexuses keep access, and releases are announced (Table 71). */
    public boolean registrantsHaveAccess() { return type.registrantsOnly() || type.allRegistrants(); }
}
