package dev.clusterlab.engine.target.copy;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.copy.XcopyLists.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RECEIVE COPY RESULTS (SPC-4 §6.18) for EXTENDED COPY(LID1), including libiscsi's ALL.ReceiveCopyResults. */
class ReceiveCopyResultsTest {
    private final LogicalUnit lu = TestLus.small();

    private ScsiResponse results(ItNexus nexus, int serviceAction, int listId, int allocation) {
        return lu.execute(nexus, ScsiRequest.dataIn(receiveCopyResultsCdb(serviceAction, listId, allocation), allocation));
    }

    private byte[] resultsData(int serviceAction, int listId) {
        ScsiResponse r = results(A1, serviceAction, listId, 1024);
        assertGood(r);
        return r.dataIn();
    }

    private ScsiResponse xcopy(ItNexus nexus, byte[] list) {
        return lu.execute(nexus, ScsiRequest.dataOut(extendedCopyCdb(list.length), list));
    }

    // ---------------------------------------------------------------------------------------------
    // OPERATING PARAMETERS (libiscsi ReceiveCopyResults.OpParams, and the limits ExtendedCopy.DescrLimits reads)

    @Test
    @DisplayName("SPC-4 §6.18.4: OPERATING PARAMETERS reports the copy manager's limits and descriptor types")
    void operatingParametersReportTheLimits() {
        byte[] d = resultsData(CopyManager.OPERATING_PARAMETERS, 0);
        assertThat(Bytes.u32(d, 0)).as("AVAILABLE DATA").isEqualTo(d.length - 4).isGreaterThanOrEqualTo(40);
        assertThat(d[4] & 1).as("SNLID").isEqualTo(1);
        assertThat(Bytes.u16(d, 8)).as("MAXIMUM TARGET DESCRIPTOR COUNT").isEqualTo(CopyLimits.MAX_TARGET_DESCRIPTORS);
        assertThat(Bytes.u16(d, 10)).as("MAXIMUM SEGMENT DESCRIPTOR COUNT").isEqualTo(CopyLimits.MAX_SEGMENT_DESCRIPTORS);
        assertThat(Bytes.u32(d, 12)).as("MAXIMUM DESCRIPTOR LIST LENGTH").isEqualTo(CopyLimits.MAX_DESCRIPTOR_LIST_LENGTH);
        assertThat(Bytes.u32(d, 16)).as("MAXIMUM SEGMENT LENGTH").isEqualTo(0xFFFFL * BLOCK_SIZE);
        assertThat(Bytes.u32(d, 20)).as("MAXIMUM INLINE DATA LENGTH").isZero();
        assertThat(d[37]).as("DATA SEGMENT GRANULARITY (log2)").isEqualTo((byte) 9);
        assertThat(d[43]).as("IMPLEMENTED DESCRIPTOR LIST LENGTH").isEqualTo((byte) 2);
        assertThat(new int[] {d[44] & 0xFF, d[45] & 0xFF}).containsExactly(0x02, 0xE4);
    }

    @Test
    void operatingParametersAreCutToTheAllocationLength() {
        ScsiResponse r = results(A1, CopyManager.OPERATING_PARAMETERS, 0, 10);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(10);
    }

    // ---------------------------------------------------------------------------------------------
    // COPY STATUS (libiscsi ReceiveCopyResults.CopyStatus)

    @Test
    @DisplayName("SPC-4 §6.18.2: COPY STATUS for a list identifier with nothing held is 24h/00h at byte 2")
    void copyStatusWithoutACopyIsInvalidFieldInCdb() {
        assertInvalidCdbField(results(A1, CopyManager.COPY_STATUS, 1, 1024), 2, -1);
    }

