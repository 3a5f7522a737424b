package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.store.BlockStore;

/**
 * SANITIZE (SBC-4 §5.30, §4.11): OVERWRITE fills every block with the initialization pattern,
 * BLOCK ERASE and CRYPTO ERASE deallocate every block (which then reads as zeros, LBPRZ=1), and EXIT
 * FAILURE MODE has nothing to leave because a simulated sanitize never fails.
 *
 * <p>The operation completes before the command does, with IMMED=0 and IMMED=1 alike: the engine
 * loop runs commands one at a time, so no other command can observe a sanitize in progress
 * (NOT READY 04h/1Bh is never reported).
 */
public final class Sanitize {
    private Sanitize() {}

    /** Service actions (SBC-4 Table 48). */
    public static final int OVERWRITE = 0x01, BLOCK_ERASE = 0x02, CRYPTO_ERASE = 0x03, EXIT_FAILURE_MODE = 0x1F;

    /** The OVERWRITE parameter list header (SBC-4 Table 51): control byte, reserved, INITIALIZATION PATTERN LENGTH. */
    private static final int OVERWRITE_HEADER = 4;

    public static ScsiResponse sanitize(CommandContext ctx) {
        byte[] c = ctx.cdb();
        int action = c[1] & 0x1F;
        int listLength = Bytes.u16(c, 7);
        BlockStore store = ctx.lu().store();
        if (action == OVERWRITE) {
            // SBC-4 §5.30.2: the list is the 4-byte header plus a pattern of 1 to block-length bytes.
            if (listLength <= OVERWRITE_HEADER || listLength > store.blockSize() + OVERWRITE_HEADER)
                throw CheckCondition.invalidFieldInCdb(7, -1);
        } else if (listLength != 0) {
            // SBC-4 §5.30.3-5.30.5: the other service actions take no parameter list.
            throw CheckCondition.invalidFieldInCdb(7, -1);
        }
        CdbChecks.requireStarted(ctx);
        MediumAccess.requireWritable(ctx);
        switch (action) {
            case OVERWRITE -> overwrite(store, CdbChecks.requireDataOut(ctx, listLength), listLength);
            case BLOCK_ERASE, CRYPTO_ERASE -> store.unmap(0, store.blockCount());
            default -> { } // EXIT FAILURE MODE
        }
        store.flush();
        return ScsiResponse.good();
    }

    /**
     * Validates the OVERWRITE parameter list, then leaves the medium as the last pass would: the
     * pattern, repeated to fill each block, inverted when INVERT=1 and the pass count is even
     * (SBC-4 §5.30.2.2: the pattern is inverted between consecutive passes). An all-zero result is
     * written by deallocating, which reads back the same.
     */
    private static void overwrite(BlockStore store, byte[] p, int listLength) {
        if (Bytes.bits(p, 0, 5, 2) != 0) throw CheckCondition.invalidFieldInParameterList(0, 6); // TEST: 00b only
        int passes = Bytes.bits(p, 0, 0, 5);
        if (passes == 0) throw CheckCondition.invalidFieldInParameterList(0, 4); // OVERWRITE COUNT 0 is reserved
        int patternLength = Bytes.u16(p, 2);
        int bs = store.blockSize();
        if (patternLength == 0 || patternLength > bs) throw CheckCondition.invalidFieldInParameterList(2, -1);
        if (patternLength > listLength - OVERWRITE_HEADER) throw CheckCondition.illegalRequest(AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        boolean invert = Bytes.bit(p, 0, 7) && passes % 2 == 0;
        byte[] block = new byte[bs];
        for (int i = 0; i < bs; i++) {
            byte b = p[OVERWRITE_HEADER + i % patternLength];
            block[i] = invert ? (byte) ~b : b;
        }
        if (Provisioning.isZero(block, bs)) store.unmap(0, store.blockCount());
        else Provisioning.fill(store, 0, store.blockCount(), block);
    }
}
