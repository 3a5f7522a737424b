package dev.clusterlab.engine.target.spc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** REPORT LUNS, SPC-4 §6.33; LUN formats SAM-5 §4.7. */
class ReportLunsTest {
    private final LogicalUnit lu = TestLus.builder(new MemoryBlockStore(512, 8)).reportedLuns(() -> new int[] {0, 7, 300}).build();

    private static byte[] select(int selectReport, int allocation) {
        byte[] c = Cdbs.reportLuns(allocation);
        c[2] = (byte) selectReport;
        return c;
    }

    @Test
    @DisplayName("Peripheral device addressing below 256, flat space addressing above")
    void listsEveryReportedLunInEightByteFormat() {
        ScsiResponse r = dataIn(lu, Cdbs.reportLuns(4096), 4096);
        assertGood(r);
        byte[] d = r.dataIn();
        assertThat(Bytes.u32(d, 0)).isEqualTo(24);
        assertThat(d).hasSize(32);
        assertThat(Arrays.copyOfRange(d, 8, 16)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(d, 16, 24)).containsExactly(0, 7, 0, 0, 0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(d, 24, 32)).containsExactly(0x41, 0x2C, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void selectReport02hListsAllLogicalUnitsToo() {
        ScsiResponse r = dataIn(lu, select(2, 4096), 4096);
        assertGood(r);
        assertThat(Bytes.u32(r.dataIn(), 0)).isEqualTo(24);
    }

    @Test
    void selectReport01hListsOnlyWellKnownLogicalUnitsOfWhichThereAreNone() {
        ScsiResponse r = dataIn(lu, select(1, 4096), 4096);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(8);
        assertThat(Bytes.u32(r.dataIn(), 0)).isZero();
    }

    @Test
    void unknownSelectReportIsInvalidFieldInCdb() {
        assertInvalidCdbField(dataIn(lu, select(3, 4096), 4096), 2, -1);
    }

    @Test
    @DisplayName("SPC-4 §6.33: ALLOCATION LENGTH below 16 is 24h/00h, field pointer byte 6")
    void allocationLengthBelowSixteenIsInvalidFieldInCdb() {
        assertInvalidCdbField(dataIn(lu, Cdbs.reportLuns(15), 4096), 6, -1);
    }

    @Test
    void allocationLengthOfSixteenTruncatesTheListButKeepsItsLength() {
        ScsiResponse r = dataIn(lu, Cdbs.reportLuns(16), 4096);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(16);
        assertThat(Bytes.u32(r.dataIn(), 0)).isEqualTo(24);
    }

    @Test
    void byDefaultTheLuReportsOnlyItself() {
        LogicalUnit l = TestLus.builder(new MemoryBlockStore(512, 8)).lun(5).build();
        ScsiResponse r = dataIn(l, Cdbs.reportLuns(64), 64);
        assertThat(Arrays.copyOfRange(r.dataIn(), 8, 16)).containsExactly(0, 5, 0, 0, 0, 0, 0, 0);
    }
}
