package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.timeline.ReservationSnapshot;

/**
 * The reservation state of one logical unit: SPC-2 RESERVE/RELEASE and SPC-4 persistent
 * reservations. Placeholder with the final API, filled in by the reservation work.
 */
public final class PersistentReservations {
    /** Whether {@code cdb} from {@code nexus} must end in RESERVATION CONFLICT before it runs. */
    public boolean conflicts(ItNexus nexus, byte[] cdb) { return false; }

    /** PERSISTENT RESERVE IN (5Eh). */
    public ScsiResponse persistentReserveIn(CommandContext ctx) { throw unsupported(); }

    /** PERSISTENT RESERVE OUT (5Fh). */
    public ScsiResponse persistentReserveOut(CommandContext ctx) { throw unsupported(); }

    /** RESERVE(6) (16h) and RESERVE(10) (56h). */
    public ScsiResponse reserve(CommandContext ctx) { throw unsupported(); }

    /** RELEASE(6) (17h) and RELEASE(10) (57h). */
    public ScsiResponse release(CommandContext ctx) { throw unsupported(); }

    public ReservationSnapshot snapshot() { return ReservationSnapshot.EMPTY; }

    private static CheckCondition unsupported() {
        return CheckCondition.illegalRequest(AdditionalSense.INVALID_COMMAND_OPERATION_CODE);
    }
}
