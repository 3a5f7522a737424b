package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WRITE SAME with NUMBER OF LOGICAL BLOCKS 0 and WSNZ=0 (SBC-3 §5.42-5.43, §6.6.4): from the LBA
 * through the last LBA, bounded by MAXIMUM WRITE SAME LENGTH. Mirrors libiscsi
 * WriteSame10/16.ZeroBlocks branch by branch.
 */
class WriteSameZeroBlocksTest {
    private static final long MAX = BlockLimits.MAX_WRITE_SAME_LENGTH;

    private final MemoryBlockStore store = new MemoryBlockStore(BLOCK_SIZE, BLOCKS);
    private final LogicalUnit lu = TestLus.builder(store).build();

    private byte[] read(LogicalUnit unit, long lba, int blocks) {
        return dataIn(unit, Cdbs.read16(lba, blocks), blocks * BLOCK_SIZE).dataIn();
    }

    private static void assertLbaOutOfRange(ScsiResponse r) { assertCheck(r, SenseKey.ILLEGAL_REQUEST, 0x21, 0x00); }

    @Test
    @DisplayName("Block Limits VPD: WSNZ=0")
    void blockLimitsPageClearsWsnz() {
        assertThat(dataIn(lu, Cdbs.inquiry(true, 0xB0, 64), 64).dataIn()[4] & 0x01).isZero();
    }

    @Test
    void writeSame10OfZeroBlocksWritesEveryBlockFromTheLbaToTheEnd() {
        assertGood(dataOut(lu, Cdbs.writeSame10(BLOCKS - 100, 0, false), filled(1, 0x5A)));
        assertThat(read(lu, BLOCKS - 100, 100)).containsOnly((byte) 0x5A);
        assertThat(read(lu, BLOCKS - 101, 1)).containsOnly(0);
    }

    @Test
    @DisplayName("libiscsi ZeroBlocks on a LU within MAXIMUM WRITE SAME LENGTH: 0 blocks at LBA 0 is GOOD")
    void writeSame16OfZeroBlocksAtLbaZeroCoversTheWholeMedium() {
        assertGood(dataOut(lu, Cdbs.write16(0, 1), filled(1, 1)));
        assertGood(dataOut(lu, Cdbs.write16(BLOCKS - 1, 1), filled(1, 1)));
        assertGood(dataOut(lu, Cdbs.writeSame16(0, 0, false), new byte[BLOCK_SIZE]));
        assertThat(read(lu, 0, 1)).containsOnly(0);
        assertThat(read(lu, BLOCKS - 1, 1)).containsOnly(0);
    }

    @Test
    void zeroBlocksOnTheLastLbaWritesOneBlock() {
        assertGood(dataOut(lu, Cdbs.writeSame16(BLOCKS - 1, 0, false), filled(1, 9)));
        assertThat(read(lu, BLOCKS - 1, 1)).containsOnly(9);
        assertThat(read(lu, BLOCKS - 2, 1)).containsOnly(0);
    }

    @Test
    @DisplayName("SBC-3 §4.7.3.3: zero blocks with UNMAP=1 and a zero pattern deallocates to the end")
    void zeroBlocksWithUnmapDeallocatesToTheEnd() {
        assertGood(dataOut(lu, Cdbs.write16(0, 512), filled(512, 3)));
        assertGood(dataOut(lu, Cdbs.writeSame16(256, 0, true), new byte[BLOCK_SIZE]));
        assertThat(read(lu, 256, 256)).containsOnly(0);
        assertThat(read(lu, 0, 256)).containsOnly(3);
        assertThat(store.mapped(300)).isFalse();
        assertThat(store.mapped(255)).isTrue();
    }

    @Test
    @DisplayName("SBC-3 §4.7.3.3: zero blocks with UNMAP=1 and a non-zero pattern writes the pattern to the end")
    void zeroBlocksWithUnmapAndANonZeroPatternWritesThePattern() {
        // libiscsi WriteSame10.UnmapUntilEnd sends the 0xFF it just wrote as the pattern and expects
        // zeros back; reads must return what WRITE SAME was given, so that expectation is not met.
        assertGood(dataOut(lu, Cdbs.writeSame10(BLOCKS - 2, 0, true), filled(1, 0xFF)));
        assertThat(read(lu, BLOCKS - 2, 2)).containsOnly((byte) 0xFF);
    }

    @Test
    void zeroBlocksWithNdobDeallocatesToTheEnd() {
        assertGood(dataOut(lu, Cdbs.write16(BLOCKS - 8, 8), filled(8, 3)));
        byte[] c = Cdbs.writeSame16(BLOCKS - 4, 0, true);
        c[1] |= 0x01;
        assertGood(noData(lu, c));
        assertThat(read(lu, BLOCKS - 4, 4)).containsOnly(0);
        assertThat(read(lu, BLOCKS - 8, 4)).containsOnly(3);
    }

