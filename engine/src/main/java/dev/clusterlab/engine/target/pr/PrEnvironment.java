package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.engine.target.TaskSet;
import dev.clusterlab.engine.target.UnitAttentions;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the reservation model needs from its logical unit.
 *
 * @param targetPorts the target ports through which the logical unit is reached (ALL_TG_PT covers these)
 * @param aptplStore non-volatile storage for APTPL; {@link AptplStore#NONE} when persistence through
 *     power loss is not supported (PTPL_C=0, and APTPL=1 is rejected)
 * @param taskAbortedStatus the Control mode page's TAS bit (SPC-4 §7.5.8): whether tasks aborted by
 *     another I_T nexus still complete with TASK ABORTED (1) or end silently with a 2Fh/00h unit
 *     attention (0)
 * @param allowMediumRemoval performs the implicit ALLOW MEDIUM REMOVAL that PREEMPT AND ABORT
 *     applies to each preempted I_T nexus (SPC-4 §5.13.11.2.6)
 * @param maxRegistrations registrations beyond this get 55h/04h INSUFFICIENT REGISTRATION RESOURCES
 */
public record PrEnvironment(String luName, List<TargetPort> targetPorts, UnitAttentions unitAttentions, TaskSet taskSet,
                            TimelineSink timeline, Clock clock, AptplStore aptplStore, BooleanSupplier taskAbortedStatus,
                            Consumer<ItNexus> allowMediumRemoval, int maxRegistrations) {

    public static final int DEFAULT_MAX_REGISTRATIONS = 1024;

    public PrEnvironment {
        targetPorts = List.copyOf(targetPorts);
        if (targetPorts.isEmpty()) throw new IllegalArgumentException("at least one target port");
        if (maxRegistrations < 1) throw new IllegalArgumentException("maxRegistrations");
    }

    /** One target port, no persistence, nothing recorded: for a reservation model used on its own. */
    public static PrEnvironment standalone(List<TargetPort> ports) {
        return new PrEnvironment("lu", ports, new UnitAttentions(), new TaskSet(), TimelineSink.DISCARD, () -> 0L,
                AptplStore.NONE, () -> false, nexus -> { }, DEFAULT_MAX_REGISTRATIONS);
    }

    public TargetPort port(int relativeId) {
        for (TargetPort p : targetPorts) if (p.relativeId() == relativeId) return p;
        return null;
    }
}
