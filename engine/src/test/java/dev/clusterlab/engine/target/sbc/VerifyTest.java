package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** VERIFY(10/12/16), SBC-3 §5.29-5.31, and COMPARE AND WRITE, SBC-3 §5.2. */
class VerifyTest {
    private final LogicalUnit lu = TestLus.small();

    private void write(long lba, byte[] data) { assertGood(dataOut(lu, Cdbs.write16(lba, data.length / BLOCK_SIZE), data)); }

    private static byte[] verify12(long lba, int blocks, int bytchk) {
        byte[] c = new byte[12];
        c[0] = (byte) 0xAF;
        c[1] = (byte) (bytchk << 1);
        dev.clusterlab.engine.scsi.Bytes.put32(c, 2, lba);
        dev.clusterlab.engine.scsi.Bytes.put32(c, 6, blocks);
        return c;
    }

    @Test
    void verifyWithoutByteCheckIsAMediumCheckOnly() {
        assertGood(noData(lu, Cdbs.verify10(0, 10, false)));
    }

    @Test
    void verifyWithByteCheckAndEqualDataIsGood() {
        write(4, filled(2, 7));
        assertGood(dataOut(lu, Cdbs.verify16(4, 2, true), filled(2, 7)));
    }

    @Test
    @DisplayName("BYTCHK=01b mismatch -> MISCOMPARE 1Dh/00h, INFORMATION = offset of the first unequal byte")
    void verifyMismatchIsMiscompareWithTheOffset_1Dh_00h() {
        write(4, filled(2, 7));
        byte[] expected = filled(2, 7);
        expected[700] = 1;
        SenseData s = assertCheck(dataOut(lu, Cdbs.verify10(4, 2, true), expected), SenseKey.MISCOMPARE, 0x1D, 0x00);
        assertThat(s.information()).hasValue(700);
    }

    @Test
    void bytchk11bComparesOneBlockWithEveryBlock() {
        write(0, filled(3, 5));
        assertGood(dataOut(lu, verify12(0, 3, 3), filled(1, 5)));
        write(2, filled(1, 6));
        SenseData s = assertCheck(dataOut(lu, verify12(0, 3, 3), filled(1, 5)), SenseKey.MISCOMPARE, 0x1D, 0x00);
        assertThat(s.information()).hasValue(2 * BLOCK_SIZE);
    }

    @Test
    void bytchk10bIsReservedAndInvalidFieldInCdb() {
        assertInvalidCdbField(dataOut(lu, verify12(0, 1, 2), filled(1, 0)), 1, 2);
    }

    @Test
    void verifyPastTheLastBlockIsLbaOutOfRange() {
        assertCheck(noData(lu, Cdbs.verify16(BLOCKS, 1, false)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void verifyWithVrprotectIsInvalidFieldInCdb() {
        byte[] c = Cdbs.verify10(0, 1, false);
        c[1] |= 0x20;
        assertInvalidCdbField(noData(lu, c), 1, 7);
    }

    @Test
    void verifyWithByteCheckAndShortDataOutIsRefused() {
        assertCheck(dataOut(lu, Cdbs.verify10(0, 2, true), filled(1, 0)), SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
    }

    @Test
    void compareAndWriteWritesWhenTheCompareDataMatches() {
        write(9, filled(2, 1));
        byte[] data = new byte[4 * BLOCK_SIZE];
        System.arraycopy(filled(2, 1), 0, data, 0, 2 * BLOCK_SIZE);
        System.arraycopy(filled(2, 2), 0, data, 2 * BLOCK_SIZE, 2 * BLOCK_SIZE);
        assertGood(dataOut(lu, Cdbs.compareAndWrite(9, 2), data));
        assertThat(dataIn(lu, Cdbs.read10(9, 2), 1024).dataIn()).containsOnly(2);
    }

    @Test
    @DisplayName("SBC-3 §5.2: mismatch -> MISCOMPARE 1Dh/00h with the offset; nothing written")
    void compareAndWriteMismatchIsMiscompareAndWritesNothing() {
        write(9, filled(1, 1));
        byte[] data = new byte[2 * BLOCK_SIZE];
        java.util.Arrays.fill(data, 0, BLOCK_SIZE, (byte) 1);
        data[37] = 0;
        java.util.Arrays.fill(data, BLOCK_SIZE, 2 * BLOCK_SIZE, (byte) 2);
        SenseData s = assertCheck(dataOut(lu, Cdbs.compareAndWrite(9, 1), data), SenseKey.MISCOMPARE, 0x1D, 0x00);
        assertThat(s.information()).hasValue(37);
        assertThat(dataIn(lu, Cdbs.read10(9, 1), 512).dataIn()).containsOnly(1);
    }

    @Test
    void compareAndWriteOfZeroBlocksIsNotAnError() {
        assertGood(noData(lu, Cdbs.compareAndWrite(0, 0)));
    }

    @Test
    void compareAndWriteOfZeroBlocksWithDataMeansTheLengthWrappedAndIsInvalidFieldInCdb() {
        // libiscsi CompareAndWrite.Simple sends 256 blocks, which the 8-bit field carries as 0.
        assertInvalidCdbField(dataOut(lu, Cdbs.compareAndWrite(0, 256), new byte[2 * 256 * 512]), 13, -1);
    }

    @Test
    void compareAndWriteAboveTheBlockLimitIsInvalidFieldInCdb() {
        assertInvalidCdbField(dataOut(lu, Cdbs.compareAndWrite(0, BlockLimits.MAX_COMPARE_AND_WRITE_LENGTH + 1), new byte[0]), 13, -1);
    }

    @Test
    void compareAndWritePastTheLastBlockIsLbaOutOfRange() {
        assertCheck(dataOut(lu, Cdbs.compareAndWrite(BLOCKS - 1, 2), new byte[4 * 512]), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void compareAndWriteWithOnlyTheCompareHalfIsRefused() {
        assertCheck(dataOut(lu, Cdbs.compareAndWrite(0, 1), new byte[512]), SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
    }

    @Test
    void compareAndWriteReservedBytesAreInvalidFieldInCdb() {
        byte[] c = Cdbs.compareAndWrite(0, 1);
        c[11] = 1;
        assertInvalidCdbField(dataOut(lu, c, new byte[1024]), 11, 0);
    }
}
