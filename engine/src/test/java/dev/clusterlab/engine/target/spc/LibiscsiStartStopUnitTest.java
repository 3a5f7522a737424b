package dev.clusterlab.engine.target.spc;

import static dev.clusterlab.engine.target.LibiscsiDevice.expectGood;
import static dev.clusterlab.engine.target.LibiscsiDevice.expectNoMedium;
import static dev.clusterlab.engine.target.TestLus.A1;
import static dev.clusterlab.engine.target.TestLus.assertInvalidCdbField;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.target.LibiscsiDevice;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * libiscsi 1.19 ALL.StartStopUnit.* (test-tool/test_startstopunit_*.c) against a removable LU, step
 * by step; STARTSTOPUNIT arguments are (immed, pcm, pc, no_flush, loej, start). SBC-3 §5.25.
 */
class LibiscsiStartStopUnitTest {
    private final LogicalUnit lu = TestLus.builder(new MemoryBlockStore(TestLus.BLOCK_SIZE, TestLus.BLOCKS))
            .removable(true).build();
    private final LibiscsiDevice sd = new LibiscsiDevice(lu, A1).login();

    @Test
    @DisplayName("StartStopUnit.Simple: RMB=1; eject and load with IMMED=1 and IMMED=0, TUR follows the medium")
    void simple() {
        assertThat(sd.dataIn(Cdbs.inquiry(96), 96).dataIn()[1] & 0x80).as("RMB").isEqualTo(0x80);
        expectGood(sd.startStopUnit(1, 0, 0, 0, 1, 0));
        expectNoMedium(sd.testUnitReady());
        expectGood(sd.startStopUnit(1, 0, 0, 0, 1, 1));
        expectGood(sd.testUnitReady());
        expectGood(sd.startStopUnit(0, 0, 0, 0, 1, 0));
        expectNoMedium(sd.testUnitReady());
        expectGood(sd.startStopUnit(0, 0, 0, 0, 1, 1));
        expectGood(sd.testUnitReady());
    }

    /**
     * Deviation: libiscsi expects GOOD for every POWER CONDITION 1h-Fh. SPC-4 §3.1 ("reserved":
     * receipt of a reserved code value shall be reported as an error) and SBC-3 Table 97 make 4h, 5h
     * (obsolete), 6h, 8h, 9h and Ch-Fh an invalid field, so those steps fail in libiscsi; what the
     * test is about, that a non-zero power condition never ejects the medium, holds for every value.
     */
    @Test
    @DisplayName("StartStopUnit.PwrCnd: PC != 0 with LOEJ=1 START=0 never ejects; defined PCs GOOD, reserved 24h/00h")
    void pwrCnd() {
        for (int pc = 1; pc < 16; pc++) {
            var r = sd.startStopUnit(1, 0, pc, 0, 1, 0);
            boolean defined = pc == 0x1 || pc == 0x2 || pc == 0x3 || pc == 0x7 || pc == 0xA || pc == 0xB;
            if (defined) expectGood(r);
            else assertInvalidCdbField(r, 4, 7);
            expectGood(sd.testUnitReady());
        }
        expectGood(sd.startStopUnit(1, 0, 0, 0, 1, 1));
    }

    @Test
    @DisplayName("StartStopUnit.NoLoej: LOEJ=0 never ejects, whatever IMMED, NO_FLUSH and START")
    void noLoej() {
        int[][] steps = {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}, {1, 0, 1}, {0, 1, 0}, {0, 1, 1}, {1, 1, 0}, {1, 1, 1}};
        for (int[] s : steps) {
            expectGood(sd.startStopUnit(s[0], 0, 0, s[1], 0, s[2]));
            // libiscsi expects GOOD even after START=0 (it tests only that the medium stays); here a
            // stopped unit is NOT READY 04h/02h (SBC-3 §4.20) and the medium is still present.
            var tur = sd.testUnitReady();
            if (s[2] == 1) expectGood(tur);
            else TestLus.assertCheck(tur, dev.clusterlab.engine.scsi.SenseKey.NOT_READY, 0x04, 0x02);
            assertThat(lu.state().mediumPresent()).isTrue();
        }
        expectGood(sd.startStopUnit(1, 0, 0, 0, 1, 1));
    }
}