    @Test
    @DisplayName("after a held copy: COMPLETED WITHOUT ERRORS, 1 segment, the bytes copied")
    void copyStatusReportsTheCompletedCopy() {
        assertGood(xcopy(A1, simple(lu, 1, HOLD, 16, 0, 100)));
        byte[] d = resultsData(CopyManager.COPY_STATUS, 1);
        assertThat(d).hasSize(12);
        assertThat(Bytes.u32(d, 0)).as("AVAILABLE DATA").isEqualTo(8);
        assertThat(d[4]).as("HDD=0, COPY MANAGER STATUS").isEqualTo((byte) 0x01);
        assertThat(Bytes.u16(d, 5)).as("SEGMENTS PROCESSED").isEqualTo(1);
        assertThat(d[7]).as("TRANSFER COUNT UNITS: bytes").isEqualTo((byte) 0);
        assertThat(Bytes.u32(d, 8)).as("TRANSFER COUNT").isEqualTo(16L * BLOCK_SIZE);
    }

    @Test
    @DisplayName("SPC-4 §6.18.2 a: COPY STATUS data is discarded once returned")
    void copyStatusIsDiscardedOnceReturned() {
        assertGood(xcopy(A1, simple(lu, 7, HOLD, 1, 0, 100)));
        assertGood(results(A1, CopyManager.COPY_STATUS, 7, 1024));
        assertInvalidCdbField(results(A1, CopyManager.COPY_STATUS, 7, 1024), 2, -1);
    }

    @Test
    void copyStatusCutByTheAllocationLengthIsStillHeld() {
        assertGood(xcopy(A1, simple(lu, 7, HOLD, 1, 0, 100)));
        assertThat(results(A1, CopyManager.COPY_STATUS, 7, 4).dataIn()).hasSize(4);
        assertGood(results(A1, CopyManager.COPY_STATUS, 7, 1024));
    }

    @Test
    @DisplayName("SPC-4 §6.3.1: list identifiers belong to the I_T nexus that sent them")
    void listIdentifiersAreScopedToTheNexus() {
        assertGood(xcopy(A1, simple(lu, 3, HOLD, 1, 0, 100)));
        assertInvalidCdbField(results(B1, CopyManager.COPY_STATUS, 3, 1024), 2, -1);
        assertInvalidCdbField(results(A2, CopyManager.COPY_STATUS, 3, 1024), 2, -1);
        assertGood(results(A1, CopyManager.COPY_STATUS, 3, 1024));
    }

    @Test
    @DisplayName("LIST ID USAGE 10b and 11b hold nothing")
    void listsThatDoNotAskForHoldingHoldNothing() {
        assertGood(xcopy(A1, simple(lu, 4, NO_HOLD, 1, 0, 100)));
        assertGood(xcopy(A1, simple(lu, 5, NO_LIST_ID, 1, 0, 100)));
        assertInvalidCdbField(results(A1, CopyManager.COPY_STATUS, 4, 1024), 2, -1);
        assertInvalidCdbField(results(A1, CopyManager.COPY_STATUS, 5, 1024), 2, -1);
    }

    @Test
    @DisplayName("a list refused while being parsed never started and holds nothing")
    void listRefusedAsIllegalRequestHoldsNothing() {
        byte[] list = simple(lu, 6, HOLD, 1, 0, 100);
        list[16] = (byte) 0xE0;
        assertCheck(xcopy(A1, list), SenseKey.ILLEGAL_REQUEST, 0x26, 0x07);
        assertInvalidCdbField(results(A1, CopyManager.COPY_STATUS, 6, 1024), 2, -1);
    }

    @Test
    @DisplayName("SPC-4 §6.18.2 b: a new EXTENDED COPY with the same list identifier replaces what was held")
    void reusedListIdentifierReplacesTheHeldStatus() {
        assertGood(xcopy(A1, simple(lu, 9, HOLD, 2, 0, 100)));
        assertCheck(xcopy(A1, simple(lu, 9, HOLD, 2, 0, BLOCKS)), SenseKey.COPY_ABORTED, 0x0D, 0x02);
        byte[] d = resultsData(CopyManager.COPY_STATUS, 9);
        assertThat(d[4]).as("COMPLETED WITH ERRORS").isEqualTo((byte) 0x02);
        assertThat(Bytes.u16(d, 5)).as("SEGMENTS PROCESSED").isZero();
        assertThat(Bytes.u32(d, 8)).as("TRANSFER COUNT").isZero();
    }

