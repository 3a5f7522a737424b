package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.store.BlockStore;

/**
 * The writes with a twist: ORWRITE(16) (SBC-3 §5.14), WRITE AND VERIFY(10/12/16) (SBC-3 §5.36-5.38)
 * and WRITE ATOMIC(16) (SBC-4 §5.48). They share WRITE's checks, in WRITE's order: protection
 * field, transfer length limit, started, LBA range, write protection, then the data-out buffer.
 */
public final class WriteVariants {
    private WriteVariants() {}

    /**
     * ORWRITE(16) as SBC-3 defines it (SBC-4's ORWgeneration fields belong to ORWRITE(32)): each byte of the data-out is ORed into the medium.
     * ORPROTECT must be 0 (no protection information); FUA forces the result to the medium.
     */
    public static ScsiResponse orWrite(CommandContext ctx) {
        byte[] c = ctx.cdb();
        BlockCdb f = BlockCdb.parse(c);
        BlockCdb.checkNoProtection(c);
        f.checkLength(BlockLimits.MAX_TRANSFER_LENGTH);
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), f.lba(), f.blocks());
        MediumAccess.requireWritable(ctx);
        if (f.blocks() == 0) return ScsiResponse.good(); // SBC-3 §5.14: not an error
        BlockStore store = ctx.lu().store();
        int n = (int) f.blocks(), len = n * store.blockSize();
        byte[] data = CdbChecks.requireDataOut(ctx, len);
        byte[] merged = new byte[len];
        store.read(f.lba(), n, merged, 0);
        for (int i = 0; i < len; i++) merged[i] |= data[i];
        store.write(f.lba(), n, merged, 0);
        MediumAccess.completeWrite(ctx, Bytes.bit(c, 1, 3));
        return ScsiResponse.good();
    }

    /**
     * WRITE AND VERIFY: the data is written and then verified on the medium, which for a simulated
     * medium means it is made durable (there is no FUA bit: verification implies it). BYTCHK 00b
     * verifies the medium only and 01b also compares with the data-out, which cannot miscompare
     * right after the write; 10b and 11b are reserved for this command (SBC-4 Table 121).
     */
    public static ScsiResponse writeAndVerify(CommandContext ctx) {
        byte[] c = ctx.cdb();
        BlockCdb f = BlockCdb.parse(c);
        BlockCdb.checkNoProtection(c);
        if (Bytes.bits(c, 1, 1, 2) > 1) throw CheckCondition.invalidFieldInCdb(1, 2);
        f.checkLength(BlockLimits.MAX_TRANSFER_LENGTH);
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), f.lba(), f.blocks());
        MediumAccess.requireWritable(ctx);
        if (f.blocks() == 0) return ScsiResponse.good(); // SBC-3 §5.36: not an error
        BlockStore store = ctx.lu().store();
        byte[] data = CdbChecks.requireDataOut(ctx, f.blocks() * store.blockSize());
        store.write(f.lba(), (int) f.blocks(), data, 0);
        MediumAccess.completeWrite(ctx, true);
        return ScsiResponse.good();
    }

    /**
     * WRITE ATOMIC(16): LOGICAL BLOCK ADDRESS in bytes 2-9, TRANSFER LENGTH in bytes 12-13 (SBC-4
     * Table 130; bytes 10-11, ATOMIC BOUNDARY, are unused since boundaries are not supported). A
     * transfer longer than MAXIMUM ATOMIC TRANSFER LENGTH is an invalid field (SBC-4 §5.48); with no
     * alignment or granularity constraint, everything else is an ordinary WRITE(16).
     */
    public static ScsiResponse writeAtomic(CommandContext ctx) {
        byte[] c = ctx.cdb();
        BlockCdb.checkNoProtection(c);
        long lba = Bytes.u64(c, 2);
        int blocks = Bytes.u16(c, 12);
        if (blocks > BlockLimits.MAX_ATOMIC_TRANSFER_LENGTH) throw CheckCondition.invalidFieldInCdb(12, -1);
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), lba, blocks);
        MediumAccess.requireWritable(ctx);
        if (blocks == 0) return ScsiResponse.good(); // SBC-4 §5.48: not an error
        BlockStore store = ctx.lu().store();
        byte[] data = CdbChecks.requireDataOut(ctx, (long) blocks * store.blockSize());
        // The engine loop runs one command at a time, so no reader sees part of this write.
        store.write(lba, blocks, data, 0);
        MediumAccess.completeWrite(ctx, Bytes.bit(c, 1, 3));
        return ScsiResponse.good();
    }
}
