package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.Arrays;

/** Checks and response helpers shared by the SPC and SBC command handlers. */
public final class CdbChecks {
    private CdbChecks() {}

    /**
     * 0Eh/03h INVALID FIELD IN COMMAND INFORMATION UNIT: the data-out buffer is shorter than the CDB
     * says. SAM-5 leaves a data-out underrun to the transport; like iSCSI targets (RFC 7143
     * §11.4.5.1 lets the target reject it) the command is refused before anything is written.
     */
    public static final AdditionalSense DATA_OUT_TOO_SHORT = new AdditionalSense(0x0E, 0x03);

    /**
     * Rejects bits the command does not use (SPC-4 §4.4.2: reserved bits may be checked, and are
     * reported as 24h/00h with a field pointer) and CONTROL byte features the device server lacks:
     * NACA=1 (ACA is not supported, SAM-5 §5.9.5) and LINK=1 (linked commands are obsolete).
     * {@code usage} is the entry's CDB usage data; for service-action entries its SERVICE ACTION
     * bits hold the code, not a mask, so those five bits count as used.
     */
    static void checkUsage(byte[] cdb, byte[] usage, boolean serviceAction) {
        int control = usage.length - 1;
        for (int i = 1; i < control; i++) {
            int used = usage[i] & 0xFF;
            if (i == 1 && serviceAction) used |= 0x1F;
            int stray = cdb[i] & ~used & 0xFF;
            if (stray != 0) throw CheckCondition.invalidFieldInCdb(i, 31 - Integer.numberOfLeadingZeros(stray));
        }
        if ((cdb[control] & 0x04) != 0) throw CheckCondition.invalidFieldInCdb(control, 2);
        if ((cdb[control] & 0x01) != 0) throw CheckCondition.invalidFieldInCdb(control, 0);
    }

    /** GOOD with {@code data} cut to the ALLOCATION LENGTH (SPC-4 §4.2.5.6: truncation is not an error). */
    public static ScsiResponse dataIn(CommandContext ctx, byte[] data, long allocationLength) {
        byte[] out = data.length > allocationLength ? Arrays.copyOf(data, (int) allocationLength) : data;
        return ScsiResponse.good(out, ctx.dataInCapacity());
    }

    /** The data-out buffer, which must hold at least {@code length} bytes (see {@link #DATA_OUT_TOO_SHORT}). */
    public static byte[] requireDataOut(CommandContext ctx, long length) {
        byte[] d = ctx.dataOut();
        if (d.length < length) throw CheckCondition.illegalRequest(DATA_OUT_TOO_SHORT);
        return d;
    }

    /**
     * The data-out buffer, which must hold exactly {@code length} bytes, for commands whose CDB fixes
     * the transfer but whose data is not a run of blocks a transport could trim (WRITE SAME's one
     * block, COMPARE AND WRITE's compare and write halves): a longer buffer means the CDB and the
     * transfer disagree, and guessing which is meant could write the wrong data. Too long or too
     * short, it is 0Eh/03h like {@link #DATA_OUT_TOO_SHORT} (what LIO returns for a write overflow
     * or underflow), before anything is written.
     */
    public static byte[] requireExactDataOut(CommandContext ctx, long length) {
        byte[] d = ctx.dataOut();
        if (d.length != length) throw CheckCondition.illegalRequest(DATA_OUT_TOO_SHORT);
        return d;
    }

    /**
     * LBA OUT OF RANGE unless blocks [lba, lba+blocks) lie on the medium (SBC-3 §4.5). Both values
     * are unsigned 64-bit as the CDB carries them, so the sum is never computed (it could wrap).
     */
    public static void checkLbaRange(LogicalUnit lu, long lba, long blocks) {
        long capacity = lu.store().blockCount();
        if (Long.compareUnsigned(lba, capacity) > 0 || Long.compareUnsigned(blocks, capacity - lba) > 0)
            throw CheckCondition.illegalRequest(AdditionalSense.LBA_OUT_OF_RANGE);
    }

    /**
     * For media access: NOT READY 3Ah/00h MEDIUM NOT PRESENT while a removable medium is ejected
     * (SPC-4 §6.47, preferred TEST UNIT READY responses), else NOT READY 04h/02h INITIALIZING
     * COMMAND REQUIRED while stopped (SBC-3 §4.20).
     */
    public static void requireStarted(CommandContext ctx) {
        DeviceServerState state = ctx.lu().state();
        if (!state.mediumPresent()) throw mediumNotPresent();
        if (state.stopped()) throw notReady();
    }

    /**
     * NOT READY 3Ah/00h while a removable medium is ejected, for commands that describe the medium
     * but work on a stopped unit (READ CAPACITY: there is no capacity without a medium).
     */
    public static void requireMedium(CommandContext ctx) {
        if (!ctx.lu().state().mediumPresent()) throw mediumNotPresent();
    }

    public static CheckCondition notReady() {
        return new CheckCondition(SenseData.of(SenseKey.NOT_READY, AdditionalSense.LU_NOT_READY_INITIALIZING_REQUIRED));
    }

    public static CheckCondition mediumNotPresent() {
        return new CheckCondition(SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT));
    }
}
