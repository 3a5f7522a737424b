package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.store.BlockStore;

/** READ CAPACITY(10) and (16) (SBC-3 §5.15, §5.16) and SYNCHRONIZE CACHE(10/16) (SBC-3 §5.22-5.23). */
public final class Capacity {
    private Capacity() {}

    public static ScsiResponse readCapacity10(CommandContext ctx) {
        byte[] c = ctx.cdb();
        checkObsoleteLba(c, Bytes.u32(c, 2) != 0, Bytes.bit(c, 8, 0));
        CdbChecks.requireMedium(ctx);
        BlockStore s = ctx.lu().store();
        long last = s.blockCount() - 1;
        byte[] d = new byte[8];
        // SBC-3 §5.15.2: too large for 32 bits -> FFFFFFFFh, telling the initiator to use READ CAPACITY(16).
        Bytes.put32(d, 0, last > 0xFFFF_FFFEL ? 0xFFFF_FFFFL : last);
        Bytes.put32(d, 4, s.blockSize());
        return CdbChecks.dataIn(ctx, d, d.length);
    }

    public static ScsiResponse readCapacity16(CommandContext ctx) {
        byte[] c = ctx.cdb();
        checkObsoleteLba(c, Bytes.u64(c, 2) != 0, Bytes.bit(c, 14, 0));
        CdbChecks.requireMedium(ctx);
        BlockStore s = ctx.lu().store();
        byte[] d = new byte[32];
        Bytes.put64(d, 0, s.blockCount() - 1);
        Bytes.put32(d, 8, s.blockSize());
        // SBC-3 §5.16.2: LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT; LOWEST ALIGNED LBA stays 0.
        d[13] = (byte) ctx.lu().options().logicalBlocksPerPhysicalBlockExponent();
        // LBPME: thin provisioned; LBPRZ: unmapped blocks read as zeros (SBC-3 §5.16.2).
        d[14] = (byte) 0xC0;
        return CdbChecks.dataIn(ctx, d, Bytes.u32(c, 10));
    }

    /** SBC-3: with PMI=0 the (obsolete) LOGICAL BLOCK ADDRESS field shall be zero. */
    private static void checkObsoleteLba(byte[] c, boolean lbaSet, boolean pmi) {
        if (lbaSet && !pmi) throw CheckCondition.invalidFieldInCdb(2, -1);
    }

    /** Flushes the store; NUMBER OF LOGICAL BLOCKS 0 means "to the last block", still range-checked. */
    public static ScsiResponse synchronizeCache(CommandContext ctx) {
        BlockCdb f = BlockCdb.parse(ctx.cdb());
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), f.lba(), f.blocks());
        ctx.lu().store().flush();
        return ScsiResponse.good();
    }
}
