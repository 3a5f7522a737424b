package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.pr.PersistentReservations;
import dev.clusterlab.engine.target.pr.PrEnvironment;
import dev.clusterlab.engine.target.store.BlockStore;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A simulated logical unit shared by several I_T nexuses. Not thread-safe: one engine loop owns it
 * (DESIGN.md, Threading), which is what makes every reservation decision indivisible.
 *
 * <p>Order of checks for each command: a supported command from a nexus that a reservation excludes
 * gets RESERVATION CONFLICT first (SAM-5 §5.3.2: that status takes precedence, and the unit
 * attention stays pending); then a pending unit attention is reported (except for INQUIRY, REPORT
 * LUNS and REQUEST SENSE); then an unsupported opcode gets 20h/00h; then, while persistent
 * reservation information is lost, commands outside a short list get DATA PROTECT 44h/01h (SPC-4
 * §5.13.5.3.2); then the handler runs.
 *
 * <p>Task management (SAM-5 §7) and transport events are methods here: {@link #logicalUnitReset},
 * {@link #targetReset}, {@link #itNexusLoss}, {@link #powerOn}, {@link #abortTaskSet} and
 * {@link #clearTaskSet}. None of them touches persistent reservations except power on (SPC-4
 * §5.13.1); all of them release an SPC-2 reservation they affect.
 */
public final class LogicalUnit {
    private final String name;
    private final int lun;
    private final LuIdentity identity;
    private final BlockStore store;
    private final List<TargetPort> targetPorts;
    private final CommandTable commands;
    private final PersistentReservations reservations;
    private final UnitAttentions unitAttentions;
    private final DeviceServerState state;
    private final Clock clock;
    private final TimelineSink timeline;
    private final java.util.function.Supplier<int[]> reportedLuns;
    private final TaskSet taskSet = new TaskSet();
    private final BooleanSupplier taskAbortedStatus;
    private long nextCommandId = 1;

    private LogicalUnit(Builder b) {
        this.name = b.name;
        this.lun = b.lun;
        this.identity = Objects.requireNonNull(b.identity, "identity");
        this.store = Objects.requireNonNull(b.store, "store");
        this.targetPorts = List.copyOf(b.targetPorts);
        if (targetPorts.isEmpty()) throw new IllegalArgumentException("a logical unit needs at least one target port");
        this.commands = b.commands != null ? b.commands : CommandTable.standard();
        this.clock = b.clock;
        this.timeline = b.timeline;
        this.reportedLuns = b.reportedLuns != null ? b.reportedLuns : () -> new int[] {lun};
        this.state = new DeviceServerState();
        // TAS lives in the Control mode page (SPC-4 §7.5.8) unless the builder overrides it.
        this.taskAbortedStatus = b.taskAbortedStatus != null ? b.taskAbortedStatus : () -> state.mode().taskAbortedStatus();
        this.unitAttentions = new UnitAttentions(name, timeline, clock, b.unitAttentionCapacity);
        this.reservations = new PersistentReservations(new PrEnvironment(name, targetPorts, unitAttentions, taskSet,
                timeline, clock, b.aptplStore, taskAbortedStatus, state::releasePrevention, b.maxRegistrations));
    }

    public static Builder builder(String name) { return new Builder(name); }

    public String name() { return name; }

    public int lun() { return lun; }

    public LuIdentity identity() { return identity; }

    public BlockStore store() { return store; }

    public List<TargetPort> targetPorts() { return targetPorts; }

    public CommandTable commands() { return commands; }

    public PersistentReservations reservations() { return reservations; }

    public UnitAttentions unitAttentions() { return unitAttentions; }

    public DeviceServerState state() { return state; }

    /** The commands in flight, for transports that keep them outstanding. */
    public TaskSet taskSet() { return taskSet; }

    public Clock clock() { return clock; }

    public TimelineSink timeline() { return timeline; }

    /** The LUNs REPORT LUNS lists: every LU of the target this one belongs to (itself by default). */
    public int[] reportedLuns() { return reportedLuns.get(); }

    /** Runs one command from {@code nexus} to completion and records it on the timeline. */
    public ScsiResponse execute(ItNexus nexus, ScsiRequest request) {
        long id = nextCommandId++;
        boolean rec = timeline.recording();
        if (rec) timeline.append(new TimelineEvent.CommandStarted(clock.nowNanos(), name, nexus, id,
                request.cdb().clone(), request.dataOut().clone()));
        ScsiResponse response = dispatch(nexus, request);
        if (rec) timeline.append(new TimelineEvent.CommandCompleted(clock.nowNanos(), name, nexus, id,
                response.status(), response.sense(), response.dataIn()));
        return response;
    }

    /**
     * Runs one command that the transport has entered in the {@link #taskSet()} under {@code taskTag}:
     * an abort it causes (PREEMPT AND ABORT) spares this task itself (SPC-4 §5.13.11.2.6).
     */
    public ScsiResponse execute(ItNexus nexus, long taskTag, ScsiRequest request) {
        taskSet.setCurrent(nexus, taskTag);
        try {
            return execute(nexus, request);
        } finally {
            taskSet.clearCurrent();
        }
    }

    private ScsiResponse dispatch(ItNexus nexus, ScsiRequest request) {
        byte[] cdb = request.cdb();
        try {
            unitAttentions.noteNexus(nexus); // every nexus that sends a command is known to the LU
            CommandTable.Entry entry = cdb.length == 0 ? null : commands.lookup(cdb);
            if (entry != null && reservations.conflicts(nexus, cdb)) return ScsiResponse.reservationConflict();
            AdditionalSense ua = unitAttentions.takeReportable(nexus, request.opcode());
            if (ua != null) return ScsiResponse.checkCondition(SenseData.unitAttention(ua));
            if (entry == null) {
                // A supported opcode with an unsupported service action is an invalid CDB field (byte 1),
                // not an invalid opcode (SPC-4 §4.3.4.7, REPORT SUPPORTED OPERATION CODES agrees).
                if (cdb.length > 1 && commands.hasOpcode(cdb[0] & 0xFF))
                    return ScsiResponse.checkCondition(SenseData.invalidField(AdditionalSense.INVALID_FIELD_IN_CDB, true, 1, 4));
                return ScsiResponse.checkCondition(SenseData.invalidField(AdditionalSense.INVALID_COMMAND_OPERATION_CODE, true, 0, -1));
            }
            if (reservations.informationLost() && !reservations.allowedWhileLost(cdb))
                return ScsiResponse.checkCondition(PersistentReservations.informationLostSense());
            if (cdb.length < entry.cdbLength()) return ScsiResponse.checkCondition(SenseData.illegalRequest(AdditionalSense.INVALID_FIELD_IN_CDB));
            return entry.handler().execute(new CommandContext(this, nexus, request));
        } catch (CheckCondition cc) {
            return ScsiResponse.checkCondition(cc.sense());
        } catch (java.io.UncheckedIOException io) {
            return ScsiResponse.checkCondition(SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR));
        } catch (RuntimeException bug) {
            // A defect in a handler must not take the target down; report INTERNAL TARGET FAILURE.
            return ScsiResponse.checkCondition(SenseData.of(SenseKey.HARDWARE_ERROR, INTERNAL_TARGET_FAILURE));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Task management and transport events

    /**
     * LOGICAL UNIT RESET (SAM-5 §7.7): every task is aborted, an SPC-2 reservation is released,
     * persistent reservations are kept (SPC-4 §5.13.1), the device server returns to its reset
     * state, and every I_T nexus of the logical unit gets 29h/03h BUS DEVICE RESET FUNCTION OCCURRED.
     */
    public void logicalUnitReset(ItNexus requester) {
        recordTaskManagement(requester, TimelineEvent.TaskManagementKind.LOGICAL_UNIT_RESET);
        resetLogicalUnit("logical unit reset by " + requester, AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
    }

    /**
     * TARGET RESET / hard reset (SAM-5 §6.3.2): the same effects as a logical unit reset, but the
     * condition is 29h/02h SCSI BUS RESET OCCURRED, the hard-reset code of SAM-5 §6.3.2, so an
     * initiator can tell the two apart (29h/03h is the logical unit reset's own code).
     */
    public void targetReset(ItNexus requester) {
        recordTaskManagement(requester, TimelineEvent.TaskManagementKind.TARGET_RESET);
        resetLogicalUnit("target reset by " + requester, AdditionalSense.SCSI_BUS_RESET_OCCURRED);
    }

    private void resetLogicalUnit(String cause, AdditionalSense condition) {
        for (ItNexus n : taskSet.nexusesWithTasks()) abortAndRecord(n, false, cause);
        reservations.releaseSpc2(cause + ": SPC-2 reservation released");
        state.reset();
        commands.logicalUnitReset(this);
        unitAttentions.queueForAll(condition);
    }

    /**
     * I_T nexus loss (SAM-5 §6.3.4; logout, dropped connection): its tasks are aborted, an SPC-2
     * reservation it held is released, its registrations are kept, and 29h/07h I_T NEXUS LOSS
     * OCCURRED waits for it when the same initiator port returns through the same target port. Its
     * medium removal prevention ends with it (SBC-3 §5.12).
     */
    public void itNexusLoss(ItNexus nexus) {
        recordTaskManagement(nexus, TimelineEvent.TaskManagementKind.I_T_NEXUS_LOSS);
        abortAndRecord(nexus, false, "I_T nexus loss");
        reservations.nexusLost(nexus);
        state.releasePrevention(nexus);
        commands.nexusLost(this, nexus);
        unitAttentions.queue(nexus, AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
    }

    /**
     * A simulated power cycle (SAM-5 §6.3.1): tasks and the SPC-2 reservation are gone; persistent
     * reservations survive only if APTPL was active and are then reloaded from the APTPL store;
     * PRgeneration is 0; pending unit attentions are replaced by 29h/01h POWER ON OCCURRED for every
     * I_T nexus, including ones that first connect afterwards.
     */
    public void powerOn() {
        recordTaskManagement(null, TimelineEvent.TaskManagementKind.POWER_ON);
        for (ItNexus n : taskSet.nexusesWithTasks()) abortAndRecord(n, false, "power on");
        reservations.powerOn();
        state.reset();
        commands.logicalUnitReset(this);
        unitAttentions.powerOn();
    }

    /** ABORT TASK SET (SAM-5 §7.3): aborts the requester's own tasks; nobody else is affected. */
    public void abortTaskSet(ItNexus requester) {
        recordTaskManagement(requester, TimelineEvent.TaskManagementKind.ABORT_TASK_SET);
        abortAndRecord(requester, false, "ABORT TASK SET");
    }

    /**
     * CLEAR TASK SET (SAM-5 §7.4): aborts every task of the logical unit; other I_T nexuses whose
     * tasks were aborted get 2Fh/00h COMMANDS CLEARED BY ANOTHER INITIATOR when TAS=0, and TASK
     * ABORTED status for those tasks when TAS=1.
     */
    public void clearTaskSet(ItNexus requester) {
        recordTaskManagement(requester, TimelineEvent.TaskManagementKind.CLEAR_TASK_SET);
        boolean tas = taskAbortedStatus.getAsBoolean();
        for (ItNexus n : taskSet.nexusesWithTasks()) {
            boolean byAnother = !n.equals(requester);
            long[] tags = abortAndRecord(n, tas && byAnother, "CLEAR TASK SET by " + requester);
            if (tags.length > 0 && byAnother && !tas)
                unitAttentions.queue(n, AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
        }
    }

    private long[] abortAndRecord(ItNexus nexus, boolean reportTaskAborted, String cause) {
        long[] tags = taskSet.abort(nexus, reportTaskAborted);
        if (tags.length > 0 && timeline.recording())
            timeline.append(new TimelineEvent.TasksAborted(clock.nowNanos(), name, nexus, tags.length, cause));
        return tags;
    }

    private void recordTaskManagement(ItNexus requester, TimelineEvent.TaskManagementKind kind) {
        if (timeline.recording()) timeline.append(new TimelineEvent.TaskManagement(clock.nowNanos(), name, requester, kind));
    }

    /** 44h/00h: what a handler defect is reported as. Tests treat seeing it as a failure. */
    public static final AdditionalSense INTERNAL_TARGET_FAILURE = new AdditionalSense(0x44, 0x00);

    public static final class Builder {
        private final String name;
        private int lun;
        private LuIdentity identity;
        private BlockStore store;
        private List<TargetPort> targetPorts = List.of(new TargetPort(1, "port-1", 1));
        private CommandTable commands;
        private Clock clock = () -> 0L;
        private TimelineSink timeline = TimelineSink.DISCARD;
        private java.util.function.Supplier<int[]> reportedLuns;
        private AptplStore aptplStore = AptplStore.NONE;
        private BooleanSupplier taskAbortedStatus;
        private int maxRegistrations = PrEnvironment.DEFAULT_MAX_REGISTRATIONS;
        private int unitAttentionCapacity = UnitAttentions.DEFAULT_CAPACITY;

        private Builder(String name) { this.name = Objects.requireNonNull(name); }

        public Builder lun(int lun) { this.lun = lun; return this; }

        public Builder identity(LuIdentity identity) { this.identity = identity; return this; }

        public Builder store(BlockStore store) { this.store = store; return this; }

        public Builder targetPorts(List<TargetPort> ports) { this.targetPorts = ports; return this; }

        public Builder commands(CommandTable commands) { this.commands = commands; return this; }

        public Builder clock(Clock clock) { this.clock = clock; return this; }

        public Builder timeline(TimelineSink timeline) { this.timeline = timeline; return this; }

        public Builder reportedLuns(java.util.function.Supplier<int[]> luns) { this.reportedLuns = luns; return this; }

        /** Non-volatile storage for APTPL (default {@link AptplStore#NONE}: PTPL_C=0, APTPL=1 rejected). */
        public Builder aptplStore(AptplStore store) { this.aptplStore = Objects.requireNonNull(store); return this; }

        /** Overrides where the TAS bit is read when tasks are aborted (default: the Control mode page). */
        public Builder taskAbortedStatus(BooleanSupplier tas) { this.taskAbortedStatus = Objects.requireNonNull(tas); return this; }

        /** Registrations beyond this get 55h/04h INSUFFICIENT REGISTRATION RESOURCES (default 1024). */
        public Builder maxRegistrations(int max) { this.maxRegistrations = max; return this; }

        /** Unit attentions kept per I_T nexus before overflow handling (default 32). */
        public Builder unitAttentionCapacity(int capacity) { this.unitAttentionCapacity = capacity; return this; }

        public LogicalUnit build() { return new LogicalUnit(this); }
    }
}
