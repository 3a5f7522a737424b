package dev.clusterlab.engine.target.spc;

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
     * nothing a simulated disk can show. LOEJ is ignored: the medium is not removable (RMB=0).
     * IMMED makes no difference since the change completes at once.
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
        if (condition == 0) {
            boolean start = Bytes.bit(c, 4, 0);
            if (!start && !Bytes.bit(c, 4, 2)) ctx.lu().store().flush();
            ctx.lu().state().setStopped(!start);
        }
        return ScsiResponse.good();
    }

    /**
     * PREVENT 00b allows removal for this nexus; 01b prevents it; 10b and 11b (obsolete for
     * direct-access devices, SBC-3 §5.12) are recorded as prevention too. Prevention is per I_T
     * nexus and ends with that nexus's loss or a reset.
     */
    public static ScsiResponse preventAllowMediumRemoval(CommandContext ctx) {
        DeviceServerState state = ctx.lu().state();
        state.setPrevention(ctx.nexus(), Bytes.bits(ctx.cdb(), 4, 0, 2));
        return ScsiResponse.good();
    }
}