    @Test
    void abortedCopyReportsTheSegmentsCompletedBeforeTheFailure() {
        byte[] list = list(2, HOLD, new byte[][] {target(lu)},
                new byte[][] {blockToBlock(0, 0, 4, 0, 100), blockToBlock(0, 1, 4, 0, 200)});
        assertCheck(xcopy(A1, list), SenseKey.COPY_ABORTED, 0x0D, 0x02);
        byte[] d = resultsData(CopyManager.COPY_STATUS, 2);
        assertThat(d[4]).isEqualTo((byte) 0x02);
        assertThat(Bytes.u16(d, 5)).isEqualTo(1);
        assertThat(Bytes.u32(d, 8)).isEqualTo(4L * BLOCK_SIZE);
    }

    @Test
    @DisplayName("TRANSFER COUNT beyond 32 bits switches to the next binary unit (F1h = KiB)")
    void largeTransferCountsUseBinaryUnits() {
        byte[] d = CopyResultsData.copyStatus(new CopyOutcome(3, 5L << 32, null));
        assertThat(d[7] & 0xFF).isEqualTo(0xF1);
        assertThat(Bytes.u32(d, 8)).isEqualTo((5L << 32) >>> 10);
    }

    // ---------------------------------------------------------------------------------------------
    // FAILED SEGMENT DETAILS and RECEIVE DATA

    @Test
    @DisplayName("SPC-4 §6.18.5: FAILED SEGMENT DETAILS returns the status and sense of an aborted copy, once")
    void failedSegmentDetailsReturnTheSenseOfTheAbortedCopy() {
        assertCheck(xcopy(A1, simple(lu, 8, HOLD, 8, 0, BLOCKS - 1)), SenseKey.COPY_ABORTED, 0x0D, 0x02);
        byte[] d = resultsData(CopyManager.FAILED_SEGMENT_DETAILS, 8);
        assertThat(Bytes.u32(d, 0)).isEqualTo(d.length - 4);
        assertThat(d[56]).as("EXTENDED COPY COMMAND STATUS: CHECK CONDITION").isEqualTo((byte) 0x02);
        int senseLength = Bytes.u16(d, 58);
        SenseData s = SenseCodec.decode(java.util.Arrays.copyOfRange(d, 60, 60 + senseLength), senseLength);
        assertThat(s.key()).isEqualTo(SenseKey.COPY_ABORTED);
        assertThat(s.asc()).isEqualTo(0x0D);
        assertThat(s.ascq()).isEqualTo(0x02);
        assertInvalidCdbField(results(A1, CopyManager.FAILED_SEGMENT_DETAILS, 8, 1024), 2, -1);
    }

