package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.pr.AccessRules.AccessClass;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The reservation state of one logical unit: SPC-2 RESERVE/RELEASE and SPC-4 persistent
 * reservations, with the access rules that decide RESERVATION CONFLICT before every command.
 *
 * <p>Each PERSISTENT RESERVE OUT is indivisible (SPC-4 §5.13.1): it is checked completely before it
 * changes anything, and while APTPL is active the new state is made durable before GOOD is
 * returned (§5.13.5.2); if that write fails, the state is rolled back and the command fails, so the
 * logical unit and its store always agree. Unit attentions, task aborts and timeline events are
 * emitted only after that point. The engine loop owns this object (no locking, DESIGN.md).
 */
public final class PersistentReservations {
    private static final SenseData INFORMATION_LOST =
            SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.PERSISTENT_RESERVATION_INFORMATION_LOST);
    /** Reported when the APTPL store cannot be written (as LIO does): the command had no effect. */
    private static final SenseData STORE_WRITE_FAILED =
            SenseData.of(SenseKey.NOT_READY, AdditionalSense.LU_COMMUNICATION_FAILURE);

    private final PrEnvironment env;
    private final PrState state = new PrState();
    private ItNexus spc2Holder;

    /** A reservation model of its own: one target port, no persistence, nothing recorded. */
    public PersistentReservations() { this(PrEnvironment.standalone(List.of(new TargetPort(1, "port-1", 1)))); }

    /** Reads the APTPL store as the logical unit's first power on; a store that cannot be read means the information was lost. */
    public PersistentReservations(PrEnvironment env) {
        this.env = env;
        if (env.aptplStore() != AptplStore.NONE) loadFromStore();
    }

    // ---------------------------------------------------------------------------------------------
    // Access control, on every command

    /** Whether {@code cdb} from {@code nexus} must end in RESERVATION CONFLICT before it runs. */
    public boolean conflicts(ItNexus nexus, byte[] cdb) {
        if (cdb.length == 0) return false;
        ItNexus spc2 = spc2Holder;
        if (spc2 != null) {
            // SPC-2 §5.5.1; PR IN/OUT conflict even for the owner (SPC-4 §5.13.3, conformance notes §5.3 rule 1).
            if (spc2.equals(nexus)) {
                int op = cdb[0] & 0xFF;
                return op == Opcode.PERSISTENT_RESERVE_IN || op == Opcode.PERSISTENT_RESERVE_OUT;
            }
            return !AccessRules.spc2Allows(cdb);
        }
        PrState s = state;
        if (s.registrations.isEmpty()) return false; // no registrations, so no persistent reservation either
        AccessClass c = AccessRules.classify(cdb);
        if (c == AccessClass.SPC2) return !reserveReleaseIsNoOp(nexus);
        Reservation r = s.reservation;
        if (r == null || c == AccessClass.ALWAYS || c == AccessClass.PR_IN || c == AccessClass.PR_OUT) return false;
        if (c == AccessClass.READ && !r.type().exclusiveAccess()) return false;
        if (s.isHolder(nexus)) return false;
        return AccessRules.nonHolderConflicts(c, r.type(), s.isRegistered(nexus));
    }

    /**
     * SPC-4 §5.13.3 (CRH=1): while registrations exist, RESERVE/RELEASE(6/10) from a persistent
     * reservation holder, or from a registrant while a RO or AR reservation exists, succeed without
     * doing anything; from anyone else they conflict.
     */
    private boolean reserveReleaseIsNoOp(ItNexus nexus) {
        Reservation r = state.reservation;
        if (r == null) return false;
        return state.isHolder(nexus) || (r.registrantsHaveAccess() && state.isRegistered(nexus));
    }

    /** Whether persistent reservation information was lost at power on (SPC-4 §5.13.5.3.2). */
    public boolean informationLost() { return state.lost; }

    /** Whether {@code cdb} is served while the information is lost; the rest get DATA PROTECT 44h/01h. */
    public boolean allowedWhileLost(byte[] cdb) { return cdb.length > 0 && AccessRules.allowedWhileLost(cdb); }

    /** The sense data for commands refused while the information is lost. */
    public static SenseData informationLostSense() { return INFORMATION_LOST; }

    // ---------------------------------------------------------------------------------------------
    // Commands

    /** PERSISTENT RESERVE IN (5Eh), SPC-4 §6.15. */
    public ScsiResponse persistentReserveIn(CommandContext ctx) {
        byte[] cdb = ctx.cdb();
        if (cdb.length < 10) throw CheckCondition.invalidFieldInCdb(0, -1);
        if (spc2Holder != null) return ScsiResponse.reservationConflict();
        byte[] data = switch (cdb[1] & 0x1F) {
            case 0x00 -> PrInResponses.readKeys(state, env.targetPorts());
            case 0x01 -> PrInResponses.readReservation(state);
            case 0x02 -> PrInResponses.reportCapabilities(state, persistenceCapable());
            case 0x03 -> PrInResponses.readFullStatus(state, env.targetPorts());
            default -> throw CheckCondition.invalidFieldInCdb(1, 4);
        };
        // Truncate to ALLOCATION LENGTH, never an error, even at 0 (SPC-4 §4.2.5.6).
        int allocation = Bytes.u16(cdb, 7);
        if (allocation < data.length) data = java.util.Arrays.copyOf(data, allocation);
        return ScsiResponse.good(data, ctx.dataInCapacity());
    }

    /** PERSISTENT RESERVE OUT (5Fh), SPC-4 §6.16, checked in the order of the conformance notes §1.5. */
    public ScsiResponse persistentReserveOut(CommandContext ctx) {
        ItNexus nexus = ctx.nexus();
        byte[] cdb = ctx.cdb();
        if (spc2Holder != null) return ScsiResponse.reservationConflict(); // step 1
        if (state.lost && !allowedWhileLost(cdb)) return ScsiResponse.checkCondition(INFORMATION_LOST);
        boolean recording = env.timeline().recording();
        PrOutCommand cmd = PrOutCommand.decode(nexus, cdb, ctx.dataOut(), state, env, recording); // steps 2-3
        ReservationSnapshot before = recording ? snapshot() : null;
        PrState checkpoint = env.aptplStore() != AptplStore.NONE ? state.copy() : null;
        try {
            perform(cmd);
        } catch (ReservationConflict conflict) {
            return ScsiResponse.reservationConflict();
        }
        if (checkpoint != null && (checkpoint.aptplActive || state.aptplActive)) {
            try {
                if (state.aptplActive) env.aptplStore().save(AptplCodec.toPersisted(state));
                else env.aptplStore().clear(); // APTPL turned off: nothing may survive a power loss now
            } catch (IOException | RuntimeException e) {
                state.restore(checkpoint);
                return ScsiResponse.checkCondition(STORE_WRITE_FAILED);
            }
        }
        applyEffects(cmd, before);
        return ScsiResponse.good();
    }

    /** Steps 4-7 of the validation order, then the service action itself. */
    private void perform(PrOutCommand cmd) {
        PrOutAction a = cmd.action;
        boolean registering = a == PrOutAction.REGISTER || a == PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY;
        boolean replacingLost = a == PrOutAction.REPLACE_LOST_RESERVATION && state.lost;
        // Step 4: only REGISTER and REGISTER AND IGNORE come from unregistered I_T nexuses (SPC-4
        // §5.13.7; Table 66), plus REPLACE LOST RESERVATION when there is nothing left to be registered with.
        if (!registering && !replacingLost && !state.isRegistered(cmd.nexus)) throw ReservationConflict.INSTANCE;
        // Step 5: SCOPE and TYPE are CDB fields, so errors in them are 24h/00h.
        PrType type = null;
        switch (a) {
            case RESERVE, PREEMPT, PREEMPT_AND_ABORT, REPLACE_LOST_RESERVATION -> {
                cmd.requireLuScope();
                type = cmd.requireType();
            }
            case RELEASE -> cmd.requireLuScope();
            default -> { } // REGISTER, REGISTER AND IGNORE, CLEAR and REGISTER AND MOVE ignore them
        }
        // Step 6: parameter list flags (SPC-4 §6.16.3).
        RegisterActions.checkSpecIpt(cmd);
        if (a == PrOutAction.REPLACE_LOST_RESERVATION && cmd.allTgPt) throw CheckCondition.invalidFieldInParameterList(20, 2);
        boolean aptplApplies = registering || a == PrOutAction.REGISTER_AND_MOVE || a == PrOutAction.REPLACE_LOST_RESERVATION;
        if (aptplApplies && cmd.aptpl && !persistenceCapable())
            throw a == PrOutAction.REGISTER_AND_MOVE ? CheckCondition.invalidFieldInParameterList(17, 0)
                    : CheckCondition.invalidFieldInParameterList(20, 0);
        // Step 7: the reservation key and the service action.
        switch (a) {
            case REGISTER -> RegisterActions.register(cmd);
            case REGISTER_AND_IGNORE_EXISTING_KEY -> RegisterActions.registerAndIgnoreExistingKey(cmd);
            case RESERVE -> ReserveReleaseActions.reserve(cmd, type);
            case RELEASE -> ReserveReleaseActions.release(cmd);
            case CLEAR -> PreemptActions.clear(cmd);
            case PREEMPT -> PreemptActions.preempt(cmd, type, false);
            case PREEMPT_AND_ABORT -> PreemptActions.preempt(cmd, type, true);
            case REGISTER_AND_MOVE -> MoveActions.registerAndMove(cmd);
            case REPLACE_LOST_RESERVATION -> MoveActions.replaceLostReservation(cmd, type);
        }
    }

    /** Unit attentions, aborted tasks (with 2Fh/00h when TAS=0, SAM-5 §5.6) and the timeline record. */
    private void applyEffects(PrOutCommand cmd, ReservationSnapshot before) {
        for (ItNexus n : cmd.newlyRegistered) env.unitAttentions().noteNexus(n);
        for (int i = 0; i < cmd.uaNexuses.size(); i++) env.unitAttentions().queue(cmd.uaNexuses.get(i), cmd.uaConditions.get(i));
        if (!cmd.abortVictims.isEmpty()) {
            boolean tas = env.taskAbortedStatus().getAsBoolean();
            for (ItNexus victim : new LinkedHashSet<>(cmd.abortVictims)) {
                boolean byAnother = !victim.equals(cmd.nexus);
                if (byAnother) env.allowMediumRemoval().accept(victim);
                long[] tags = env.taskSet().abort(victim, tas && byAnother);
                if (tags.length == 0) continue;
                if (byAnother && !tas) env.unitAttentions().queue(victim, AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
                if (cmd.recording)
                    env.timeline().append(new TimelineEvent.TasksAborted(env.clock().nowNanos(), env.luName(), victim,
                            tags.length, cmd.who() + " sent PREEMPT AND ABORT"));
            }
        }
        if (before != null) record(before, cmd.cause != null ? cmd.cause : cmd.who() + " sent " + cmd.action.label());
    }

    /** RESERVE(6) (16h) and RESERVE(10) (56h): SPC-2 §7.21-7.22, with SPC-4 §5.13.3 while registrations exist. */
    public ScsiResponse reserve(CommandContext ctx) {
        Spc2Reservations.validate(ctx.cdb());
        ItNexus nexus = ctx.nexus();
        if (!state.registrations.isEmpty())
            return reserveReleaseIsNoOp(nexus) ? ScsiResponse.good() : ScsiResponse.reservationConflict();
        if (spc2Holder != null) return spc2Holder.equals(nexus) ? ScsiResponse.good() : ScsiResponse.reservationConflict();
        ReservationSnapshot before = env.timeline().recording() ? snapshot() : null;
        spc2Holder = nexus;
        if (before != null) record(before, nexus + " reserved the logical unit (SPC-2 RESERVE)");
        return ScsiResponse.good();
    }

    /** RELEASE(6) (17h) and RELEASE(10) (57h): the owner releases; from anyone else it is a GOOD no-op (SPC-2 §7.23). */
    public ScsiResponse release(CommandContext ctx) {
        Spc2Reservations.validate(ctx.cdb());
        ItNexus nexus = ctx.nexus();
        if (!state.registrations.isEmpty())
            return reserveReleaseIsNoOp(nexus) ? ScsiResponse.good() : ScsiResponse.reservationConflict();
        if (nexus.equals(spc2Holder)) releaseSpc2(nexus + " released the logical unit (SPC-2 RELEASE)");
        return ScsiResponse.good();
    }

    // ---------------------------------------------------------------------------------------------
    // Resets and power (called by LogicalUnit's task management)

    /** The I_T nexus holding an SPC-2 reservation, or null. */
    public ItNexus spc2Holder() { return spc2Holder; }

    /** Releases an SPC-2 reservation (LU reset, hard reset); persistent reservations are untouched (SPC-4 §5.13.1). */
    public void releaseSpc2(String cause) {
        if (spc2Holder == null) return;
        ReservationSnapshot before = env.timeline().recording() ? snapshot() : null;
        spc2Holder = null;
        if (before != null) record(before, cause);
    }

    /** I_T nexus loss: an SPC-2 reservation of that nexus is released; registrations survive (SPC-4 §5.13.5.1). */
    public void nexusLost(ItNexus nexus) {
        if (nexus.equals(spc2Holder)) releaseSpc2("I_T nexus loss of " + nexus + ": SPC-2 reservation released");
    }

    /**
     * Power on: the SPC-2 reservation is gone; registrations and the reservation survive only when
     * the last APTPL value was one, and are then read back from the store (a store that cannot be
     * read puts the logical unit in the "information lost" state); PRgeneration restarts at 0
     * (SPC-4 §5.13.5.2, §6.15.2).
     */
    public void powerOn() {
        ReservationSnapshot before = env.timeline().recording() ? snapshot() : null;
        spc2Holder = null;
        if (state.aptplActive && env.aptplStore() != AptplStore.NONE) {
            loadFromStore();
        } else {
            state.registrations.clear();
            state.reservation = null;
            state.aptplActive = false;
        }
        state.generation = 0;
        if (before != null)
            record(before, state.lost ? "power on: persistent reservation information lost"
                    : state.aptplActive ? "power on: registrations restored (APTPL)" : "power on: all reservations dropped");
    }

    private void loadFromStore() {
        state.registrations.clear();
        state.reservation = null;
        state.aptplActive = false;
        state.lost = false;
        try {
            Optional<PersistedReservations> stored = env.aptplStore().load();
            if (stored.isPresent()) {
                AptplCodec.restore(stored.get(), state, env);
                state.aptplActive = true;
                for (Registration r : state.registrations)
                    for (ItNexus n : r.nexuses(env.targetPorts())) env.unitAttentions().noteNexus(n);
            }
        } catch (IOException | AptplCodec.UnusableState | RuntimeException e) {
            state.registrations.clear();
            state.reservation = null;
            state.lost = true;
        }
    }

    /** Whether APTPL is supported: a non-volatile store is configured (PTPL_C). */
    public boolean persistenceCapable() { return env.aptplStore() != AptplStore.NONE; }

    // ---------------------------------------------------------------------------------------------
    // Observation

    public ReservationSnapshot snapshot() {
        Reservation res = state.reservation;
        List<ReservationSnapshot.Registrant> regs = new ArrayList<>(state.registrations.size());
        for (Registration r : state.registrations) {
            boolean holder = res != null && (res.holder() == null || r.covers(res.holder()));
            regs.add(new ReservationSnapshot.Registrant(r.initiator(), r.targetPort(), r.key(), holder));
        }
        return new ReservationSnapshot(Integer.toUnsignedLong(state.generation), regs,
                res == null ? 0 : res.type().code(), res == null ? 0 : res.scope(), spc2Holder, state.aptplActive);
    }

    private void record(ReservationSnapshot before, String cause) {
        ReservationSnapshot after = snapshot();
        if (after.equals(before)) return;
        env.timeline().append(new TimelineEvent.ReservationChanged(env.clock().nowNanos(), env.luName(), before, after, cause));
    }
}
