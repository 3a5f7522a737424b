package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.store.BlockStore;

/**
 * Commands that ask about the medium without changing it: PRE-FETCH(10/16) (SBC-3 §5.6-5.7), GET
 * LBA STATUS (SBC-3 §5.7) and READ DEFECT DATA(10/12) (SBC-3 §5.12-5.13).
 */
public final class MediumInformation {
    private MediumInformation() {}

    /** LBA status descriptor header and size (SBC-3 §5.7.2). */
    private static final int LBA_STATUS_HEADER = 8, LBA_STATUS_DESCRIPTOR = 16;
    /** PROVISIONING STATUS values (SBC-3 Table 41). */
    private static final int MAPPED = 0x0, DEALLOCATED = 0x1;
    /** Descriptors per GET LBA STATUS at most, whatever the allocation length: bounds the work. */
    private static final int MAX_LBA_STATUS_DESCRIPTORS = 1024;

    /**
     * PRE-FETCH: the blocks are range-checked and nothing else happens, because a simulated medium
     * has no separate cache to load. SBC-3 §5.6 has GOOD (not CONDITION MET) say exactly that: the
     * cache could not take the blocks. IMMED changes nothing since the command completes at once.
     */
    public static ScsiResponse preFetch(CommandContext ctx) {
        BlockCdb f = BlockCdb.parse(ctx.cdb());
        CdbChecks.requireStarted(ctx);
        CdbChecks.checkLbaRange(ctx.lu(), f.lba(), f.blocks());
        return ScsiResponse.good();
    }

    /**
     * GET LBA STATUS: descriptors of consecutive extents, mapped or deallocated, starting with the
     * one that holds STARTING LOGICAL BLOCK ADDRESS, as many as the allocation length takes (at
     * least one, so the PARAMETER DATA LENGTH tells a short buffer how much there is). A starting
     * LBA past the last block is LBA OUT OF RANGE (SBC-3 §5.7.1).
     */
    public static ScsiResponse getLbaStatus(CommandContext ctx) {
        byte[] c = ctx.cdb();
        long start = Bytes.u64(c, 2);
        long allocation = Bytes.u32(c, 10);
        CdbChecks.requireStarted(ctx);
        BlockStore store = ctx.lu().store();
        long capacity = store.blockCount();
        if (Long.compareUnsigned(start, capacity) >= 0) throw CheckCondition.illegalRequest(AdditionalSense.LBA_OUT_OF_RANGE);
        long fit = (allocation - LBA_STATUS_HEADER) / LBA_STATUS_DESCRIPTOR;
        int wanted = (int) Math.max(1, Math.min(fit, MAX_LBA_STATUS_DESCRIPTORS));
        byte[] d = new byte[LBA_STATUS_HEADER + wanted * LBA_STATUS_DESCRIPTOR];
        int count = 0;
        for (long lba = start; lba < capacity && count < wanted; count++) {
            // NUMBER OF LOGICAL BLOCKS is 32 bits: a longer extent is split over several descriptors.
            long run = store.extent(lba, Math.min(capacity - lba, 0xFFFF_FFFFL));
            int off = LBA_STATUS_HEADER + count * LBA_STATUS_DESCRIPTOR;
            Bytes.put64(d, off, lba);
            Bytes.put32(d, off + 8, run);
            d[off + 12] = (byte) (store.mapped(lba) ? MAPPED : DEALLOCATED);
            lba += run;
        }
        int length = LBA_STATUS_HEADER + count * LBA_STATUS_DESCRIPTOR;
        Bytes.put32(d, 0, length - 4);
        return CdbChecks.dataIn(ctx, java.util.Arrays.copyOf(d, length), allocation);
    }

    /**
     * READ DEFECT DATA: a simulated medium has no defects, so both lists are empty in whatever
     * format is asked for; PLISTV/GLISTV echo REQ_PLIST/REQ_GLIST, since the (empty) lists are
     * returned. Reserved DEFECT LIST FORMAT values are invalid fields (SBC-3 Table 22: 000b short
     * block, 011b long block, 100b bytes from index, 101b physical sector). The 10-byte form carries
     * the flags in byte 2 and a 16-bit length; the 12-byte form in byte 1 with a 32-bit length,
     * and an ADDRESS DESCRIPTOR INDEX that, with no descriptors, selects nothing.
     */
    public static ScsiResponse readDefectData(CommandContext ctx) {
        byte[] c = ctx.cdb();
        boolean twelve = (c[0] & 0xFF) == Opcode.READ_DEFECT_DATA_12;
        int flagsByte = twelve ? 1 : 2;
        int flags = Bytes.u8(c, flagsByte) & 0x1F;
        int format = flags & 0x07;
        if (format == 1 || format == 2 || format > 5) throw CheckCondition.invalidFieldInCdb(flagsByte, 2);
        long allocation = twelve ? Bytes.u32(c, 6) : Bytes.u16(c, 7);
        byte[] d = new byte[twelve ? 8 : 4];
        d[1] = (byte) flags; // PLISTV, GLISTV, DEFECT LIST FORMAT; DEFECT LIST LENGTH stays 0
        return CdbChecks.dataIn(ctx, d, allocation);
    }
}
