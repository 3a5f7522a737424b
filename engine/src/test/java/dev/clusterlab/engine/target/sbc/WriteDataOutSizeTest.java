package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WRITE SAME (SBC-3 §5.42-5.43) takes exactly one block of data-out and COMPARE AND WRITE (SBC-3
 * §5.2) exactly twice NUMBER OF LOGICAL BLOCKS: any other size is ILLEGAL REQUEST 0Eh/03h and
 * changes nothing. Mirrors libiscsi WriteSame10/16.InvalidDataOutSize and
 * CompareAndWrite.InvalidDataOutSize, which run on a LU with 8 logical blocks per physical block.
 */
class WriteDataOutSizeTest {
    private final MemoryBlockStore store = new MemoryBlockStore(BLOCK_SIZE, BLOCKS);
    private final LogicalUnit lu = TestLus.builder(store).logicalBlocksPerPhysicalBlockExponent(3).build();

    private static void assertDataOutMismatch(ScsiResponse r) { assertCheck(r, SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03); }

    private byte[] read(long lba, int blocks) { return dataIn(lu, Cdbs.read16(lba, blocks), blocks * BLOCK_SIZE).dataIn(); }

    @Test
    @DisplayName("WRITE SAME(10) UNMAP=1 with half a block of data-out -> 0Eh/03h, nothing unmapped")
    void writeSame10WithHalfABlockIsRefused() {
        assertGood(dataOut(lu, Cdbs.write10(0, 1), filled(1, 5)));
        assertDataOutMismatch(dataOut(lu, Cdbs.writeSame10(0, 1, true), new byte[BLOCK_SIZE / 2]));
        assertThat(read(0, 1)).containsOnly(5);
    }

    @Test
    @DisplayName("WRITE SAME(10) UNMAP=1 with two blocks of data-out -> 0Eh/03h, nothing written")
    void writeSame10WithTwoBlocksIsRefused() {
        assertGood(dataOut(lu, Cdbs.write10(0, 1), filled(1, 5)));
        assertDataOutMismatch(dataOut(lu, Cdbs.writeSame10(0, 1, true), filled(2, 0xA6)));
        assertThat(read(0, 1)).containsOnly(5);
    }

    @Test
    void writeSame16WithTheWrongDataOutSizeIsRefusedEitherWay() {
        assertGood(dataOut(lu, Cdbs.write16(0, 1), filled(1, 5)));
        assertDataOutMismatch(dataOut(lu, Cdbs.writeSame16(0, 1, true), new byte[BLOCK_SIZE / 2]));
        assertDataOutMismatch(dataOut(lu, Cdbs.writeSame16(0, 1, true), filled(2, 0xA6)));
        assertDataOutMismatch(dataOut(lu, Cdbs.writeSame16(0, 1, false), new byte[BLOCK_SIZE + 1]));
        assertThat(read(0, 1)).containsOnly(5);
    }

    @Test
    void writeSameWithExactlyOneBlockStillWrites() {
        assertGood(dataOut(lu, Cdbs.writeSame16(0, 4, false), filled(1, 0xA6)));
        assertThat(read(0, 4)).containsOnly((byte) 0xA6);
    }

    @Test
    @DisplayName("The default unit (one logical block per physical block) refuses a wrong size the same way")
    void theRuleDoesNotDependOnThePhysicalBlockSize() {
        assertDataOutMismatch(dataOut(TestLus.small(), Cdbs.writeSame10(0, 1, false), filled(2, 1)));
    }

    @Test
    @DisplayName("COMPARE AND WRITE of 1 block with 4 blocks of data-out (too large) -> 0Eh/03h, nothing written")
    void compareAndWriteWithTooMuchDataOutIsRefused() {
        assertGood(dataOut(lu, Cdbs.write10(0, 1), filled(1, 0xA6)));
        // Read as 1 + 1 blocks the buffer would match block 0 and write 0x11 over it.
        byte[] data = filled(4, 0x11);
        System.arraycopy(filled(1, 0xA6), 0, data, 0, BLOCK_SIZE);
        assertDataOutMismatch(dataOut(lu, Cdbs.compareAndWrite(0, 1), data));
        assertThat(read(0, 1)).containsOnly((byte) 0xA6);
        assertThat(read(1, 3)).containsOnly(0);
    }

    @Test
    @DisplayName("COMPARE AND WRITE of 3 blocks with 4 blocks of data-out (too small) -> 0Eh/03h, nothing written")
    void compareAndWriteWithTooLittleDataOutIsRefused() {
        assertDataOutMismatch(dataOut(lu, Cdbs.compareAndWrite(0, 3), new byte[4 * BLOCK_SIZE]));
        assertThat(store.allocatedBytes()).isZero();
    }

    @Test
    void compareAndWriteWithExactlyTwiceTheBlocksStillWrites() {
        byte[] data = new byte[4 * BLOCK_SIZE];
        java.util.Arrays.fill(data, 2 * BLOCK_SIZE, 4 * BLOCK_SIZE, (byte) 6);
        assertGood(dataOut(lu, Cdbs.compareAndWrite(0, 2), data));
        assertThat(read(0, 2)).containsOnly(6);
    }
}
