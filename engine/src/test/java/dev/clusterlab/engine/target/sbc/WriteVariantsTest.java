package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.sbc.SbcCdbs.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ORWRITE(16) (SBC-3 §5.14), WRITE AND VERIFY(10/12/16) (SBC-3 §5.36-5.38), WRITE ATOMIC(16) (SBC-4 §5.48). */
class WriteVariantsTest {
    private final LogicalUnit lu = TestLus.small();

    private byte[] read(long lba, int blocks) {
        var r = dataIn(lu, Cdbs.read16(lba, blocks), blocks * BLOCK_SIZE);
        assertGood(r);
        return r.dataIn();
    }

    private void write(long lba, byte[] data) { assertGood(dataOut(lu, Cdbs.write16(lba, data.length / BLOCK_SIZE), data)); }

    // ORWRITE(16)

    @Test
    @DisplayName("SBC-3 §5.14: ORWRITE ORs the data-out into the medium (libiscsi OrWrite.Verify: 00 | A5 | 5A = FF)")
    void orWriteOrsTheDataIntoTheBlocks() {
        write(10, filled(3, 0x00));
        assertGood(dataOut(lu, orWrite16(10, 3), filled(3, 0xA5)));
        assertThat(read(10, 3)).containsOnly((byte) 0xA5);
        assertGood(dataOut(lu, orWrite16(10, 3), filled(3, 0x5A)));
        assertThat(read(10, 3)).containsOnly((byte) 0xFF);
    }

    @Test
    void orWriteOfUnwrittenBlocksWritesTheData() {
        assertGood(dataOut(lu, orWrite16(BLOCKS - 1, 1), filled(1, 0x21)));
        assertThat(read(BLOCKS - 1, 1)).containsOnly(0x21);
    }

    @Test
    void orWriteOfZeroBlocksIsGood() {
        assertGood(noData(lu, orWrite16(0, 0)));
    }

