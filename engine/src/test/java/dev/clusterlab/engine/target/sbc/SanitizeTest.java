package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.sbc.SbcCdbs.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SANITIZE (SBC-4 §5.30, §4.11), as libiscsi's Sanitize family exercises it. */
class SanitizeTest {
    private final LogicalUnit lu = TestLus.small();

    private byte[] read(long lba, int blocks) {
        var r = dataIn(lu, Cdbs.read16(lba, blocks), blocks * BLOCK_SIZE);
        assertGood(r);
        return r.dataIn();
    }

    private void writeEnds() {
        assertGood(dataOut(lu, Cdbs.write16(0, 256), filled(256, 'a')));
        assertGood(dataOut(lu, Cdbs.write16(BLOCKS - 256, 256), filled(256, 'a')));
    }

    private static byte[] pattern(int length, int value) {
        byte[] p = new byte[length];
        java.util.Arrays.fill(p, (byte) value);
        return p;
    }

    private dev.clusterlab.engine.scsi.ScsiResponse overwrite(byte[] parameters) {
        return dataOut(lu, sanitize(Sanitize.OVERWRITE, parameters.length), parameters);
    }

    // OVERWRITE

    @Test
    @DisplayName("SBC-4 §5.30.2: OVERWRITE leaves every block holding the initialization pattern")
    void overwriteFillsEveryBlockWithThePattern() {
        writeEnds();
        assertGood(overwrite(overwriteParameters(0x01, pattern(BLOCK_SIZE, 0xAA))));
        assertThat(read(0, 256)).containsOnly((byte) 0xAA);
        assertThat(read(BLOCKS - 256, 256)).containsOnly((byte) 0xAA);
    }

    @Test
    void aShortPatternIsRepeatedToFillEachBlock() {
        assertGood(overwrite(overwriteParameters(0x01, new byte[] {1, 2, 3})));
        byte[] b = read(BLOCKS - 1, 1);
        for (int i = 0; i < BLOCK_SIZE; i++) assertThat(b[i]).isEqualTo((byte) (1 + i % 3));
    }

    @Test
    @DisplayName("SBC-4 §5.30.2.2: INVERT=1 inverts between passes, so an even pass count ends inverted")
    void invertWithAnEvenPassCountLeavesTheInvertedPattern() {
        assertGood(overwrite(overwriteParameters(0x80 | 0x02, pattern(4, 0x0F))));
        assertThat(read(0, 1)).containsOnly((byte) 0xF0);
        assertGood(overwrite(overwriteParameters(0x80 | 0x03, pattern(4, 0x0F))));
        assertThat(read(0, 1)).containsOnly((byte) 0x0F);
    }

    @Test
    void anAllZeroPatternDeallocatesTheMedium() {
        writeEnds();
        assertGood(overwrite(overwriteParameters(0x01, new byte[BLOCK_SIZE])));
        assertThat(read(0, 256)).containsOnly(0);
        assertThat(lu.store().mapped(0)).isFalse();
    }

    @Test
    @DisplayName("SBC-4 §5.30.2: PARAMETER LIST LENGTH below 5 or above block length + 4 is an invalid CDB field")
    void overwriteParameterListLengthOutOfRangeIsInvalidFieldInCdb() {
        byte[] p = overwriteParameters(0x01, pattern(BLOCK_SIZE + 4, 0));
        for (int length : new int[] {0, 1, 4, BLOCK_SIZE + 5})
            assertInvalidCdbField(dataOut(lu, sanitize(Sanitize.OVERWRITE, length), p), 7, -1);
    }

    @Test
    void overwriteCountZeroIsInvalidFieldInParameterList() {
        assertInvalidParameter(overwrite(overwriteParameters(0x00, pattern(BLOCK_SIZE, 1))), 0, 4);
    }

    @Test
    void overwriteTestFieldOtherThanZeroIsInvalidFieldInParameterList() {
        assertInvalidParameter(overwrite(overwriteParameters(0x21, pattern(8, 1))), 0, 6);
    }

    @Test
    void patternLengthZeroOrAboveTheBlockLengthIsInvalidFieldInParameterList() {
        byte[] p = overwriteParameters(0x01, pattern(BLOCK_SIZE, 1));
        Bytes.put16(p, 2, 0);
        assertInvalidParameter(overwrite(p), 2, -1);
        Bytes.put16(p, 2, BLOCK_SIZE + 4);
        assertInvalidParameter(overwrite(p), 2, -1);
    }

