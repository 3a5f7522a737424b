package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.TransportId;
import java.util.List;

/**
 * What survives a power loss while APTPL is active (SPC-4 §5.13.5): registrations and the
 * reservation, never PRgeneration.
 *
 * @param reservation the reservation, or null when none is held
 */
public record PersistedReservations(List<Registration> registrations, Reservation reservation) {

    public PersistedReservations { registrations = List.copyOf(registrations); }

    public static final PersistedReservations EMPTY = new PersistedReservations(List.of(), null);

    /**
     * @param relativeTargetPortId the target port the registration was made through, or 0 when it
     *     applies to all target ports (ALL_TG_PT=1)
     */
    public record Registration(TransportId initiator, int relativeTargetPortId, long key) {}

    /**
     * @param holder the holder's initiator port, or null for all-registrants types
     * @param holderRelativeTargetPortId the holder's target port (0 for all-registrants types)
     */
    public record Reservation(int type, int scope, TransportId holder, int holderRelativeTargetPortId) {}
}
