package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.CommandTable;
import dev.clusterlab.engine.target.LogicalUnit;
import java.util.Objects;

/**
 * The copy manager of a simulated disk (SPC-4 §5.16.4): EXTENDED COPY(LID1) (83h/00h, SPC-4 §6.3)
 * and RECEIVE COPY RESULTS (84h, SPC-4 §6.18) with COPY STATUS, RECEIVE DATA, OPERATING PARAMETERS
 * and FAILED SEGMENT DETAILS. One instance serves one command table, and so normally one logical
 * unit; it holds the copy results per logical unit and I_T nexus, and drops them on logical unit
 * reset and I_T nexus loss (SPC-4 §6.18.2 c) when its table tells it of them.
 */
public final class CopyManager implements CommandTable.ResetListener {
    /** RECEIVE COPY RESULTS service actions (SPC-4 Table 192). */
    public static final int COPY_STATUS = 0x00, RECEIVE_DATA = 0x01, OPERATING_PARAMETERS = 0x03,
            FAILED_SEGMENT_DETAILS = 0x04;
    /** EXTENDED COPY(LID1) service action. */
    public static final int EXTENDED_COPY_LID1 = 0x00;

    private final CopyTargetResolver resolver;
    private final HeldCopyResults held = new HeldCopyResults();

    public CopyManager(CopyTargetResolver resolver) { this.resolver = Objects.requireNonNull(resolver); }

    /**
     * EXTENDED COPY(LID1). A PARAMETER LIST LENGTH of zero is not an error and copies nothing (SPC-4
     * §6.3.1). A list with LIST ID USAGE 00b has its outcome held, whether it succeeded or ended in
     * COPY ABORTED; lists refused as ILLEGAL REQUEST while being parsed never started and hold nothing.
     */
    public ScsiResponse extendedCopy(CommandContext ctx) {
        long length = Bytes.u32(ctx.cdb(), 10);
        if (length == 0) return ScsiResponse.good();
        byte[] p = CdbChecks.requireDataOut(ctx, length);
        int n = (int) length; // requireDataOut guarantees the buffer, hence an int, holds it
        // SPC-4 §6.18.2 b: a new command with the same list identifier replaces what was held for it.
        if (n >= 2 && Bytes.bits(p, 1, 3, 2) != 3) held.discard(key(ctx, Bytes.u8(p, 0)));
        ExtendedCopyList list = ExtendedCopyList.parse(p, n);
        CopyOutcome outcome = new SegmentCopier(ctx.lu(), ctx.nexus(), resolver, list).run();
        if (list.usage() == ExtendedCopyList.ListIdUsage.HOLD) held.hold(key(ctx, list.listId()), outcome);
        if (!outcome.succeeded()) throw new CheckCondition(outcome.failure());
        return ScsiResponse.good();
    }

    /** COPY STATUS: the held status of LIST IDENTIFIER (byte 2), then discarded (SPC-4 §6.18.2 a). */
    public ScsiResponse copyStatus(CommandContext ctx) {
        HeldCopyResults.Key key = key(ctx, Bytes.u8(ctx.cdb(), 2));
        HeldCopyResults.Held e = heldOrInvalidListId(key);
        if (e.statusReturned) throw CheckCondition.invalidFieldInCdb(2, -1);
        byte[] data = CopyResultsData.copyStatus(e.outcome);
        long allocation = allocationLength(ctx);
        if (allocation >= data.length) {
            e.statusReturned = true;
            held.discardIfExhausted(key, e);
        }
        return CdbChecks.dataIn(ctx, data, allocation);
    }

    /** RECEIVE DATA: nothing is ever held beyond the status, so only the list identifier is checked. */
    public ScsiResponse receiveData(CommandContext ctx) {
        heldOrInvalidListId(key(ctx, Bytes.u8(ctx.cdb(), 2)));
        return CdbChecks.dataIn(ctx, CopyResultsData.receiveData(), allocationLength(ctx));
    }

    /** OPERATING PARAMETERS: the limits of {@link CopyLimits}; the LIST IDENTIFIER is not used. */
    public ScsiResponse operatingParameters(CommandContext ctx) {
        return CdbChecks.dataIn(ctx, CopyResultsData.operatingParameters(ctx.lu().store().blockSize()), allocationLength(ctx));
    }

    /** FAILED SEGMENT DETAILS: held until returned in full (SPC-4 §6.18.5). */
    public ScsiResponse failedSegmentDetails(CommandContext ctx) {
        HeldCopyResults.Key key = key(ctx, Bytes.u8(ctx.cdb(), 2));
        HeldCopyResults.Held e = heldOrInvalidListId(key);
        if (e.detailsReturned && !e.outcome.succeeded()) throw CheckCondition.invalidFieldInCdb(2, -1);
        byte[] data = CopyResultsData.failedSegmentDetails(e.outcome);
        long allocation = allocationLength(ctx);
        if (allocation >= data.length) {
            e.detailsReturned = true;
            held.discardIfExhausted(key, e);
        }
        return CdbChecks.dataIn(ctx, data, allocation);
    }

    @Override
    public void logicalUnitReset(LogicalUnit lu) { held.discardAll(lu); }

    @Override
    public void nexusLost(LogicalUnit lu, ItNexus nexus) { held.discardAll(lu, nexus); }

    /** Entries held for RECEIVE COPY RESULTS (for tests). */
    int heldCount() { return held.size(); }

    /** 24h/00h at LIST IDENTIFIER when nothing is held for it on this I_T nexus (SPC-4 §6.18.2). */
    private HeldCopyResults.Held heldOrInvalidListId(HeldCopyResults.Key key) {
        HeldCopyResults.Held e = held.get(key);
        if (e == null) throw CheckCondition.invalidFieldInCdb(2, -1);
        return e;
    }

    private static HeldCopyResults.Key key(CommandContext ctx, int listId) {
        return new HeldCopyResults.Key(ctx.lu(), ctx.nexus(), listId);
    }

    private static long allocationLength(CommandContext ctx) { return Bytes.u32(ctx.cdb(), 10); }
}
