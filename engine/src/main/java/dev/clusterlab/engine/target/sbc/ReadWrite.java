package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.store.BlockStore;

/** READ(6/10/12/16) and WRITE(6/10/12/16) (SBC-3 §5.8-5.11, §5.32-5.35). DPO and FUA are accepted. */
public final class ReadWrite {
    private ReadWrite() {}

    public static ScsiResponse read(CommandContext ctx) {
        byte[] c = ctx.cdb();
        BlockCdb f = BlockCdb.parse(c);
        if (f.lengthOffset() != 4) BlockCdb.checkNoProtection(c);
        f.checkLength(BlockLimits.MAX_TRANSFER_LENGTH);
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), f.lba(), f.blocks());
        if (f.blocks() == 0) return ScsiResponse.good(); // SBC-3 §5.9: not an error, nothing transferred
        BlockStore store = ctx.lu().store();
        int bs = store.blockSize();
        // Only what the initiator's buffer can take is read; the rest would be discarded anyway.
        int fit = (int) Math.min(f.blocks(), ((long) ctx.dataInCapacity() + bs - 1) / bs);
        byte[] data = new byte[fit * bs];
        if (fit > 0) store.read(f.lba(), fit, data, 0);
        return ScsiResponse.good(data, ctx.dataInCapacity());
    }

    public static ScsiResponse write(CommandContext ctx) {
        byte[] c = ctx.cdb();
        BlockCdb f = BlockCdb.parse(c);
        boolean sixByte = f.lengthOffset() == 4;
        if (!sixByte) BlockCdb.checkNoProtection(c);
        f.checkLength(BlockLimits.MAX_TRANSFER_LENGTH);
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), f.lba(), f.blocks());
        MediumAccess.requireWritable(ctx);
        if (f.blocks() == 0) return ScsiResponse.good();
        BlockStore store = ctx.lu().store();
        byte[] data = CdbChecks.requireDataOut(ctx, f.blocks() * store.blockSize());
        store.write(f.lba(), (int) f.blocks(), data, 0);
        MediumAccess.completeWrite(ctx, !sixByte && Bytes.bit(c, 1, 3));
        return ScsiResponse.good();
    }
}
