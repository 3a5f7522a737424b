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
import dev.clusterlab.engine.target.pr.PersistentReservations;
import dev.clusterlab.engine.target.store.BlockStore;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.List;
import java.util.Objects;

/**
 * A simulated logical unit shared by several I_T nexuses. Not thread-safe: one engine loop owns it
 * (DESIGN.md, Threading), which is what makes every reservation decision indivisible.
 *
 * <p>Order of checks for each command: a supported command from a nexus that a reservation excludes
 * gets RESERVATION CONFLICT first (SAM-5 §5.3.2: that status takes precedence, and the unit
 * attention stays pending); then a pending unit attention is reported (except for INQUIRY, REPORT
 * LUNS and REQUEST SENSE); then an unsupported opcode gets 20h/00h; then the handler runs.
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
        this.unitAttentions = new UnitAttentions();
        this.reservations = new PersistentReservations();
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

    private ScsiResponse dispatch(ItNexus nexus, ScsiRequest request) {
        byte[] cdb = request.cdb();
        try {
            CommandTable.Entry entry = cdb.length == 0 ? null : commands.lookup(cdb);
            if (entry != null && reservations.conflicts(nexus, cdb)) return ScsiResponse.reservationConflict();
            AdditionalSense ua = unitAttentions.takeReportable(nexus, request.opcode());
            if (ua != null) return ScsiResponse.checkCondition(SenseData.unitAttention(ua));
            if (entry == null) {
                return ScsiResponse.checkCondition(SenseData.invalidField(AdditionalSense.INVALID_COMMAND_OPERATION_CODE, true, 0, -1));
            }
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

        private Builder(String name) { this.name = Objects.requireNonNull(name); }

        public Builder lun(int lun) { this.lun = lun; return this; }

        public Builder identity(LuIdentity identity) { this.identity = identity; return this; }

        public Builder store(BlockStore store) { this.store = store; return this; }

        public Builder targetPorts(List<TargetPort> ports) { this.targetPorts = ports; return this; }

        public Builder commands(CommandTable commands) { this.commands = commands; return this; }

        public Builder clock(Clock clock) { this.clock = clock; return this; }

        public Builder timeline(TimelineSink timeline) { this.timeline = timeline; return this; }

        public Builder reportedLuns(java.util.function.Supplier<int[]> luns) { this.reportedLuns = luns; return this; }

        public LogicalUnit build() { return new LogicalUnit(this); }
    }
}
