package dev.clusterlab.engine.target;

import static dev.clusterlab.engine.target.LibiscsiDevice.startStopUnitCdb;
import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A removable medium (LuOptions.removable): RMB, eject and load (SBC-3 §5.25), prevention (SBC-3 §5.12). */
class RemovableMediumTest {
    private final LogicalUnit lu = builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).removable(true).build();

    private ScsiResponse as(ItNexus n, byte[] cdb) { return lu.execute(n, ScsiRequest.noData(cdb)); }

    private static final byte[] EJECT = startStopUnitCdb(0, 0, 0, 0, 1, 0), LOAD = startStopUnitCdb(0, 0, 0, 0, 1, 1);

    private void eject() { assertGood(noData(lu, EJECT)); }

    private static void assertNoMedium(ScsiResponse r) { assertCheck(r, SenseKey.NOT_READY, 0x3A, 0x00); }

    @Test
    @DisplayName("SPC-4 §6.6.2: INQUIRY RMB=1 for a removable medium, 0 for the default fixed disk")
    void inquiryReportsRmbForRemovableMediumOnly() {
        assertThat(dataIn(lu, Cdbs.inquiry(96), 96).dataIn()[1] & 0xFF).isEqualTo(0x80);
        assertThat(dataIn(TestLus.small(), Cdbs.inquiry(96), 96).dataIn()[1] & 0xFF).isZero();
    }

    @Test
    @DisplayName("SBC-3 §5.25: LOEJ=1 START=0 ejects; TEST UNIT READY is then NOT READY 3Ah/00h")
    void ejectMakesTestUnitReadyMediumNotPresent_3Ah_00h() {
        eject();
        assertThat(lu.state().mediumPresent()).isFalse();
        assertNoMedium(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    @DisplayName("SBC-3 §5.25: LOEJ=1 START=1 loads and starts; the unit is ready again")
    void loadMakesTheUnitReadyAgain() {
        eject();
        assertGood(noData(lu, LOAD));
        assertGood(noData(lu, Cdbs.testUnitReady()));
        assertGood(dataIn(lu, Cdbs.read10(0, 1), BLOCK_SIZE));
    }

    @Test
    @DisplayName("Ejecting when no medium is present is GOOD and changes nothing")
    void ejectingAnAbsentMediumIsGood() {
        eject();
        eject();
        assertNoMedium(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    @DisplayName("SBC-3 §5.12: eject while prevented -> ILLEGAL REQUEST 53h/02h; the medium stays and the unit keeps running")
    void ejectWhilePreventedIsMediumRemovalPrevented_53h_02h() {
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        assertCheck(noData(lu, EJECT), SenseKey.ILLEGAL_REQUEST, 0x53, 0x02);
        assertThat(lu.state().mediumPresent()).isTrue();
        assertGood(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    @DisplayName("SBC-3 §5.12: the locked mechanism refuses a load too (53h/02h); PREVENT works with no medium")
    void loadWhilePreventedIsMediumRemovalPrevented_53h_02h() {
        eject();
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        assertCheck(noData(lu, LOAD), SenseKey.ILLEGAL_REQUEST, 0x53, 0x02);
        assertNoMedium(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    @DisplayName("SBC-3 §5.12: any nexus's prevention refuses an eject from every nexus")
    void preventionByAnotherNexusRefusesEject() {
        assertGood(as(B2, Cdbs.preventAllowMediumRemoval(1)));
        assertCheck(noData(lu, EJECT), SenseKey.ILLEGAL_REQUEST, 0x53, 0x02);
        assertGood(as(B2, Cdbs.preventAllowMediumRemoval(0)));
        eject();
    }

    @Test
    @DisplayName("START=0 without LOEJ stops the unit (04h/02h) but leaves the medium in; prevention does not matter")
    void stopWithoutLoejKeepsTheMedium() {
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        assertGood(noData(lu, startStopUnitCdb(0, 0, 0, 0, 0, 0)));
        assertThat(lu.state().mediumPresent()).isTrue();
        assertCheck(noData(lu, Cdbs.testUnitReady()), SenseKey.NOT_READY, 0x04, 0x02);
    }

    @Test
    @DisplayName("SBC-3 §5.25: a POWER CONDITION other than 0h ignores LOEJ and START")
    void powerConditionIgnoresLoej() {
        assertGood(noData(lu, startStopUnitCdb(0, 0, 0x3, 0, 1, 0)));
        assertThat(lu.state().mediumPresent()).isTrue();
        assertGood(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    @DisplayName("IMMED=1 ejects and loads just the same")
    void immedEjectsAndLoads() {
        assertGood(noData(lu, startStopUnitCdb(1, 0, 0, 0, 1, 0)));
        assertThat(lu.state().mediumPresent()).isFalse();
        assertGood(noData(lu, startStopUnitCdb(1, 0, 0, 0, 1, 1)));
        assertThat(lu.state().mediumPresent()).isTrue();
    }

    @Test
    @DisplayName("READ CAPACITY(10/16) work while stopped but not without a medium: 3Ah/00h")
    void readCapacityWithoutMediumIsMediumNotPresent_3Ah_00h() {
        eject();
        assertNoMedium(dataIn(lu, Cdbs.readCapacity10(), 8));
        assertNoMedium(dataIn(lu, Cdbs.readCapacity16(32), 32));
    }

    @Test
    @DisplayName("Medium not present takes precedence over stopped: ejected after a stop is 3Ah/00h")
    void mediumNotPresentPrecedesStopped() {
        assertGood(noData(lu, startStopUnitCdb(0, 0, 0, 0, 0, 0)));
        eject();
        assertNoMedium(dataIn(lu, Cdbs.read10(0, 1), BLOCK_SIZE));
    }

    @Test
    @DisplayName("SPC-4 §6.39: REQUEST SENSE reports NOT READY 3Ah/00h while the medium is ejected")
    void requestSenseWithoutMediumReports_3Ah_00h() {
        eject();
        byte[] d = dataIn(lu, Cdbs.requestSense(18), 18).dataIn();
        assertThat(d[2] & 0x0F).isEqualTo(SenseKey.NOT_READY.code());
        assertThat(d[12] & 0xFF).isEqualTo(0x3A);
        assertThat(d[13]).isZero();
    }

    @Test
    @DisplayName("Commands that do not touch the medium work without one: INQUIRY, MODE SENSE, REPORT LUNS, PREVENT")
    void nonMediumCommandsWorkWithoutMedium() {
        eject();
        assertGood(dataIn(lu, Cdbs.inquiry(96), 96));
        assertGood(dataIn(lu, Cdbs.modeSense6(false, 0, 0x3F, 0, 255), 255));
        assertGood(dataIn(lu, Cdbs.reportLuns(64), 64));
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(0)));
    }

    @Test
    @DisplayName("SAM-5 §5.14: a load queues 28h/00h for the other nexuses, not for the one that loaded")
    void loadQueuesNotReadyToReadyChangeForOtherNexuses_28h_00h() {
        assertGood(as(B1, Cdbs.testUnitReady())); // B1 is known to the LU
        eject();
        assertGood(noData(lu, LOAD));
        assertThat(lu.unitAttentions().pending(A1)).isEmpty();
        assertThat(lu.unitAttentions().pending(B1)).containsExactly(AdditionalSense.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);
        assertCheck(as(B1, Cdbs.testUnitReady()), SenseKey.UNIT_ATTENTION, 0x28, 0x00);
        assertGood(as(B1, Cdbs.testUnitReady()));
    }

    @Test
    @DisplayName("LOEJ=1 START=1 with the medium already in starts the unit and queues no unit attention")
    void loadingAPresentMediumQueuesNothing() {
        assertGood(as(B1, Cdbs.testUnitReady()));
        assertGood(noData(lu, LOAD));
        assertThat(lu.unitAttentions().pending(B1)).isEmpty();
    }

    @Test
    @DisplayName("A reset clears prevention and starts the unit, but moves no tray: an ejected medium stays out")
    void resetKeepsTheMediumWhereItIs() {
        eject();
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        lu.logicalUnitReset(A1);
        assertThat(lu.state().mediumRemovalPrevented()).isFalse();
        assertThat(lu.state().mediumPresent()).isFalse();
        lu.powerOn();
        assertThat(lu.state().mediumPresent()).isFalse();
    }

    @Test
    @DisplayName("SBC-3 §5.12: a lost nexus's prevention ends; a new session (another ISID) can eject")
    void lostNexusPreventionDoesNotOutliveIt() {
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        lu.itNexusLoss(A1);
        ItNexus again = new ItNexus(InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:node-a", 0x23d000000099L), PORT_1);
        assertGood(as(again, EJECT));
    }

    @Test
    @DisplayName("A fixed medium ignores LOEJ, even while prevented: START applies as usual")
    void fixedMediumIgnoresLoejWhilePrevented() {
        LogicalUnit fixed = TestLus.small();
        assertGood(noData(fixed, Cdbs.preventAllowMediumRemoval(1)));
        assertGood(noData(fixed, EJECT));
        assertThat(fixed.state().mediumPresent()).isTrue();
        assertCheck(noData(fixed, Cdbs.testUnitReady()), SenseKey.NOT_READY, 0x04, 0x02);
    }

    @Test
    @DisplayName("SAM-5 §5.3.2: RESERVATION CONFLICT precedes MEDIUM NOT PRESENT for an excluded nexus")
    void reservationConflictPrecedesMediumNotPresent() {
        eject();
        assertGood(noData(lu, Cdbs.reserve6()));
        assertThat(as(B1, Cdbs.read10(0, 1)).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        assertThat(as(B1, LOAD).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        assertNoMedium(noData(lu, Cdbs.read10(0, 1)));
    }
}
