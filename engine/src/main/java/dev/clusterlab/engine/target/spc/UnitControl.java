package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.DeviceServerState;

/** TEST UNIT READY (SPC-4 §6.47), START STOP UNIT (SBC-3 §5.25), PREVENT ALLOW MEDIUM REMOVAL (SPC-4 §6.13). */
public final class UnitControl {
    private UnitControl() {}

    public static ScsiResponse testUnitReady(CommandContext ctx) {
        CdbChecks.requireStarted(ctx);
        return ScsiResponse.good();
    }

    /**
     * POWER CONDITION 0h (START_VALID) applies START: 0 stops the unit (after flushing the cache
     * unless NO_FLUSH=1), 1 starts it. The other defined power conditions are accepted and change
     * nothing a simulated disk can show; START and LOEJ are then ignored (SBC-3 §5.25). IMMED makes
     * no difference since the change completes at once.
     *
     * <p>LOEJ=1 on a removable medium ejects it (START=0) or loads it (START=1); while any I_T nexus
     * prevents medium removal both are refused with ILLEGAL REQUEST 53h/02h MEDIUM REMOVAL
     * PREVENTED and nothing changes (SBC-3 §5.12, §5.25: the loading mechanism is locked). Ejecting
     * an absent medium is GOOD. A load makes the medium ready again, which the other I_T nexuses
     * learn through 28h/00h NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED (SAM-5 §5.14 unit
     * attention; the nexus that loaded it knows, and libiscsi's StartStopUnit tests expect its next
     * TEST UNIT READY to be GOOD). On a fixed medium LOEJ is ignored.
     */
    public static ScsiResponse startStopUnit(CommandContext ctx) {
        byte[] c = ctx.cdb();
        int modifier = Bytes.bits(c, 3, 0, 4);
        int condition = Bytes.bits(c, 4, 4, 4);
        switch (condition) {
            case 0x0, 0x1, 0x7, 0xA, 0xB -> { if (modifier != 0) throw CheckCondition.invalidFieldInCdb(3, 3); }
            case 0x2 -> { if (modifier > 2) throw CheckCondition.invalidFieldInCdb(3, 3); } // IDLE_A/B/C
            case 0x3 -> { if (modifier > 1) throw CheckCondition.invalidFieldInCdb(3, 3); } // STANDBY_Z/Y
            default -> throw CheckCondition.invalidFieldInCdb(4, 7); // SBC-3 Table 97: reserved
        }
        if (condition != 0) return ScsiResponse.good();
        DeviceServerState state = ctx.lu().state();
        boolean start = Bytes.bit(c, 4, 0);
        boolean loadEject = Bytes.bit(c, 4, 1) && state.removable();
        if (loadEject && state.mediumRemovalPrevented())
            throw CheckCondition.illegalRequest(AdditionalSense.MEDIUM_REMOVAL_PREVENTED);
        if (!start && !Bytes.bit(c, 4, 2) && state.mediumPresent()) ctx.lu().store().flush();
        state.setStopped(!start);
        if (loadEject) {
            boolean loaded = start && !state.mediumPresent();
            state.setMediumPresent(start);
            if (loaded) ctx.lu().unitAttentions().queueForOthers(ctx.nexus(),
                    AdditionalSense.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);
        }
        return ScsiResponse.good();
    }

    /**
     * PREVENT 00b allows removal for this nexus; 01b prevents it; 10b and 11b (obsolete for
     * direct-access devices, SBC-3 §5.12) are recorded as prevention too. Prevention is per I_T
     * nexus and ends with that nexus's loss or a reset. It is not medium access: it works, and
     * locks the loading mechanism, with the medium ejected too.
     */
    public static ScsiResponse preventAllowMediumRemoval(CommandContext ctx) {
        DeviceServerState state = ctx.lu().state();
        state.setPrevention(ctx.nexus(), Bytes.bits(ctx.cdb(), 4, 0, 2));
        return ScsiResponse.good();
    }
}
