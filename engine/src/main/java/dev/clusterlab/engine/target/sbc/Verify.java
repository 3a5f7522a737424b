package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.store.BlockStore;

/** VERIFY(10/12/16) (SBC-3 §5.29-5.31) and COMPARE AND WRITE (SBC-3 §5.2). */
public final class Verify {
    private Verify() {}

    /**
     * BYTCHK 00b: medium verification only (a simulated medium never fails it); 01b: compare the
     * data-out with the blocks; 11b: compare one data-out block with every block (the INFORMATION of
     * a miscompare then counts as if that block were repeated); 10b is reserved.
     */
    public static ScsiResponse verify(CommandContext ctx) {
        byte[] c = ctx.cdb();
        BlockCdb f = BlockCdb.parse(c);
        BlockCdb.checkNoProtection(c);
        int bytchk = Bytes.bits(c, 1, 1, 2);
        if (bytchk == 2) throw CheckCondition.invalidFieldInCdb(1, 2);
        if (bytchk != 0) f.checkLength(BlockLimits.MAX_TRANSFER_LENGTH);
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), f.lba(), f.blocks());
        if (bytchk == 0 || f.blocks() == 0) return ScsiResponse.good();
        BlockStore store = ctx.lu().store();
        int bs = store.blockSize();
        int n = (int) f.blocks();
        byte[] expected = CdbChecks.requireDataOut(ctx, bytchk == 1 ? (long) n * bs : bs);
        byte[] block = new byte[bs];
        for (int i = 0; i < n; i++) {
            store.read(f.lba() + i, 1, block, 0);
            int at = MediumAccess.firstMismatch(block, 0, expected, bytchk == 1 ? i * bs : 0, bs);
            if (at >= 0) throw MediumAccess.miscompare((long) i * bs + at);
        }
        return ScsiResponse.good();
    }

    /**
     * Compares NUMBER OF LOGICAL BLOCKS blocks with the first half of the data-out and, only if all
     * are equal, writes the second half. The engine loop runs one command at a time, which is what
     * makes the pair atomic. Zero blocks is not an error and touches nothing (SBC-3 §5.2). A data-out
     * of any other size than 2 x NUMBER OF LOGICAL BLOCKS blocks gets 0Eh/03h before any compare.
     */
    public static ScsiResponse compareAndWrite(CommandContext ctx) {
        byte[] c = ctx.cdb();
        BlockCdb.checkNoProtection(c);
        long lba = Bytes.u64(c, 2);
        int n = Bytes.u8(c, 13);
        if (n > BlockLimits.MAX_COMPARE_AND_WRITE_LENGTH) throw CheckCondition.invalidFieldInCdb(13, -1);
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), lba, n);
        MediumAccess.requireWritable(ctx);
        // Zero blocks is no error, but zero blocks sent with data means the 8-bit NUMBER OF LOGICAL
        // BLOCKS wrapped (e.g. 256 -> 0): the CDB does not describe the transfer (LIO rejects it too).
        if (n == 0) {
            if (ctx.dataOut().length > 0) throw CheckCondition.invalidFieldInCdb(13, -1);
            return ScsiResponse.good();
        }
        BlockStore store = ctx.lu().store();
        int len = n * store.blockSize();
        // The data-out is the compare half and the write half, exactly (CdbChecks.requireExactDataOut).
        byte[] data = CdbChecks.requireExactDataOut(ctx, 2L * len);
        byte[] current = new byte[len];
        store.read(lba, n, current, 0);
        int at = MediumAccess.firstMismatch(current, 0, data, 0, len);
        if (at >= 0) throw MediumAccess.miscompare(at);
        store.write(lba, n, data, len);
        MediumAccess.completeWrite(ctx, Bytes.bit(c, 1, 3));
        return ScsiResponse.good();
    }
}