    @Test
    void failedSegmentDetailsOfASuccessfulCopyAreEmpty() {
        assertGood(xcopy(A1, simple(lu, 8, HOLD, 1, 0, 100)));
        assertThat(resultsData(CopyManager.FAILED_SEGMENT_DETAILS, 8)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void failedSegmentDetailsForAnUnknownListIsInvalidFieldInCdb() {
        assertInvalidCdbField(results(A1, CopyManager.FAILED_SEGMENT_DETAILS, 8, 1024), 2, -1);
    }

    @Test
    @DisplayName("SPC-4 §6.18.3: no supported segment descriptor holds data, so RECEIVE DATA returns none")
    void receiveDataOfAHeldListIsEmpty() {
        assertGood(xcopy(A1, simple(lu, 8, HOLD, 1, 0, 100)));
        assertThat(resultsData(CopyManager.RECEIVE_DATA, 8)).containsExactly(0, 0, 0, 0);
        assertInvalidCdbField(results(A1, CopyManager.RECEIVE_DATA, 9, 1024), 2, -1);
    }

    @Test
    @DisplayName("the LID4 service actions (05h-08h) are not supported: 24h/00h at byte 1")
    void lid4ServiceActionsAreInvalidFieldInCdb() {
        assertInvalidCdbField(results(A1, 0x05, 0, 1024), 1, 4);
    }

    @Test
    @DisplayName("SPC-4 §6.18.2 c: I_T nexus loss discards what was held for that nexus only")
    void nexusLossDiscardsTheNexusHeldResults() {
        assertGood(xcopy(A1, simple(lu, 1, HOLD, 1, 0, 100)));
        assertGood(xcopy(B1, simple(lu, 1, HOLD, 1, 0, 100)));
        lu.itNexusLoss(A1);
        results(A1, CopyManager.COPY_STATUS, 1, 1024); // reports the pending 29h/07h unit attention
        assertInvalidCdbField(results(A1, CopyManager.COPY_STATUS, 1, 1024), 2, -1);
        assertGood(results(B1, CopyManager.COPY_STATUS, 1, 1024));
    }

    @Test
    @DisplayName("SPC-4 §6.18.2 c: a logical unit reset discards everything held")
    void logicalUnitResetDiscardsHeldResults() {
        assertGood(xcopy(A1, simple(lu, 1, HOLD, 1, 0, 100)));
        lu.logicalUnitReset(B1);
        assertCheck(results(A1, CopyManager.COPY_STATUS, 1, 1024), SenseKey.UNIT_ATTENTION, 0x29, 0x03);
        assertInvalidCdbField(results(A1, CopyManager.COPY_STATUS, 1, 1024), 2, -1);
    }

    @Test
    void heldResultsAreBoundedByTheCapacity() {
        CopyManager manager = new CopyManager(CopyTargetResolver.SAME_LOGICAL_UNIT);
        LogicalUnit unit = TestLus.builder(new dev.clusterlab.engine.target.store.MemoryBlockStore(BLOCK_SIZE, BLOCKS))
                .commands(tableWith(manager)).build();
        ItNexus[] nexuses = {A1, A2, B1, B2};
        for (ItNexus n : nexuses)
            for (int id = 0; id < 256; id++) {
                byte[] list = simple(unit, id, HOLD, 0, 0, 0);
                assertGood(unit.execute(n, ScsiRequest.dataOut(extendedCopyCdb(list.length), list)));
            }
        assertThat(manager.heldCount()).isEqualTo(HeldCopyResults.CAPACITY);
        // the oldest (A1's) were discarded, the newest (B2's) are held
        assertThat(unit.execute(A1, ScsiRequest.dataIn(receiveCopyResultsCdb(0, 0, 64), 64)).status())
                .isEqualTo(dev.clusterlab.engine.scsi.ScsiStatus.CHECK_CONDITION);
        assertGood(unit.execute(B2, ScsiRequest.dataIn(receiveCopyResultsCdb(0, 255, 64), 64)));
    }

    /** A command table with just the copy commands of {@code manager}. */
    private static dev.clusterlab.engine.target.CommandTable tableWith(CopyManager manager) {
        var t = new dev.clusterlab.engine.target.CommandTable();
        byte[] usage = new byte[16];
        usage[0] = (byte) 0x83;
        t.add(new dev.clusterlab.engine.target.CommandTable.Entry("EXTENDED COPY(LID1)", 0x83, 0, usage, manager::extendedCopy));
        byte[] usage84 = usage.clone();
        usage84[0] = (byte) 0x84;
        t.add(new dev.clusterlab.engine.target.CommandTable.Entry("COPY STATUS", 0x84, 0, usage84, manager::copyStatus));
        return t;
    }
}
