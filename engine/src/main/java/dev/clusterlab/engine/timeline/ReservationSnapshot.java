package dev.clusterlab.engine.timeline;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TargetPort;
import java.util.List;

/**
 * The reservation state of one logical unit at one moment, as views and traces need it.
 *
 * @param generation PRgeneration
 * @param registrants registrations in registration order
 * @param reservationType 0 when no persistent reservation exists, else the SPC-4 TYPE code
 * @param scope the reservation's SCOPE (0 = LU_SCOPE)
 * @param spc2Holder the nexus holding an SPC-2 RESERVE, or null
 * @param aptplActive whether the last APTPL value makes the state persist through power loss
 */
public record ReservationSnapshot(long generation, List<Registrant> registrants, int reservationType, int scope,
                                  ItNexus spc2Holder, boolean aptplActive) {

    public static final ReservationSnapshot EMPTY = new ReservationSnapshot(0, List.of(), 0, 0, null, false);

    public ReservationSnapshot { registrants = List.copyOf(registrants); }

    public boolean reserved() { return reservationType != 0; }

    /**
     * One registration.
     *
     * @param targetPort the target port it was made through, or null when registered for all target ports
     * @param holder whether this registrant holds the persistent reservation (every registrant under AR types)
     */
    public record Registrant(InitiatorPort initiator, TargetPort targetPort, long key, boolean holder) {
        public boolean allTargetPorts() { return targetPort == null; }
    }
}