    @Test
    void patternLongerThanTheParameterListIsParameterListLengthError_1Ah_00h() {
        byte[] p = overwriteParameters(0x01, pattern(8, 1));
        Bytes.put16(p, 2, 9);
        assertCheck(overwrite(p), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    void aRejectedOverwriteChangesNothing() {
        writeEnds();
        assertInvalidParameter(overwrite(overwriteParameters(0x00, pattern(BLOCK_SIZE, 1))), 0, 4);
        assertThat(read(0, 256)).containsOnly('a');
    }

    // BLOCK ERASE, CRYPTO ERASE, EXIT FAILURE MODE

    @Test
    @DisplayName("SBC-4 §5.30.3: BLOCK ERASE deallocates every block; reads succeed (WABEREQ 01b) and return zeros (LBPRZ)")
    void blockEraseDeallocatesTheWholeMedium() {
        writeEnds();
        assertGood(noData(lu, sanitize(Sanitize.BLOCK_ERASE, 0)));
        assertThat(read(0, 256)).containsOnly(0);
        assertThat(read(BLOCKS - 256, 256)).containsOnly(0);
        var r = dataIn(lu, getLbaStatus(0, 256), 256);
        assertGood(r);
        assertThat(Bytes.u32(r.dataIn(), 16)).as("one deallocated extent").isEqualTo(BLOCKS);
        assertThat(r.dataIn()[20] & 0x0F).isEqualTo(1);
    }

    @Test
    @DisplayName("SBC-4 §5.30.4: CRYPTO ERASE leaves no block readable as before")
    void cryptoEraseWipesTheMedium() {
        writeEnds();
        assertGood(noData(lu, sanitize(Sanitize.CRYPTO_ERASE, 0)));
        assertThat(read(0, 256)).containsOnly(0);
        assertThat(read(BLOCKS - 256, 256)).containsOnly(0);
    }

    @Test
    void exitFailureModeWithoutAFailedSanitizeIsGood() {
        assertGood(noData(lu, sanitize(Sanitize.EXIT_FAILURE_MODE, 0)));
    }

    @Test
    @DisplayName("SBC-4 §5.30.3-5.30.5: BLOCK ERASE, CRYPTO ERASE and EXIT FAILURE MODE take no parameter list")
    void parameterListWithoutOverwriteIsInvalidFieldInCdb() {
        for (int sa : new int[] {Sanitize.BLOCK_ERASE, Sanitize.CRYPTO_ERASE, Sanitize.EXIT_FAILURE_MODE})
            assertInvalidCdbField(dataOut(lu, sanitize(sa, 8), new byte[8]), 7, -1);
    }

    // CDB checks, protection, reservations

    @Test
    @DisplayName("SPC-4 §4.3.4.7: an unsupported SANITIZE service action is INVALID FIELD IN CDB at byte 1")
    void unsupportedServiceActionsAreInvalidFieldInCdb() {
        for (int sa = 0; sa <= 0x1F; sa++) {
            if (sa == 1 || sa == 2 || sa == 3 || sa == 0x1F) continue;
            assertInvalidCdbField(noData(lu, sanitize(sa, 0)), 1, 4);
        }
    }

    @Test
    @DisplayName("SBC-4 Table 47: byte 1 bit 6 and bytes 2-6 are reserved")
    void reservedCdbFieldsAreInvalidFieldInCdb() {
        byte[] c = sanitize(Sanitize.BLOCK_ERASE, 0);
        c[1] |= 0x40;
        assertInvalidCdbField(noData(lu, c), 1, 6);
        for (int i = 2; i < 7; i++) {
            c = sanitize(Sanitize.BLOCK_ERASE, 0);
            c[i] = (byte) i;
            assertThat(noData(lu, c).sense().additional().asc()).as("byte %d", i).isEqualTo(0x24);
        }
    }

    @Test
    void immedAndAuseAreAccepted() {
        byte[] c = sanitize(Sanitize.BLOCK_ERASE, 0);
        c[1] |= (byte) 0xA0;
        assertGood(noData(lu, c));
    }

    @Test
    @DisplayName("SPC-4 §7.5.7: SANITIZE of a write-protected unit is DATA PROTECT 27h/00h")
    void sanitizeOfAWriteProtectedUnitIsDataProtect_27h_00h() {
        setSoftwareWriteProtect(lu);
        assertCheck(overwrite(overwriteParameters(0x01, pattern(BLOCK_SIZE, 0xAA))), SenseKey.DATA_PROTECT, 0x27, 0x00);
        assertCheck(noData(lu, sanitize(Sanitize.BLOCK_ERASE, 0)), SenseKey.DATA_PROTECT, 0x27, 0x00);
        assertCheck(noData(lu, sanitize(Sanitize.CRYPTO_ERASE, 0)), SenseKey.DATA_PROTECT, 0x27, 0x00);
    }

    @Test
    @DisplayName("SPC-2 §5.5.1: SANITIZE from another I_T nexus than a RESERVE(6) holder is a RESERVATION CONFLICT")
    void sanitizeUnderAnotherNexussReservationConflicts() {
        assertGood(lu.execute(B1, ScsiRequest.noData(Cdbs.reserve6())));
        assertThat(noData(lu, sanitize(Sanitize.BLOCK_ERASE, 0)).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        byte[] p = overwriteParameters(0x01, pattern(BLOCK_SIZE, 0xAA));
        assertThat(dataOut(lu, sanitize(Sanitize.OVERWRITE, p.length), p).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
    }

    @Test
    void sanitizeWhileStoppedIsNotReady_04h_02h() {
        assertGood(noData(lu, Cdbs.startStopUnit(false, false, 0)));
        assertCheck(noData(lu, sanitize(Sanitize.BLOCK_ERASE, 0)), SenseKey.NOT_READY, 0x04, 0x02);
    }
}
