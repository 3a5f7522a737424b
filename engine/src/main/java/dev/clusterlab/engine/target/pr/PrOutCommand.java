package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.SenseData;
import java.util.ArrayList;
import java.util.List;

/**
 * One PERSISTENT RESERVE OUT being processed: its decoded CDB and parameter list (SPC-4 §6.16), the
 * state it acts on, and the effects (unit attentions, task aborts, the timeline's explanation) that
 * are applied only once the command has succeeded and, with APTPL, been made durable.
 */
final class PrOutCommand {
    // CDB fields (SPC-4 Table 212)
    final ItNexus nexus;
    final PrOutAction action;
    final int scope;
    final int typeCode;
    final long parameterListLength;
    // Basic parameter list fields (SPC-4 Table 215); REGISTER AND MOVE uses rk/sark/aptpl too (Table 217)
    final byte[] params;
    final long rk;
    final long sark;
    final boolean specIpt;
    final boolean allTgPt;
    final boolean aptpl;

    final PrState state;
    final PrEnvironment env;
    final boolean recording;

    // Effects, applied by PersistentReservations after a successful commit.
    final List<ItNexus> uaNexuses = new ArrayList<>(4);
    final List<AdditionalSense> uaConditions = new ArrayList<>(4);
    final List<ItNexus> abortVictims = new ArrayList<>(0);
    final List<ItNexus> newlyRegistered = new ArrayList<>(1);
    String cause;

    private PrOutCommand(ItNexus nexus, byte[] cdb, byte[] params, PrState state, PrEnvironment env, boolean recording) {
        this.nexus = nexus;
        this.action = PrOutAction.fromCode(cdb[1] & 0x1F);
        this.scope = (cdb[2] >>> 4) & 0x0F;
        this.typeCode = cdb[2] & 0x0F;
        this.parameterListLength = Bytes.u32(cdb, 5);
        this.params = params;
        this.state = state;
        this.env = env;
        this.recording = recording;
        this.rk = Bytes.u64(params, 0);
        this.sark = Bytes.u64(params, 8);
        if (action == PrOutAction.REGISTER_AND_MOVE) {
            this.specIpt = false;
            this.allTgPt = false;
            this.aptpl = Bytes.bit(params, 17, 0);
        } else {
            this.specIpt = Bytes.bit(params, 20, 3);
            this.allTgPt = Bytes.bit(params, 20, 2);
            this.aptpl = Bytes.bit(params, 20, 0);
        }
    }

    /**
     * Decodes the CDB and parameter list and applies the length and service-action checks, in the
     * order of SPC-4 §6.16.1 (conformance notes §1.5 steps 2-3).
     */
    static PrOutCommand decode(ItNexus nexus, byte[] cdb, byte[] dataOut, PrState state, PrEnvironment env, boolean recording) {
        if (cdb.length < 10) throw CheckCondition.invalidFieldInCdb(0, -1);
        long length = Bytes.u32(cdb, 5);
        // A parameter list shorter than the basic 24 bytes cannot be any valid list (SPC-4 §6.16.1).
        if (length < 24) throw lengthError();
        int sa = cdb[1] & 0x1F;
        if (PrOutAction.fromCode(sa) == null) throw CheckCondition.invalidFieldInCdb(1, 4);
        // The transport must deliver the whole list the CDB announces.
        if (length > dataOut.length) throw lengthError();
        byte[] params = length == dataOut.length ? dataOut : java.util.Arrays.copyOf(dataOut, (int) length);
        PrOutCommand cmd = new PrOutCommand(nexus, cdb, params, state, env, recording);
        if (cmd.action != PrOutAction.REGISTER_AND_MOVE) {
            // SPEC_I_PT=0: exactly 24 bytes; SPEC_I_PT=1: at least the 28-byte header (SPC-4 §6.16.1, §6.16.3).
            if (!cmd.specIpt && length != 24) throw lengthError();
            if (cmd.specIpt && length < 28) throw lengthError();
        }
        return cmd;
    }

    /** 1Ah/00h PARAMETER LIST LENGTH ERROR, pointing at the CDB's PARAMETER LIST LENGTH field. */
    static CheckCondition lengthError() {
        return new CheckCondition(SenseData.invalidField(AdditionalSense.PARAMETER_LIST_LENGTH_ERROR, true, 5, -1));
    }

    /** TYPE as a reservation type; 24h/00h (pointing at TYPE) for obsolete and reserved codes (Table 206). */
    PrType requireType() {
        PrType t = PrType.fromCode(typeCode);
        if (t == null) throw CheckCondition.invalidFieldInCdb(2, 3);
        return t;
    }

    /** SCOPE must be LU_SCOPE (0h); 1h-2h are obsolete, the rest reserved (SPC-4 §6.16.2). */
    void requireLuScope() {
        if (scope != 0) throw CheckCondition.invalidFieldInCdb(2, 7);
    }

    /** The RESERVATION KEY must equal the requester's registered key (SPC-4 §6.16.3), else RESERVATION CONFLICT. */
    Registration requireRegisteredWithMatchingKey() {
        Registration own = state.find(nexus);
        if (own == null || own.key() != rk) throw ReservationConflict.INSTANCE;
        return own;
    }

    /** Queues {@code condition} for every I_T nexus of {@code reg} except the requester (SPC-4 §5.13.11, never to it). */
    void unitAttentionTo(Registration reg, AdditionalSense condition) {
        for (ItNexus n : reg.nexuses(env.targetPorts())) {
            if (n.equals(nexus)) continue;
            uaNexuses.add(n);
            uaConditions.add(condition);
        }
    }

    /** Queues {@code condition} for every nexus of every current registration except the requester. */
    void unitAttentionToRegistrants(AdditionalSense condition) {
        for (Registration r : state.registrations) unitAttentionTo(r, condition);
    }

    String who() { return nexus.initiator().displayName(); }

    static String key(long k) { return "0x" + Long.toHexString(k).toUpperCase(java.util.Locale.ROOT); }
}
