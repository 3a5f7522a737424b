package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** WRITE SAME(10)/(16), SBC-3 §5.42-5.43, and UNMAP, SBC-3 §5.28. */
class ProvisioningTest {
    private final MemoryBlockStore store = new MemoryBlockStore(BLOCK_SIZE, BLOCKS);
    private final LogicalUnit lu = TestLus.builder(store).build();

    private byte[] read(long lba, int blocks) { return dataIn(lu, Cdbs.read16(lba, blocks), blocks * BLOCK_SIZE).dataIn(); }

    private static byte[] pattern() {
        byte[] b = new byte[BLOCK_SIZE];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i + 1);
        return b;
    }

    @Test
    void writeSame10WritesThePatternToEveryBlock() {
        assertGood(dataOut(lu, Cdbs.writeSame10(5, 300, false), pattern()));
        byte[] d = read(5, 300);
        for (int i = 0; i < 300; i++) assertThat(java.util.Arrays.copyOfRange(d, i * 512, i * 512 + 512)).isEqualTo(pattern());
        assertThat(read(305, 1)).containsOnly(0);
    }

    @Test
    @DisplayName("UNMAP=1 with a zero pattern deallocates (LBPRZ: reads back as zeros)")
    void writeSame16WithUnmapAndZeroPatternDeallocates() {
        assertGood(dataOut(lu, Cdbs.write16(0, 256), filled(256, 3)));
        assertGood(dataOut(lu, Cdbs.writeSame16(0, 256, true), new byte[BLOCK_SIZE]));
        assertThat(read(0, 256)).containsOnly(0);
        assertThat(store.allocatedBytes()).isZero();
    }

    @Test
    void writeSameWithUnmapAndANonZeroPatternStillWritesThePattern() {
        assertGood(dataOut(lu, Cdbs.writeSame10(0, 2, true), pattern()));
        assertThat(java.util.Arrays.copyOfRange(read(0, 2), 512, 1024)).isEqualTo(pattern());
    }

    @Test
    @DisplayName("NDOB=1: no data-out, the blocks read as zeros")
    void writeSame16WithNdobNeedsNoDataOut() {
        assertGood(dataOut(lu, Cdbs.write16(10, 1), filled(1, 3)));
        byte[] c = Cdbs.writeSame16(10, 1, true);
        c[1] |= 0x01;
        assertGood(noData(lu, c));
        assertThat(read(10, 1)).containsOnly(0);
    }

    @Test
    void ndobIsNotAFieldOfWriteSame10() {
        byte[] c = Cdbs.writeSame10(0, 1, false);
        c[1] |= 0x01;
        assertInvalidCdbField(dataOut(lu, c, pattern()), 1, 0);
    }

    @Test
    @DisplayName("ANCHOR=1: anchoring is not supported (ANC_SUP=0) -> 24h/00h byte 1 bit 4")
    void anchorIsInvalidFieldInCdb() {
        byte[] c = Cdbs.writeSame16(0, 1, true);
        c[1] |= 0x10;
        assertInvalidCdbField(dataOut(lu, c, pattern()), 1, 4);
    }

    @Test
    @DisplayName("WSNZ=0: NUMBER OF LOGICAL BLOCKS 0 writes through the last LBA (SBC-3 §5.42; more in WriteSameZeroBlocksTest)")
    void zeroBlocksWritesToTheLastBlock() {
        assertGood(dataOut(lu, Cdbs.writeSame10(BLOCKS - 3, 0, false), pattern()));
        byte[] d = read(BLOCKS - 3, 3);
        for (int i = 0; i < 3; i++) assertThat(java.util.Arrays.copyOfRange(d, i * 512, i * 512 + 512)).isEqualTo(pattern());
    }

    @Test
    void writeSameAboveTheMaximumLengthIsInvalidFieldInCdb() {
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(512, 1L << 30)).build();
        assertInvalidCdbField(dataOut(big, Cdbs.writeSame16(0, (int) BlockLimits.MAX_WRITE_SAME_LENGTH + 1, true), new byte[512]), 10, -1);
    }

    @Test
    void writeSamePastTheLastBlockIsLbaOutOfRange() {
        assertCheck(dataOut(lu, Cdbs.writeSame16(BLOCKS - 1, 2, false), pattern()), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void writeSameWithoutItsDataOutBlockIsRefused() {
        assertCheck(noData(lu, Cdbs.writeSame10(0, 1, false)), SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
    }

    @Test
    void obsoletePbdataAndLbdataAreInvalidFieldInCdb() {
        byte[] c = Cdbs.writeSame10(0, 1, false);
        c[1] |= 0x02;
        assertInvalidCdbField(dataOut(lu, c, pattern()), 1, 1);
    }

    private static byte[] unmapList(long... lbaAndCount) {
        int n = lbaAndCount.length / 2;
        byte[] p = new byte[8 + 16 * n];
        Bytes.put16(p, 0, p.length - 2);
        Bytes.put16(p, 2, 16 * n);
        for (int i = 0; i < n; i++) {
            Bytes.put64(p, 8 + 16 * i, lbaAndCount[2 * i]);
            Bytes.put32(p, 16 + 16 * i, lbaAndCount[2 * i + 1]);
        }
        return p;
    }

    @Test
    void unmapDeallocatesEveryDescriptorsRange() {
        assertGood(dataOut(lu, Cdbs.write16(0, 512), filled(512, 9)));
        byte[] p = unmapList(0, 128, 300, 10);
        assertGood(dataOut(lu, Cdbs.unmap(p.length), p));
        assertThat(read(0, 128)).containsOnly(0);
        assertThat(read(300, 10)).containsOnly(0);
        assertThat(read(128, 1)).containsOnly(9);
        assertThat(read(310, 1)).containsOnly(9);
    }

    @Test
    void unmapWithParameterListLengthZeroIsNotAnError() {
        assertGood(noData(lu, Cdbs.unmap(0)));
    }

    @Test
    @DisplayName("SBC-3 §5.28: PARAMETER LIST LENGTH 1..7 -> 1Ah/00h")
    void unmapWithAParameterListShorterThanTheHeaderIsParameterListLengthError_1Ah_00h() {
        assertCheck(dataOut(lu, Cdbs.unmap(7), new byte[7]), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    void unmapDataLengthBeyondTheListIsInvalidFieldInParameterList() {
        byte[] p = unmapList(0, 1);
        Bytes.put16(p, 0, 100);
        assertInvalidParameter(dataOut(lu, Cdbs.unmap(p.length), p), 0, -1);
    }

    @Test
    void descriptorDataLengthBeyondTheListIsInvalidFieldInParameterList() {
        byte[] p = unmapList(0, 1);
        Bytes.put16(p, 2, 32);
        assertInvalidParameter(dataOut(lu, Cdbs.unmap(p.length), p), 2, -1);
    }

    @Test
    void aPartialTrailingDescriptorIsIgnored() {
        assertGood(dataOut(lu, Cdbs.write16(0, 1), filled(1, 9)));
        byte[] p = unmapList(0, 1);
        Bytes.put16(p, 2, 15);
        assertGood(dataOut(lu, Cdbs.unmap(p.length), p));
        assertThat(read(0, 1)).containsOnly(9);
    }

    @Test
    @DisplayName("A descriptor past the last block -> 21h/00h, and no descriptor is applied")
    void descriptorPastTheLastBlockIsLbaOutOfRangeAndNothingIsUnmapped() {
        assertGood(dataOut(lu, Cdbs.write16(0, 1), filled(1, 9)));
        byte[] p = unmapList(0, 1, BLOCKS - 1, 2);
        assertCheck(dataOut(lu, Cdbs.unmap(p.length), p), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertThat(read(0, 1)).containsOnly(9);
    }

    @Test
    void descriptorLbaNearTwoToTheSixtyFourIsLbaOutOfRange() {
        byte[] p = unmapList(0xFFFF_FFFF_FFFF_FFFFL, 2);
        assertCheck(dataOut(lu, Cdbs.unmap(p.length), p), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void tooManyBlocksInOneUnmapIsInvalidFieldInParameterList() {
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(512, 1L << 30)).build();
        byte[] p = unmapList(0, BlockLimits.MAX_UNMAP_LBA_COUNT, 0x800000, 1);
        assertInvalidParameter(dataOut(big, Cdbs.unmap(p.length), p), 8 + 16 + 8, -1);
    }

    @Test
    void tooManyDescriptorsIsInvalidFieldInParameterList() {
        long[] ranges = new long[2 * (BlockLimits.MAX_UNMAP_DESCRIPTORS + 1)];
        byte[] p = unmapList(ranges);
        assertInvalidParameter(dataOut(lu, Cdbs.unmap(p.length), p), 2, -1);
    }

    @Test
    void unmapAnchorIsInvalidFieldInCdb() {
        byte[] p = unmapList(0, 1);
        byte[] c = Cdbs.unmap(p.length);
        c[1] = 0x01;
        assertInvalidCdbField(dataOut(lu, c, p), 1, 0);
    }

    @Test
    void unmapDataOutShorterThanTheListIsRefused() {
        byte[] p = unmapList(0, 1);
        assertCheck(dataOut(lu, Cdbs.unmap(p.length + 16), p), SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
    }

    @Test
    void cdbsUnmapParametersBuilderIsAccepted() {
        byte[] p = Cdbs.unmapParameters(5, 5);
        assertGood(dataOut(lu, Cdbs.unmap(p.length), p));
    }
}
