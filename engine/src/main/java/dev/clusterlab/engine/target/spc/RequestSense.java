package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;

/**
 * REQUEST SENSE (SPC-4 §6.39): returns, as parameter data with GOOD status, the oldest pending
 * unit attention of the nexus (and clears it), else NOT READY 3Ah/00h while a removable medium is
 * ejected, else NOT READY 04h/02h while stopped, else NO SENSE.
 * The format follows the DESC bit; D_SENSE governs only sense returned with CHECK CONDITION
 * (SPC-4 §7.5.7), so it is not consulted here.
 */
public final class RequestSense {
    private RequestSense() {}

    private static final SenseData NO_SENSE = SenseData.of(SenseKey.NO_SENSE, AdditionalSense.NO_ADDITIONAL_SENSE);

    public static ScsiResponse requestSense(CommandContext ctx) {
        byte[] c = ctx.cdb();
        boolean desc = Bytes.bit(c, 1, 0);
        int allocation = Bytes.u8(c, 4);
        AdditionalSense ua = ctx.lu().unitAttentions().take(ctx.nexus());
        SenseData sense;
        if (ua != null) sense = SenseData.unitAttention(ua);
        else if (!ctx.lu().state().mediumPresent()) sense = CdbChecks.mediumNotPresent().sense();
        else if (ctx.lu().state().stopped()) sense = CdbChecks.notReady().sense();
        else sense = NO_SENSE;
        return CdbChecks.dataIn(ctx, SenseCodec.encode(sense, desc), allocation);
    }
}
