package dev.clusterlab.engine.timeline;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;

/**
 * Everything observable in a session, as immutable facts on one timeline (see DESIGN.md).
 * Byte arrays in events are never modified after the event is created.
 */
public sealed interface TimelineEvent {

    /** Session time in nanoseconds (virtual in simulations). */
    long time();

    /** A command arrived at logical unit {@code lu} from {@code nexus}. */
    record CommandStarted(long time, String lu, ItNexus nexus, long commandId, byte[] cdb, byte[] dataOut)
            implements TimelineEvent {}

    /** The command finished; {@code sense} is null unless the status is CHECK CONDITION. */
    record CommandCompleted(long time, String lu, ItNexus nexus, long commandId, ScsiStatus status,
                            SenseData sense, byte[] dataIn) implements TimelineEvent {}

    /** The reservation state of {@code lu} changed; {@code cause} says why in words. */
    record ReservationChanged(long time, String lu, ReservationSnapshot before, ReservationSnapshot after,
                              String cause) implements TimelineEvent {}

    /** A unit attention was queued for {@code nexus}. */
    record UnitAttentionQueued(long time, String lu, ItNexus nexus, AdditionalSense condition)
            implements TimelineEvent {}

    /** A task management function or transport event took effect on {@code lu}. */
    record TaskManagement(long time, String lu, ItNexus requester, TaskManagementKind kind)
            implements TimelineEvent {}

    /** Tasks of {@code victim} were aborted, e.g. by PREEMPT AND ABORT. */
    record TasksAborted(long time, String lu, ItNexus victim, int count, String cause) implements TimelineEvent {}

    enum TaskManagementKind { LOGICAL_UNIT_RESET, TARGET_RESET, I_T_NEXUS_LOSS, POWER_ON, ABORT_TASK_SET, CLEAR_TASK_SET }
}
