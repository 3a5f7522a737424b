package dev.clusterlab.engine.target.spc;

import static dev.clusterlab.engine.target.LibiscsiDevice.expectGood;
import static dev.clusterlab.engine.target.LibiscsiDevice.expectNoMedium;
import static dev.clusterlab.engine.target.LibiscsiDevice.expectRemovalPrevented;
import static dev.clusterlab.engine.target.TestLus.A1;
import static dev.clusterlab.engine.target.TestLus.B1;

import dev.clusterlab.engine.target.LibiscsiDevice;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * libiscsi 1.19 ALL.PreventAllow.* (test-tool/test_preventallow_*.c) against a removable LU, step
 * by step. STARTSTOPUNIT arguments are libiscsi's: (immed, pcm, pc, no_flush, loej, start). Logout,
 * dropped connections and TARGET COLD RESET reach the LU as I_T nexus loss (SAM-5 §6.3.4); TARGET
 * WARM RESET as a target reset. Prevention ends with its nexus and with any reset (SBC-3 §5.12).
 */
class LibiscsiPreventAllowTest {
    private final LogicalUnit lu = TestLus.builder(new MemoryBlockStore(TestLus.BLOCK_SIZE, TestLus.BLOCKS))
            .removable(true).build();
    private LibiscsiDevice sd = new LibiscsiDevice(lu, A1).login();

    /** The opening steps of every test but Simple: prevent, fail to eject, the medium still there. */
    private void preventAndFailToEject() {
        sd.preventAllow(1);
        expectRemovalPrevented(sd.startStopUnit(0, 0, 0, 0, 1, 0));
        expectGood(sd.testUnitReady());
    }

    /** The closing steps after prevention was cleared by the event under test. */
    private void ejectSucceedsThenCleanUp() {
        expectGood(sd.startStopUnit(0, 0, 0, 0, 1, 0));  // "Try to eject the medium"
        expectNoMedium(sd.testUnitReady());
        expectGood(sd.startStopUnit(0, 0, 0, 0, 1, 0));  // libiscsi's "Load the medium" (LOEJ=1 START=0): ejecting nothing is GOOD
        sd.preventAllow(0);
        expectGood(sd.startStopUnit(0, 0, 0, 0, 1, 1));  // load
        expectGood(sd.testUnitReady());
    }

    @Test
    @DisplayName("PreventAllow.Simple: PREVENT 1 and PREVENT 0 are GOOD")
    void simple() {
        sd.preventAllow(1);
        sd.preventAllow(0);
    }

    @Test
    @DisplayName("PreventAllow.Eject: prevention refuses eject and load with 53h/02h; allowed again they work")
    void eject() {
        preventAndFailToEject();
        sd.preventAllow(0);
        expectGood(sd.startStopUnit(0, 0, 0, 0, 1, 0));
        expectNoMedium(sd.testUnitReady());
        sd.preventAllow(1);                                   // PREVENT works with the medium ejected
        expectRemovalPrevented(sd.startStopUnit(0, 0, 0, 0, 1, 1));
        expectNoMedium(sd.testUnitReady());                   // the refused load changed nothing
        sd.preventAllow(0);
        expectGood(sd.startStopUnit(0, 0, 0, 0, 1, 1));
        expectGood(sd.testUnitReady());
    }

    @Test
    @DisplayName("PreventAllow.ITNexusLoss: a dropped connection ends its prevention")
    void itNexusLoss() {
        preventAndFailToEject();
        lu.itNexusLoss(A1);                       // iscsi_destroy_context
        sd = new LibiscsiDevice(lu, A1).login();  // same initiator port: 29h/07h cleared by the login TUR
        ejectSucceedsThenCleanUp();
    }

    @Test
    @DisplayName("PreventAllow.Logout: logout ends the nexus and its prevention")
    void logout() {
        preventAndFailToEject();
        lu.itNexusLoss(A1);                       // iscsi_logout_sync + iscsi_destroy_context
        sd = new LibiscsiDevice(lu, A1).login();
        ejectSucceedsThenCleanUp();
    }

    @Test
    @DisplayName("PreventAllow.WarmReset: TARGET WARM RESET clears prevention (SPC-4: a hard reset does)")
    void warmReset() {
        preventAndFailToEject();
        lu.targetReset(A1);
        sd.waitUntilReady();                      // 29h/02h, then GOOD
        ejectSucceedsThenCleanUp();
    }

    @Test
    @DisplayName("PreventAllow.ColdReset: TARGET COLD RESET (warm reset + connections dropped) clears prevention")
    void coldReset() {
        preventAndFailToEject();
        lu.targetReset(A1);
        lu.itNexusLoss(A1);
        sd = new LibiscsiDevice(lu, A1).login();  // libiscsi reconnects by itself
        sd.waitUntilReady();
        ejectSucceedsThenCleanUp();
    }

    @Test
    @DisplayName("PreventAllow.LUNReset: LOGICAL UNIT RESET clears prevention")
    void lunReset() {
        preventAndFailToEject();
        lu.logicalUnitReset(A1);
        sd.waitUntilReady();                      // 29h/03h, then GOOD
        ejectSucceedsThenCleanUp();
    }

    @Test
    @DisplayName("PreventAllow.2ITNexuses: one nexus's prevention refuses an eject from another")
    void twoItNexuses() {
        preventAndFailToEject();
        LibiscsiDevice sd2 = new LibiscsiDevice(lu, B1).login(); // mpath_sd2_get_or_clone: initiatorname2
        expectRemovalPrevented(sd2.startStopUnit(0, 0, 0, 0, 1, 0));
        lu.itNexusLoss(B1);                                      // mpath_sd2_put: logout
        sd.preventAllow(0);
        expectGood(sd.startStopUnit(0, 0, 0, 0, 1, 1));
        expectGood(sd.testUnitReady());
    }
}
