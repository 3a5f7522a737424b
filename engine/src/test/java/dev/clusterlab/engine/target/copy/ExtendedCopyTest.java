package dev.clusterlab.engine.target.copy;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.copy.XcopyLists.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.CommandTable;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * EXTENDED COPY(LID1) (SPC-4 §6.3) with Identification descriptor target descriptors and
 * block-to-block segments, including every check of libiscsi's ALL.ExtendedCopy family.
 */
class ExtendedCopyTest {
    private final LogicalUnit lu = TestLus.small();

    private ScsiResponse xcopy(byte[] list) { return xcopy(lu, A1, list); }

    private static ScsiResponse xcopy(LogicalUnit lu, ItNexus nexus, byte[] list) {
        return lu.execute(nexus, ScsiRequest.dataOut(extendedCopyCdb(list.length), list));
    }

    private byte[] read(LogicalUnit unit, long lba, int blocks) {
        ScsiResponse r = unit.execute(A1, ScsiRequest.dataIn(Cdbs.read16(lba, blocks), blocks * BLOCK_SIZE));
        assertGood(r);
        return r.dataIn();
    }

    private static void write(LogicalUnit unit, long lba, byte[] data) {
        assertGood(unit.execute(A1, ScsiRequest.dataOut(Cdbs.write16(lba, data.length / BLOCK_SIZE), data)));
    }

    /** COPY ABORTED with this ASC/ASCQ and a segment pointer (SD=0) at {@code fieldPointer}. */
    private static void assertCopyAborted(ScsiResponse r, int asc, int ascq, int fieldPointer) {
        SenseData s = assertCheck(r, SenseKey.COPY_ABORTED, asc, ascq);
        assertThat(s.hasSenseKeySpecific()).as("SKSV").isTrue();
        assertThat(s.senseKeySpecific() & 0x200000).as("SD").isZero();
        assertThat(s.senseKeySpecific() & 0xFFFF).as("field pointer").isEqualTo(fieldPointer);
    }

    // ---------------------------------------------------------------------------------------------
    // Copies that move data

    @Test
    @DisplayName("libiscsi ExtendedCopy.Simple: blocks copied from the start of the LU to its end")
    void blockToBlockSegmentCopiesBlocksWithinTheLogicalUnit() {
        write(lu, BLOCKS - 1024, new byte[1024 * BLOCK_SIZE]);
        write(lu, 0, filled(1024, 'A'));
        assertGood(xcopy(simple(lu, 1, NO_HOLD, 1024, 0, BLOCKS - 1024)));
        assertThat(read(lu, BLOCKS - 1024, 1024)).isEqualTo(filled(1024, 'A'));
    }

    @Test
    void segmentsAreProcessedInOrder() {
        write(lu, 0, filled(1, 1));
        // block 0 -> 10, then 10 -> 20: the second segment sees what the first wrote
        byte[] list = list(1, NO_LIST_ID, new byte[][] {target(lu)},
                new byte[][] {blockToBlock(0, 0, 1, 0, 10), blockToBlock(0, 0, 1, 10, 20)});
        assertGood(xcopy(list));
        assertThat(read(lu, 20, 1)).isEqualTo(filled(1, 1));
    }

