package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.sbc.SbcCdbs.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PRE-FETCH(10/16) (SBC-3 §5.6-5.7), GET LBA STATUS (SBC-3 §5.7), READ DEFECT DATA(10/12) (SBC-3 §5.12-5.13). */
class MediumInformationTest {
    private final LogicalUnit lu = TestLus.small();

    // PRE-FETCH

    @Test
    @DisplayName("SBC-3 §5.6: with no cache to load, PRE-FETCH ends in GOOD, never CONDITION MET")
    void preFetchIsGood() {
        for (int n = 1; n <= 256; n *= 4) {
            assertThat(noData(lu, preFetch10(0, n, false, 0)).status()).isEqualTo(ScsiStatus.GOOD);
            assertThat(noData(lu, preFetch16(BLOCKS - n, n, false, 0)).status()).isEqualTo(ScsiStatus.GOOD);
        }
    }

    @Test
    void preFetchAcceptsImmedAndGroupNumber() {
        assertGood(noData(lu, preFetch10(0, 1, true, 3)));
        assertGood(noData(lu, preFetch16(0, 1, true, 3)));
    }

    @Test
    void preFetchOfZeroBlocksIsGood() {
        assertGood(noData(lu, preFetch10(0, 0, false, 0)));
    }

    @Test
    @DisplayName("SBC-3 §4.5: PRE-FETCH past the last block, even of zero blocks, is LBA OUT OF RANGE 21h/00h")
    void preFetchBeyondTheEndIsLbaOutOfRange_21h_00h() {
        assertCheck(noData(lu, preFetch10(BLOCKS + 1, 0, false, 0)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(noData(lu, preFetch10(0x8000_0000L, 1, false, 0)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(noData(lu, preFetch10(BLOCKS - 1, 2, false, 0)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(noData(lu, preFetch16(-1, 1, false, 0)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void preFetchWhileStoppedIsNotReady_04h_02h() {
        assertGood(noData(lu, Cdbs.startStopUnit(false, false, 0)));
        assertCheck(noData(lu, preFetch16(0, 1, false, 0)), SenseKey.NOT_READY, 0x04, 0x02);
    }

    // GET LBA STATUS

    private byte[] lbaStatus(LogicalUnit on, long lba, int allocation) {
        ScsiResponse r = dataIn(on, getLbaStatus(lba, allocation), allocation);
        assertGood(r);
        return r.dataIn();
    }

    @Test
    @DisplayName("SBC-3 §5.7.2: a fresh thin LU is one deallocated extent from the starting LBA to the end")
    void freshUnitIsOneDeallocatedExtent() {
        byte[] d = lbaStatus(lu, 0, 24);
        assertThat(Bytes.u32(d, 0)).as("PARAMETER DATA LENGTH").isEqualTo(20);
        assertThat(Bytes.u64(d, 8)).isZero();
        assertThat(Bytes.u32(d, 16)).isEqualTo(BLOCKS);
        assertThat(d[20] & 0x0F).as("PROVISIONING STATUS").isEqualTo(1);
    }

    @Test
    @DisplayName("SBC-3 §5.7.2: the first descriptor starts at STARTING LOGICAL BLOCK ADDRESS")
    void firstDescriptorStartsAtTheStartingLba() {
        assertGood(dataOut(lu, Cdbs.write10(0, 300), filled(300, 'A')));
        byte[] d = lbaStatus(lu, 7, 24);
        assertThat(Bytes.u64(d, 8)).isEqualTo(7);
        assertThat(d[20] & 0x0F).as("mapped").isZero();
    }

    @Test
    void writtenAndUnmappedExtentsAreDescribedInOrder() {
        assertGood(dataOut(lu, Cdbs.write16(1024, 128), filled(128, 'A')));
        byte[] d = lbaStatus(lu, 0, 8 + 3 * 16);
        assertThat(Bytes.u32(d, 0)).isEqualTo(4 + 3 * 16);
        long lba = 0;
        int[] expected = {1, 0, 1};
        for (int i = 0; i < 3; i++) {
            int off = 8 + 16 * i;
            assertThat(Bytes.u64(d, off)).isEqualTo(lba);
            assertThat(d[off + 12] & 0x0F).isEqualTo(expected[i]);
            lba += Bytes.u32(d, off + 8);
        }
        assertThat(lba).isEqualTo(BLOCKS);
    }

    @Test
    @DisplayName("libiscsi GetLBAStatus.UnmapSingle: after UNMAP of [0, i), block i+1 is reported mapped from LBA i+1")
    void blocksAfterAnUnmappedRangeStayMapped() {
        assertGood(dataOut(lu, Cdbs.write10(0, 257), filled(257, 'A')));
        byte[] p = Cdbs.unmapParameters(0, 200);
        assertGood(dataOut(lu, Cdbs.unmap(p.length), p));
        byte[] d = lbaStatus(lu, 201, 24);
        assertThat(Bytes.u64(d, 8)).isEqualTo(201);
        assertThat(d[20] & 0x0F).isZero();
    }

    @Test
    @DisplayName("SBC-3 §5.7.1: a STARTING LOGICAL BLOCK ADDRESS past the last block is LBA OUT OF RANGE 21h/00h")
    void startingLbaPastTheLastBlockIsLbaOutOfRange_21h_00h() {
        for (long lba : new long[] {BLOCKS, BLOCKS + 1, 0x8000_0000_0000_0000L, -1})
            assertCheck(dataIn(lu, getLbaStatus(lba, 24), 24), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void lastBlockIsAValidStartingLba() {
        byte[] d = lbaStatus(lu, BLOCKS - 1, 24);
        assertThat(Bytes.u32(d, 16)).isEqualTo(1);
    }

    @Test
    @DisplayName("SPC-4 §4.2.5.6: a short allocation length truncates; PARAMETER DATA LENGTH still tells the size")
    void shortAllocationLengthTruncates() {
        ScsiResponse r = dataIn(lu, getLbaStatus(0, 4), 4);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(4);
        assertThat(Bytes.u32(r.dataIn(), 0)).isEqualTo(20);
    }

    @Test
    @DisplayName("NUMBER OF LOGICAL BLOCKS is 32 bits: a longer extent takes several descriptors")
    void extentsLongerThan32BitsAreSplit() {
        LogicalUnit huge = TestLus.builder(new MemoryBlockStore(512, 0x1_0000_0010L)).build();
        byte[] d = lbaStatus(huge, 0, 8 + 2 * 16);
        assertThat(Bytes.u32(d, 16)).isEqualTo(0xFFFF_FFFFL);
        assertThat(Bytes.u64(d, 24)).isEqualTo(0xFFFF_FFFFL);
        assertThat(Bytes.u32(d, 32)).isEqualTo(0x11);
    }

    @Test
    void getLbaStatusWhileStoppedIsNotReady_04h_02h() {
        assertGood(noData(lu, Cdbs.startStopUnit(false, false, 0)));
        assertCheck(dataIn(lu, getLbaStatus(0, 24), 24), SenseKey.NOT_READY, 0x04, 0x02);
    }

    // READ DEFECT DATA

    @Test
    @DisplayName("SBC-3 §5.12: READ DEFECT DATA(10) returns an empty list, echoing the requested lists and format")
    void readDefectData10ReturnsAnEmptyList() {
        ScsiResponse r = dataIn(lu, readDefectData10(0x18 | 0x05, 32), 32);
        assertGood(r);
        assertThat(r.dataIn()).containsExactly(0x00, 0x1D, 0x00, 0x00);
    }

    @Test
    @DisplayName("SBC-3 §5.13: READ DEFECT DATA(12) has an 8-byte header with a 32-bit DEFECT LIST LENGTH")
    void readDefectData12ReturnsAnEmptyList() {
        ScsiResponse r = dataIn(lu, readDefectData12(0x10 | 0x03, 0, 32), 32);
        assertGood(r);
        assertThat(r.dataIn()).containsExactly(0x00, 0x13, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void readDefectDataAsLibiscsiSendsItIsGood() {
        assertGood(dataIn(lu, readDefectData10(0, 32), 32));
        assertGood(dataIn(lu, readDefectData12(0, 0, 32), 32));
    }

    @Test
    @DisplayName("SBC-3 Table 22: reserved DEFECT LIST FORMAT values are invalid fields")
    void reservedDefectListFormatIsInvalidFieldInCdb() {
        for (int format : new int[] {1, 2, 6, 7}) {
            assertInvalidCdbField(dataIn(lu, readDefectData10(format, 32), 32), 2, 2);
            assertInvalidCdbField(dataIn(lu, readDefectData12(format, 0, 32), 32), 1, 2);
        }
    }

    @Test
    void readDefectDataTruncatesToTheAllocationLength() {
        ScsiResponse r = dataIn(lu, readDefectData12(0, 0, 3), 3);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(3);
    }
}