    @Test
    @DisplayName("SBC-3 §5.42: zero blocks from the capacity or one past it -> LBA OUT OF RANGE 21h/00h")
    void zeroBlocksAtOrPastTheCapacityIsLbaOutOfRange() {
        assertLbaOutOfRange(dataOut(lu, Cdbs.writeSame10(BLOCKS, 0, false), new byte[BLOCK_SIZE]));
        assertLbaOutOfRange(dataOut(lu, Cdbs.writeSame10(BLOCKS + 1, 0, false), new byte[BLOCK_SIZE]));
        assertLbaOutOfRange(dataOut(lu, Cdbs.writeSame16(BLOCKS + 1, 0, false), new byte[BLOCK_SIZE]));
    }

    @Test
    @DisplayName("libiscsi ZeroBlocks: LBA 2^31 and -1 (WRITE SAME(10)), 2^63 and -1 (WRITE SAME(16)) -> 21h/00h")
    void zeroBlocksAtHugeLbasIsLbaOutOfRange() {
        assertLbaOutOfRange(dataOut(lu, Cdbs.writeSame10(0x8000_0000L, 0, false), new byte[BLOCK_SIZE]));
        assertLbaOutOfRange(dataOut(lu, Cdbs.writeSame10(0xFFFF_FFFFL, 0, false), new byte[BLOCK_SIZE]));
        assertLbaOutOfRange(dataOut(lu, Cdbs.writeSame16(0x8000_0000_0000_0000L, 0, false), new byte[BLOCK_SIZE]));
        assertLbaOutOfRange(dataOut(lu, Cdbs.writeSame16(-1L, 0, false), new byte[BLOCK_SIZE]));
    }

    @Test
    @DisplayName("SBC-3 §6.6.4: zero blocks meaning more than MAXIMUM WRITE SAME LENGTH -> 24h/00h on the length field")
    void zeroBlocksBeyondTheMaximumWriteSameLengthIsInvalidFieldInCdb() {
        MemoryBlockStore bigStore = new MemoryBlockStore(BLOCK_SIZE, MAX + 1);
        LogicalUnit big = TestLus.builder(bigStore).build();
        assertGood(dataOut(big, Cdbs.write16(MAX, 1), filled(1, 4)));
        assertInvalidCdbField(dataOut(big, Cdbs.writeSame10(0, 0, false), filled(1, 7)), 7, -1);
        assertInvalidCdbField(dataOut(big, Cdbs.writeSame16(0, 0, false), filled(1, 7)), 10, -1);
        assertThat(read(big, 0, 1)).as("nothing written").containsOnly(0);
        assertThat(read(big, MAX, 1)).containsOnly(4);
    }

    @Test
    @DisplayName("Zero blocks meaning exactly MAXIMUM WRITE SAME LENGTH is GOOD")
    void zeroBlocksOfExactlyTheMaximumIsGood() {
        MemoryBlockStore bigStore = new MemoryBlockStore(BLOCK_SIZE, MAX + 1);
        LogicalUnit big = TestLus.builder(bigStore).build();
        assertGood(dataOut(big, Cdbs.write16(0, 1), filled(1, 4)));
        assertGood(dataOut(big, Cdbs.write16(MAX, 1), filled(1, 4)));
        // Unmapping keeps the test small: MAX blocks of 512 bytes would otherwise be written.
        assertGood(dataOut(big, Cdbs.writeSame16(1, 0, true), new byte[BLOCK_SIZE]));
        assertThat(read(big, MAX, 1)).containsOnly(0);
        assertThat(read(big, 0, 1)).containsOnly(4);
    }

    @Test
    @DisplayName("libiscsi ZeroBlocks: MAXIMUM WRITE SAME LENGTH + 1 explicit blocks -> 24h/00h, MAX and MAX-1 -> GOOD")
    void explicitLengthsAroundTheMaximumFromTheEndOfTheMedium() {
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(BLOCK_SIZE, MAX + 16)).build();
        long end = MAX + 16;
        assertInvalidCdbField(dataOut(big, Cdbs.writeSame16(end - (MAX + 1), (int) (MAX + 1), true), new byte[BLOCK_SIZE]), 10, -1);
        assertGood(dataOut(big, Cdbs.writeSame16(end - MAX, (int) MAX, true), new byte[BLOCK_SIZE]));
        assertGood(dataOut(big, Cdbs.writeSame16(end - (MAX - 1), (int) (MAX - 1), true), new byte[BLOCK_SIZE]));
    }

    @Test
    @DisplayName("SBC-3 §4.20: a stopped unit is NOT READY before the capacity is consulted")
    void zeroBlocksOnAStoppedUnitIsNotReady() {
        byte[] stop = new byte[6];
        stop[0] = 0x1B;
        assertGood(noData(lu, stop));
        assertCheck(dataOut(lu, Cdbs.writeSame16(BLOCKS + 5, 0, false), new byte[BLOCK_SIZE]), SenseKey.NOT_READY, 0x04, 0x02);
    }

    @Test
    @DisplayName("Hardware write protection: zero blocks in range -> DATA PROTECT 27h/00h, nothing written")
    void zeroBlocksOnAWriteProtectedUnitIsDataProtect() {
        LogicalUnit ro = TestLus.builder(store).writeProtected(true).build();
        assertCheck(dataOut(ro, Cdbs.writeSame10(0, 0, false), filled(1, 1)), SenseKey.DATA_PROTECT, 0x27, 0x00);
        assertThat(Bytes.u32(read(ro, 0, 1), 0)).isZero();
    }
}