    @Test
    @DisplayName("SBC-3 §4.5: ORWRITE past the last block, even of zero blocks, is LBA OUT OF RANGE 21h/00h")
    void orWriteBeyondTheEndIsLbaOutOfRange_21h_00h() {
        assertCheck(noData(lu, orWrite16(BLOCKS + 1, 0)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataOut(lu, orWrite16(BLOCKS - 1, 2), filled(2, 1)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataOut(lu, orWrite16(0x8000_0000_0000_0000L, 1), filled(1, 1)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataOut(lu, orWrite16(-1, 1), filled(1, 1)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    @DisplayName("SBC-3 §4.22: ORPROTECT other than 000b is an invalid field without protection information")
    void orProtectIsInvalidFieldInCdb() {
        for (int p = 1; p < 8; p++) {
            byte[] c = orWrite16(0, 1);
            c[1] = (byte) (p << 5);
            assertInvalidCdbField(dataOut(lu, c, filled(1, 1)), 1, 7);
        }
    }

    @Test
    @DisplayName("DPOFUA=1 in the mode header: ORWRITE accepts DPO and FUA")
    void orWriteAcceptsDpoAndFua() {
        byte[] c = orWrite16(0, 1);
        c[1] = 0x18;
        assertGood(dataOut(lu, c, filled(1, 3)));
    }

    @Test
    void orWriteOnAWriteProtectedUnitIsDataProtect_27h_00h() {
        setSoftwareWriteProtect(lu);
        assertCheck(dataOut(lu, orWrite16(0, 1), filled(1, 3)), SenseKey.DATA_PROTECT, 0x27, 0x00);
    }

    @Test
    void orWriteWithTooLittleDataChangesNothing() {
        write(0, filled(2, 0x01));
        assertCheck(dataOut(lu, orWrite16(0, 2), filled(1, 0x10)), SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
        assertThat(read(0, 2)).containsOnly(0x01);
    }

    // WRITE AND VERIFY

    @Test
    @DisplayName("SBC-3 §5.36-5.38: every WRITE AND VERIFY form writes its data, with BYTCHK 0 or 1")
    void writeAndVerifyWritesTheData() {
        byte[][] cdbs = {writeAndVerify10(5, 2, false), writeAndVerify12(5, 2, true), writeAndVerify16(5, 2, true)};
        for (int i = 0; i < cdbs.length; i++) {
            assertGood(dataOut(lu, cdbs[i], filled(2, 0x30 + i)));
            assertThat(read(5, 2)).containsOnly(0x30 + i);
        }
    }

    @Test
    void writeAndVerifyOfZeroBlocksIsGood() {
        assertGood(noData(lu, writeAndVerify10(0, 0, false)));
        assertGood(noData(lu, writeAndVerify16(BLOCKS, 0, false)));
    }

    @Test
    void writeAndVerifyBeyondTheEndIsLbaOutOfRange_21h_00h() {
        assertCheck(noData(lu, writeAndVerify10(BLOCKS + 1, 0, false)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataOut(lu, writeAndVerify12(BLOCKS - 1, 2, true), filled(2, 1)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataOut(lu, writeAndVerify16(-1, 1, true), filled(1, 1)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    @DisplayName("SBC-4 Table 121: BYTCHK 10b and 11b are reserved for WRITE AND VERIFY")
    void writeAndVerifyReservedBytchkIsInvalidFieldInCdb() {
        for (int bytchk : new int[] {2, 3}) {
            byte[] c = writeAndVerify10(0, 1, false);
            c[1] = (byte) (bytchk << 1);
            assertInvalidCdbField(dataOut(lu, c, filled(1, 1)), 1, 2);
        }
    }

    @Test
    void writeAndVerifyWrprotectIsInvalidFieldInCdb() {
        byte[] c = writeAndVerify16(0, 1, true);
        c[1] |= (byte) 0x20;
        assertInvalidCdbField(dataOut(lu, c, filled(1, 1)), 1, 7);
    }

    @Test
    @DisplayName("WRITE AND VERIFY accepts DPO (libiscsi WriteVerify10.Dpo)")
    void writeAndVerifyAcceptsDpo() {
        byte[] c = writeAndVerify10(0, 1, true);
        c[1] |= 0x10;
        assertGood(dataOut(lu, c, filled(1, 9)));
    }

    @Test
    void writeAndVerifyOnAWriteProtectedUnitIsDataProtect_27h_00h() {
        setSoftwareWriteProtect(lu);
        assertCheck(dataOut(lu, writeAndVerify12(0, 1, true), filled(1, 1)), SenseKey.DATA_PROTECT, 0x27, 0x00);
    }

    @Test
    @DisplayName("SBC-3 §4.20: WRITE AND VERIFY while stopped is NOT READY 04h/02h")
    void writeAndVerifyWhileStoppedIsNotReady_04h_02h() {
        assertGood(noData(lu, Cdbs.startStopUnit(false, false, 0)));
        assertCheck(dataOut(lu, writeAndVerify10(0, 1, true), filled(1, 1)), SenseKey.NOT_READY, 0x04, 0x02);
    }

    // WRITE ATOMIC(16)

    @Test
    @DisplayName("SBC-4 §5.48: WRITE ATOMIC(16) writes TRANSFER LENGTH (bytes 12-13) blocks")
    void writeAtomicWritesTheData() {
        assertGood(dataOut(lu, writeAtomic16(BLOCKS - 256, 256), filled(256, 0x44)));
        assertThat(read(BLOCKS - 256, 256)).containsOnly(0x44);
    }

    @Test
    void writeAtomicOfZeroBlocksIsGood() {
        assertGood(noData(lu, writeAtomic16(0, 0)));
    }

    @Test
    void writeAtomicBeyondTheEndIsLbaOutOfRange_21h_00h() {
        assertCheck(noData(lu, writeAtomic16(BLOCKS + 1, 0)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataOut(lu, writeAtomic16(BLOCKS - 2, 4), filled(4, 1)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataOut(lu, writeAtomic16(0x8000_0000_0000_0000L, 1), filled(1, 1)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataOut(lu, writeAtomic16(-1, 1), filled(1, 1)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    @DisplayName("SBC-4 §5.48: MAXIMUM ATOMIC TRANSFER LENGTH covers the whole 16-bit field, so 65535 blocks are accepted")
    void writeAtomicOfTheLargestTransferLengthIsGood() {
        LogicalUnit big = TestLus.builder(new dev.clusterlab.engine.target.store.MemoryBlockStore(512, 1 << 17)).build();
        assertGood(dataOut(big, writeAtomic16(1, 0xFFFF), new byte[0xFFFF * 512]));
    }

    @Test
    @DisplayName("No atomic boundary support: a non-zero ATOMIC BOUNDARY (bytes 10-11) is an invalid field")
    void writeAtomicWithAnAtomicBoundaryIsInvalidFieldInCdb() {
        byte[] c = writeAtomic16(0, 1);
        c[11] = 1;
        assertInvalidCdbField(dataOut(lu, c, filled(1, 1)), 11, 0);
    }

    @Test
    void writeAtomicWrprotectIsInvalidFieldInCdb() {
        for (int p = 1; p < 8; p++) {
            byte[] c = writeAtomic16(0, 1);
            c[1] = (byte) (p << 5);
            assertInvalidCdbField(dataOut(lu, c, filled(1, 1)), 1, 7);
        }
    }

    @Test
    void writeAtomicAcceptsDpoAndFua() {
        byte[] c = writeAtomic16(0, 1);
        c[1] = 0x18;
        assertGood(dataOut(lu, c, filled(1, 2)));
    }

    @Test
    void writeAtomicOnAWriteProtectedUnitIsDataProtect_27h_00h() {
        setSoftwareWriteProtect(lu);
        assertCheck(dataOut(lu, writeAtomic16(0, 1), filled(1, 1)), SenseKey.DATA_PROTECT, 0x27, 0x00);
    }
}
