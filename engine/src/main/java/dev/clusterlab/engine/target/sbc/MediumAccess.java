package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.CommandContext;
import java.util.OptionalLong;

/** Rules shared by the commands that read or change the medium. */
final class MediumAccess {
    private MediumAccess() {}

    /**
     * DATA PROTECT 27h/00h WRITE PROTECTED when the medium is write protected, by hardware (the LU's
     * options) or by the Control page's SWP bit (SPC-4 §7.5.8). Hardware protection also gets
     * 27h/00h, not 27h/01h: initiators and other targets (tgt, LIO) treat read-only LUs that way.
     */
    static void requireWritable(CommandContext ctx) {
        if (ctx.lu().state().writeProtected())
            throw new CheckCondition(SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.WRITE_PROTECTED));
    }

    /** MISCOMPARE 1Dh/00h with INFORMATION = offset of the first unequal byte (SBC-3 §5.2, §5.29). */
    static CheckCondition miscompare(long offset) {
        return new CheckCondition(new SenseData(SenseKey.MISCOMPARE, AdditionalSense.MISCOMPARE_DURING_VERIFY, true,
                OptionalLong.of(offset), -1));
    }

    /** Index of the first byte where {@code a} and {@code b} differ over {@code len} bytes, or -1. */
    static int firstMismatch(byte[] a, int aOff, byte[] b, int bOff, int len) {
        return java.util.Arrays.mismatch(a, aOff, aOff + len, b, bOff, bOff + len);
    }

    /** FUA=1, or a disabled write cache, means the data must reach the medium before GOOD (SBC-3 §5.32). */
    static void completeWrite(CommandContext ctx, boolean fua) {
        if (fua || !ctx.lu().state().mode().writeCacheEnabled()) ctx.lu().store().flush();
    }
}
