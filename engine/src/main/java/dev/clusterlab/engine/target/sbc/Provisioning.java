package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.store.BlockStore;

/** WRITE SAME(10/16) (SBC-3 §5.42-5.43) and UNMAP (SBC-3 §5.28): the thin-provisioning commands. */
public final class Provisioning {
    private Provisioning() {}

    private static final int PATTERN_BATCH_BYTES = 64 * 1024;

    /**
     * Writes the one-block pattern to every block of the range. With UNMAP=1 and an all-zero
     * pattern (or NDOB=1) the blocks are deallocated instead, which reads back the same because
     * LBPRZ=1; a non-zero pattern is written even with UNMAP=1 (SBC-3 §4.7.3.3). ANCHOR=1 is refused
     * (ANC_SUP=0), and so is a zero NUMBER OF LOGICAL BLOCKS (WSNZ=1).
     */
    public static ScsiResponse writeSame(CommandContext ctx) {
        byte[] c = ctx.cdb();
        BlockCdb f = BlockCdb.parse(c);
        BlockCdb.checkNoProtection(c);
        if (Bytes.bit(c, 1, 4)) throw CheckCondition.invalidFieldInCdb(1, 4);
        boolean unmap = Bytes.bit(c, 1, 3);
        boolean ndob = f.lengthOffset() == 10 && Bytes.bit(c, 1, 0);
        if (f.blocks() == 0 && BlockLimits.WRITE_SAME_NON_ZERO) throw CheckCondition.invalidFieldInCdb(f.lengthOffset(), -1);
        f.checkLength(BlockLimits.MAX_WRITE_SAME_LENGTH);
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), f.lba(), f.blocks());
        MediumAccess.requireWritable(ctx);
        BlockStore store = ctx.lu().store();
        int bs = store.blockSize();
        byte[] pattern = ndob ? new byte[bs] : CdbChecks.requireDataOut(ctx, bs);
        if (ndob || (unmap && isZero(pattern, bs))) {
            store.unmap(f.lba(), f.blocks());
            return ScsiResponse.good();
        }
        fill(store, f.lba(), f.blocks(), pattern);
        return ScsiResponse.good();
    }

    /** Writes the one-block {@code pattern} to blocks [lba, lba+blocks), a batch of blocks per store call. */
    static void fill(BlockStore store, long lba, long blocks, byte[] pattern) {
        int bs = store.blockSize();
        int batch = (int) Math.min(blocks, Math.max(1, PATTERN_BATCH_BYTES / bs));
        byte[] buf = new byte[batch * bs];
        for (int i = 0; i < batch; i++) System.arraycopy(pattern, 0, buf, i * bs, bs);
        for (long done = 0; done < blocks; ) {
            int n = (int) Math.min(batch, blocks - done);
            store.write(lba + done, n, buf, 0);
            done += n;
        }
    }

    /**
     * UNMAP parameter list (SBC-3 §5.28.2): an 8-byte header, then 16-byte descriptors. The whole
     * list is validated before any block is deallocated, so a bad descriptor changes nothing.
     */
    public static ScsiResponse unmap(CommandContext ctx) {
        byte[] c = ctx.cdb();
        if (Bytes.bit(c, 1, 0)) throw CheckCondition.invalidFieldInCdb(1, 0); // ANCHOR: ANC_SUP=0
        int listLength = Bytes.u16(c, 7);
        if (listLength == 0) return ScsiResponse.good(); // SBC-3 §5.28.1: not an error
        CdbChecks.requireStarted(ctx);
        if (listLength < 8) throw CheckCondition.illegalRequest(AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        byte[] p = CdbChecks.requireDataOut(ctx, listLength);
        int dataLength = Bytes.u16(p, 0);
        int descriptorBytes = Bytes.u16(p, 2);
        if (dataLength > listLength - 2) throw CheckCondition.invalidFieldInParameterList(0, -1);
        if (descriptorBytes > listLength - 8 || (descriptorBytes > 0 && descriptorBytes > dataLength - 6))
            throw CheckCondition.invalidFieldInParameterList(2, -1);
        int count = descriptorBytes / 16; // a partial trailing descriptor is ignored (SBC-3 §5.28.2)
        if (count > BlockLimits.MAX_UNMAP_DESCRIPTORS) throw CheckCondition.invalidFieldInParameterList(2, -1);
        long total = 0;
        for (int i = 0, off = 8; i < count; i++, off += 16) {
            long lba = Bytes.u64(p, off), blocks = Bytes.u32(p, off + 8);
            CdbChecks.checkLbaRange(ctx.lu(), lba, blocks);
            total += blocks;
            if (total > BlockLimits.MAX_UNMAP_LBA_COUNT) throw CheckCondition.invalidFieldInParameterList(off + 8, -1);
        }
        MediumAccess.requireWritable(ctx);
        for (int i = 0, off = 8; i < count; i++, off += 16) ctx.lu().store().unmap(Bytes.u64(p, off), Bytes.u32(p, off + 8));
        return ScsiResponse.good();
    }

    static boolean isZero(byte[] b, int len) {
        for (int i = 0; i < len; i++) if (b[i] != 0) return false;
        return true;
    }
}