    @Test
    @DisplayName("an overlapping copy to higher LBAs reads every source block before it is overwritten")
    void overlappingCopyToHigherLbasCopiesTheOriginalData() {
        // 4096 blocks span several copy chunks, so a front-to-back copy would reread blocks it already overwrote.
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(BLOCK_SIZE, 8192)).build();
        byte[] pattern = new byte[4096 * BLOCK_SIZE];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) (i / BLOCK_SIZE);
        write(big, 0, pattern);
        assertGood(xcopy(big, A1, simple(big, 1, NO_HOLD, 4096, 0, 1)));
        assertThat(read(big, 1, 4096)).isEqualTo(pattern);
    }

    @Test
    @DisplayName("SPC-4 §6.3.7.5: NUMBER OF BLOCKS 0 transfers nothing and is not an error")
    void zeroBlocksCopyNothing() {
        write(lu, 5, filled(1, 7));
        assertGood(xcopy(simple(lu, 1, NO_HOLD, 0, 0, 5)));
        assertThat(read(lu, 5, 1)).isEqualTo(filled(1, 7));
    }

    @Test
    @DisplayName("a target descriptor naming another LU of the target reaches it through the resolver")
    void copyBetweenLogicalUnitsGoesThroughTheResolver() {
        List<LogicalUnit> units = new ArrayList<>();
        CopyTargetResolver resolver = CopyTargetResolver.among(() -> units);
        LogicalUnit one = unit("disk1", resolver), two = unit("disk2", resolver);
        units.add(one);
        units.add(two);
        write(one, 0, filled(8, 0x31));
        byte[] list = list(1, NO_LIST_ID, new byte[][] {target(one), target(two)},
                new byte[][] {blockToBlock(0, 1, 8, 0, 100)});
        assertGood(xcopy(one, A1, list));
        assertThat(read(two, 100, 8)).isEqualTo(filled(8, 0x31));
    }

    private static LogicalUnit unit(String name, CopyTargetResolver resolver) {
        return LogicalUnit.builder(name).identity(LuIdentity.forName(name, 1))
                .store(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).targetPorts(List.of(PORT_1, PORT_2))
                .commands(CommandTable.standard(resolver)).build();
    }

    @Test
    @DisplayName("without a resolver, another LU's designator is unreachable: 0Dh/02h at the descriptor's designator")
    void designatorOfAnUnknownLogicalUnitIsCopyTargetDeviceNotReachable_0Dh_02h() {
        LogicalUnit other = unit("disk2", CopyTargetResolver.SAME_LOGICAL_UNIT);
        byte[] list = list(1, NO_LIST_ID, new byte[][] {target(lu), target(other)},
                new byte[][] {blockToBlock(0, 1, 1, 0, 0)});
        assertCopyAborted(xcopy(list), 0x0D, 0x02, 16 + 32 + 4);
    }

    @Test
    @DisplayName("a destination LU reserved Exclusive Access by another initiator is unreachable for this nexus")
    void destinationReservedByAnotherInitiatorIsCopyAborted() {
        List<LogicalUnit> units = new ArrayList<>();
        CopyTargetResolver resolver = CopyTargetResolver.among(() -> units);
        LogicalUnit one = unit("disk1", resolver), two = unit("disk2", resolver);
        units.add(one);
        units.add(two);
        byte[] register = Cdbs.prOutParameters(0, 0xB1, false, false);
        assertGood(two.execute(B1, ScsiRequest.dataOut(Cdbs.persistentReserveOut(0x06, 0, 0, 24), register)));
        assertGood(two.execute(B1, ScsiRequest.dataOut(Cdbs.persistentReserveOut(0x01, 0, 3, 24),
                Cdbs.prOutParameters(0xB1, 0, false, false))));
        byte[] list = list(1, NO_LIST_ID, new byte[][] {target(one), target(two)},
                new byte[][] {blockToBlock(0, 1, 1, 0, 0)});
        assertCopyAborted(xcopy(one, A1, list), 0x0D, 0x02, 16 + 64 + 20);
    }

    // ---------------------------------------------------------------------------------------------
    // Parameter list length (libiscsi ExtendedCopy.ParamHdr)

    @Test
    @DisplayName("SPC-4 §6.3.1: PARAMETER LIST LENGTH 0 is not an error and copies nothing")
    void parameterListLengthZeroIsGood() {
        assertGood(lu.execute(A1, ScsiRequest.noData(extendedCopyCdb(0))));
    }

    @Test
    void parameterListCuttingTheTargetDescriptorIsParameterListLengthError_1Ah_00h() {
        byte[] full = simple(lu, 1, HOLD, 8, 0, 100);
        byte[] cut = java.util.Arrays.copyOf(full, 16 + 32 - 1);
        assertCheck(xcopy(cut), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    void parameterListCuttingTheSegmentDescriptorIsParameterListLengthError_1Ah_00h() {
        byte[] full = simple(lu, 1, HOLD, 8, 0, 100);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);
        assertCheck(xcopy(cut), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    void parameterListShorterThanTheHeaderIsParameterListLengthError_1Ah_00h() {
        assertCheck(xcopy(new byte[15]), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    @DisplayName("a data-out buffer shorter than PARAMETER LIST LENGTH is refused before anything is parsed")
    void dataOutShorterThanTheParameterListLengthIsRefused() {
        byte[] list = simple(lu, 1, HOLD, 8, 0, 100);
        ScsiResponse r = lu.execute(A1, ScsiRequest.dataOut(extendedCopyCdb(list.length + 1), list));
        assertCheck(r, SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
    }

    // ---------------------------------------------------------------------------------------------
    // Descriptor limits (libiscsi ExtendedCopy.DescrLimits)

    @Test
    @DisplayName("SPC-4 §6.3.1: more target descriptors than MAXIMUM TARGET DESCRIPTOR COUNT is 26h/06h")
    void tooManyTargetDescriptorsIs_26h_06h() {
        byte[] list = list(1, HOLD, repeat(target(lu), CopyLimits.MAX_TARGET_DESCRIPTORS + 1),
                new byte[][] {blockToBlock(0, 0, 8, 0, 100)});
        assertIllegal(xcopy(list), 0x26, 0x06, false, 2, -1);
    }

    @Test
    @DisplayName("SPC-4 §6.3.1: more segment descriptors than MAXIMUM SEGMENT DESCRIPTOR COUNT is 26h/08h")
    void tooManySegmentDescriptorsIs_26h_08h() {
        byte[] list = list(2, HOLD, new byte[][] {target(lu)},
                repeat(blockToBlock(0, 0, 8, 0, 100), CopyLimits.MAX_SEGMENT_DESCRIPTORS + 1));
        assertIllegal(xcopy(list), 0x26, 0x08, false, 8, -1);
        assertThat(read(lu, 100, 8)).as("nothing was copied").containsOnly(0);
    }

    @Test
    @DisplayName("SPC-4 §6.3.1: descriptors longer than MAXIMUM DESCRIPTOR LIST LENGTH is 1Ah/00h, checked before the counts")
    void descriptorsBeyondTheMaximumDescriptorListLengthAreParameterListLengthError_1Ah_00h() {
        // As libiscsi builds it: one target descriptor too many, then segment descriptors past the maximum.
        int targets = CopyLimits.MAX_TARGET_DESCRIPTORS + 1;
        int room = CopyLimits.MAX_DESCRIPTOR_LIST_LENGTH + 28 - targets * 32;
        byte[] list = list(3, HOLD, repeat(target(lu), targets), repeat(blockToBlock(0, 0, 8, 0, 100), room / 28));
        assertCheck(xcopy(list), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    void theMostTargetAndSegmentDescriptorsAllowedAreAccepted() {
        byte[] list = list(1, NO_LIST_ID, repeat(target(lu), CopyLimits.MAX_TARGET_DESCRIPTORS),
                repeat(blockToBlock(0, CopyLimits.MAX_TARGET_DESCRIPTORS - 1, 1, 0, 1), CopyLimits.MAX_SEGMENT_DESCRIPTORS));
        assertGood(xcopy(list));
    }

    // ---------------------------------------------------------------------------------------------
    // Descriptor types (libiscsi ExtendedCopy.DescrType)

    @Test
    @DisplayName("a Fibre Channel N_Port_Name target descriptor (E0h) is 26h/07h at its type code")
    void fibreChannelTargetDescriptorIsUnsupportedTargetDescriptorTypeCode_26h_07h() {
        byte[] list = list(1, HOLD, new byte[][] {target(0xE0, 0, new byte[0], BLOCK_SIZE)},
                new byte[][] {blockToBlock(0, 0, 8, 0, 100)});
        assertIllegal(xcopy(list), 0x26, 0x07, false, 16, -1);
    }

    @Test
    @DisplayName("a stream-to-stream segment descriptor (03h) is 26h/09h at its type code")
    void streamToStreamSegmentIsUnsupportedSegmentDescriptorTypeCode_26h_09h() {
        byte[] list = list(1, HOLD, new byte[][] {target(lu)}, new byte[][] {segmentHeaderOnly(0x03, 0x14)});
        assertIllegal(xcopy(list), 0x26, 0x09, false, 48, -1);
    }

    @Test
    void blockToBlockDescriptorWithAnotherDescriptorLengthIsInvalidField() {
        byte[] seg = blockToBlock(0, 0, 8, 0, 100);
        Bytes.put16(seg, 2, 0x14);
        byte[] list = list(1, HOLD, new byte[][] {target(lu)}, new byte[][] {java.util.Arrays.copyOf(seg, 0x18)});
        assertInvalidParameter(xcopy(list), 48 + 2, -1);
    }

    @Test
    @DisplayName("SPC-4 §6.3.1: inline data beyond MAXIMUM INLINE DATA LENGTH (0) is 26h/0Bh")
    void inlineDataIsInlineDataLengthExceeded_26h_0Bh() {
        byte[] list = simple(lu, 1, HOLD, 8, 0, 100);
        byte[] withInline = java.util.Arrays.copyOf(list, list.length + 4);
        Bytes.put32(withInline, 12, 4);
        assertIllegal(xcopy(withInline), 0x26, 0x0B, false, 12, -1);
    }

    @Test
    @DisplayName("LIST ID USAGE 01b is reserved: 26h/00h at byte 1 bit 4")
    void reservedListIdUsageIsInvalidField() {
        byte[] list = simple(lu, 1, 1, 8, 0, 100);
        assertInvalidParameter(xcopy(list), 1, 4);
    }

    // ---------------------------------------------------------------------------------------------
    // Target descriptor fields (libiscsi ExtendedCopy.ValidTgtDescr)

    @Test
    @DisplayName("SPC-4: LU ID TYPE and NUL are obsolete and ignored (libiscsi expects GOOD from an SPC-4 target)")
    void reservedLuIdTypeIsIgnored() {
        byte[] t = target(lu);
        t[1] = (byte) (0x02 << 6); // LU_ID_TYPE_RSVD
        byte[] list = list(1, HOLD, new byte[][] {t}, new byte[][] {blockToBlock(0, 0, 8, 0, 100)});
        assertGood(xcopy(list));
    }

    @Test
    @DisplayName("a target descriptor for another peripheral device type is 0Dh/03h INCORRECT COPY TARGET DEVICE TYPE")
    void nonBlockPeripheralDeviceTypeIsIncorrectCopyTargetDeviceType_0Dh_03h() {
        byte[] t = target(lu);
        t[1] = 0x01; // sequential access
        byte[] list = list(1, HOLD, new byte[][] {t}, new byte[][] {blockToBlock(0, 0, 8, 0, 100)});
        assertCopyAborted(xcopy(list), 0x0D, 0x03, 17);
    }

    @Test
    @DisplayName("a DISK BLOCK LENGTH other than the LU's is 26h/00h at byte 29 of the descriptor")
    void wrongDiskBlockLengthIsInvalidField() {
        byte[] list = list(1, HOLD, new byte[][] {target(0xE4, 0, lu.identity().naa(), 4096)},
                new byte[][] {blockToBlock(0, 0, 8, 0, 100)});
        assertInvalidParameter(xcopy(list), 16 + 29, -1);
    }

    @Test
    void designatorLongerThanTheDescriptorHoldsIsInvalidField() {
        byte[] t = target(lu);
        t[7] = 21;
        byte[] list = list(1, HOLD, new byte[][] {t}, new byte[][] {blockToBlock(0, 0, 8, 0, 100)});
        assertInvalidParameter(xcopy(list), 16 + 7, -1);
    }

    // ---------------------------------------------------------------------------------------------
    // Segment descriptor fields (libiscsi ExtendedCopy.ValidSegDescr)

    @Test
    @DisplayName("a DESTINATION TARGET DESCRIPTOR INDEX past the target list is COPY ABORTED 0Dh/02h")
    void destinationIndexBeyondTheTargetListIsCopyAborted_0Dh_02h() {
        byte[] list = list(1, HOLD, new byte[][] {target(lu)}, new byte[][] {blockToBlock(0, 1, 8, 0, 100)});
        assertCopyAborted(xcopy(list), 0x0D, 0x02, 48 + 6);
    }

    @Test
    void sourceIndexBeyondTheTargetListIsCopyAborted_0Dh_02h() {
        byte[] list = list(1, HOLD, new byte[][] {target(lu)}, new byte[][] {blockToBlock(5, 0, 8, 0, 100)});
        assertCopyAborted(xcopy(list), 0x0D, 0x02, 48 + 4);
    }

    @Test
    @DisplayName("blocks past the destination's capacity: COPY ABORTED 0Dh/02h, nothing written")
    void destinationBeyondCapacityIsCopyAborted_0Dh_02h() {
        write(lu, 0, filled(8, 9));
        assertCopyAborted(xcopy(simple(lu, 1, HOLD, 8, 0, BLOCKS - 1)), 0x0D, 0x02, 48 + 20);
        assertThat(read(lu, BLOCKS - 1, 1)).containsOnly(0);
    }

    @Test
    void sourceBeyondCapacityIsCopyAborted_0Dh_02h() {
        assertCopyAborted(xcopy(simple(lu, 1, HOLD, 8, BLOCKS - 4, 0)), 0x0D, 0x02, 48 + 12);
    }

    @Test
    @DisplayName("SPC-4 §6.3.3: segments before the failing one stay copied")
    void segmentsBeforeAFailingOneStayCopied() {
        write(lu, 0, filled(1, 0x44));
        byte[] list = list(1, NO_LIST_ID, new byte[][] {target(lu)},
                new byte[][] {blockToBlock(0, 0, 1, 0, 50), blockToBlock(0, 0, 1, 0, BLOCKS)});
        assertCopyAborted(xcopy(list), 0x0D, 0x02, 48 + 28 + 20);
        assertThat(read(lu, 50, 1)).isEqualTo(filled(1, 0x44));
    }

    @Test
    @DisplayName("SPC-4 §7.5.7: with SWP=1 the destination refuses the copy; COPY ABORTED 0Dh/02h")
    void softwareWriteProtectedDestinationIsCopyAborted() {
        ScsiResponse sense = dataIn(lu, Cdbs.modeSense6(true, 0, 0x0A, 0, 255), 255);
        byte[] page = java.util.Arrays.copyOfRange(sense.dataIn(), 4, sense.dataIn().length);
        page[4] |= 0x08; // SWP
        byte[] select = new byte[4 + page.length];
        System.arraycopy(page, 0, select, 4, page.length);
        assertGood(dataOut(lu, Cdbs.modeSelect6(true, false, select.length), select));
        assertCopyAborted(xcopy(simple(lu, 1, HOLD, 8, 0, 100)), 0x0D, 0x02, 48 + 20);
    }

    // ---------------------------------------------------------------------------------------------
    // The command itself

    @Test
    @DisplayName("EXTENDED COPY(LID4) (83h/01h) is not supported: 24h/00h at byte 1")
    void extendedCopyLid4IsInvalidServiceAction() {
        byte[] cdb = extendedCopyCdb(0);
        cdb[1] = 0x01;
        assertInvalidCdbField(lu.execute(A1, ScsiRequest.noData(cdb)), 1, 4);
    }

    @Test
    void reservedCdbByteIsInvalidFieldInCdb() {
        byte[] cdb = extendedCopyCdb(0);
        cdb[5] = 1;
        assertInvalidCdbField(lu.execute(A1, ScsiRequest.noData(cdb)), 5, 0);
    }

    @Test
    @DisplayName("SPC-4 Table 65: EXTENDED COPY from a non-holder under Write Exclusive is RESERVATION CONFLICT")
    void extendedCopyFromANonHolderUnderWriteExclusiveConflicts() {
        assertGood(lu.execute(B1, ScsiRequest.dataOut(Cdbs.persistentReserveOut(0x06, 0, 0, 24),
                Cdbs.prOutParameters(0, 0xB1, false, false))));
        assertGood(lu.execute(B1, ScsiRequest.dataOut(Cdbs.persistentReserveOut(0x01, 0, 1, 24),
                Cdbs.prOutParameters(0xB1, 0, false, false))));
        ScsiResponse r = xcopy(simple(lu, 1, HOLD, 8, 0, 100));
        assertThat(r.status()).isEqualTo(dev.clusterlab.engine.scsi.ScsiStatus.RESERVATION_CONFLICT);
        assertGood(xcopy(lu, B1, simple(lu, 1, HOLD, 8, 0, 100)));
    }
}
