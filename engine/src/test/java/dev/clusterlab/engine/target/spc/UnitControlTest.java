package dev.clusterlab.engine.target.spc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TEST UNIT READY (SPC-4 §6.47), START STOP UNIT (SBC-3 §5.25), PREVENT ALLOW MEDIUM REMOVAL (SPC-4 §6.13), REQUEST SENSE (SPC-4 §6.39). */
class UnitControlTest {
    private final LogicalUnit lu = TestLus.small();

    private void stop() { assertGood(noData(lu, Cdbs.startStopUnit(false, false, 0))); }

    @Test
    void testUnitReadyIsGoodWhenStarted() {
        assertGood(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    @DisplayName("SBC-3 §4.20: stopped -> NOT READY, 04h/02h INITIALIZING COMMAND REQUIRED")
    void testUnitReadyAfterStopIsNotReady_04h_02h() {
        stop();
        assertCheck(noData(lu, Cdbs.testUnitReady()), SenseKey.NOT_READY, 0x04, 0x02);
    }

    @Test
    void startAfterStopMakesTheUnitReadyAgain() {
        stop();
        assertGood(noData(lu, Cdbs.startStopUnit(true, false, 0)));
        assertGood(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    void mediaAccessWhileStoppedIsNotReady() {
        stop();
        assertCheck(dataIn(lu, Cdbs.read10(0, 1), 512), SenseKey.NOT_READY, 0x04, 0x02);
        assertCheck(dataOut(lu, Cdbs.write10(0, 1), new byte[512]), SenseKey.NOT_READY, 0x04, 0x02);
    }

    @Test
    void inquiryAndReadCapacityStillWorkWhileStopped() {
        stop();
        assertGood(dataIn(lu, Cdbs.inquiry(96), 96));
        assertGood(dataIn(lu, Cdbs.readCapacity10(), 8));
    }

    @Test
    @DisplayName("LOEJ is ignored: the medium of a disk is not removable")
    void loadEjectIsIgnored() {
        assertGood(noData(lu, Cdbs.startStopUnit(false, true, 0)));
        assertCheck(noData(lu, Cdbs.testUnitReady()), SenseKey.NOT_READY, 0x04, 0x02);
        assertGood(noData(lu, Cdbs.startStopUnit(true, true, 0)));
        assertGood(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    void immedIsAccepted() {
        byte[] c = Cdbs.startStopUnit(false, false, 0);
        c[1] = 0x01;
        assertGood(noData(lu, c));
        assertThat(lu.state().stopped()).isTrue();
    }

    @Test
    @DisplayName("A power condition other than START_VALID ignores START")
    void powerConditionOtherThanStartValidIgnoresStart() {
        assertGood(noData(lu, Cdbs.startStopUnit(false, false, 0x3))); // STANDBY
        assertGood(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    void reservedPowerConditionIsInvalidFieldInCdb() {
        assertInvalidCdbField(noData(lu, Cdbs.startStopUnit(true, false, 0x4)), 4, 7);
    }

    @Test
    void powerConditionModifierOutOfRangeIsInvalidFieldInCdb() {
        byte[] c = Cdbs.startStopUnit(true, false, 0x3);
        c[3] = 0x02; // STANDBY allows modifiers 0 and 1 only
        assertInvalidCdbField(noData(lu, c), 3, 3);
    }

    @Test
    void reservedBitOfStartStopByteFourIsInvalidFieldInCdb() {
        byte[] c = Cdbs.startStopUnit(true, false, 0);
        c[4] |= 0x08;
        assertInvalidCdbField(noData(lu, c), 4, 3);
    }

    @Test
    @DisplayName("SPC-4 §6.13: prevention is recorded per I_T nexus")
    void preventIsRecordedPerNexus() {
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        assertThat(lu.state().prevention(A1)).isEqualTo(1);
        assertThat(lu.state().prevention(B1)).isZero();
        assertThat(lu.state().mediumRemovalPrevented()).isTrue();
    }

    @Test
    void allowWithdrawsOnlyThatNexussPrevention() {
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        assertGood(lu.execute(B1, ScsiRequest.noData(Cdbs.preventAllowMediumRemoval(1))));
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(0)));
        assertThat(lu.state().prevention(A1)).isZero();
        assertThat(lu.state().mediumRemovalPrevented()).isTrue();
    }

    @Test
    void obsoletePreventValuesTwoAndThreeAreAcceptedAndRecorded() {
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(2)));
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(3)));
        assertThat(lu.state().prevention(A1)).isEqualTo(3);
    }

    @Test
    void preventBitsOutsideThePreventFieldAreInvalidFieldInCdb() {
        assertInvalidCdbField(noData(lu, Cdbs.preventAllowMediumRemoval(0x04)), 4, 2);
    }

    @Test
    void nexusLossReleasesItsPrevention() {
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        lu.state().releasePrevention(A1);
        assertThat(lu.state().mediumRemovalPrevented()).isFalse();
    }

    @Test
    void resetRestoresPowerOnState() {
        stop();
        assertGood(noData(lu, Cdbs.preventAllowMediumRemoval(1)));
        lu.state().reset();
        assertThat(lu.state().stopped()).isFalse();
        assertThat(lu.state().mediumRemovalPrevented()).isFalse();
        assertGood(noData(lu, Cdbs.testUnitReady()));
    }

    @Test
    @DisplayName("SPC-4 §6.39: REQUEST SENSE with nothing pending returns NO SENSE in fixed format")
    void requestSenseWithNothingPendingIsNoSenseFixedFormat() {
        ScsiResponse r = dataIn(lu, Cdbs.requestSense(252), 252);
        assertGood(r);
        byte[] d = r.dataIn();
        assertThat(d).hasSize(SenseCodec.FIXED_LENGTH);
        assertThat(d[0] & 0x7F).isEqualTo(0x70);
        assertThat(d[2] & 0x0F).isZero();
        assertThat(d[12]).isZero();
        assertThat(d[13]).isZero();
    }

    @Test
    void requestSenseWithDescSetUsesDescriptorFormat() {
        byte[] c = Cdbs.requestSense(252);
        c[1] = 0x01;
        ScsiResponse r = dataIn(lu, c, 252);
        assertGood(r);
        assertThat(r.dataIn()[0] & 0x7F).isEqualTo(0x72);
        assertThat(r.dataIn()).hasSize(8);
    }

    @Test
    void requestSenseWhileStoppedReportsNotReady_04h_02h() {
        stop();
        ScsiResponse r = dataIn(lu, Cdbs.requestSense(252), 252);
        assertGood(r);
        assertThat(r.dataIn()[2] & 0x0F).isEqualTo(SenseKey.NOT_READY.code());
        assertThat(r.dataIn()[12]).isEqualTo((byte) 0x04);
        assertThat(r.dataIn()[13]).isEqualTo((byte) 0x02);
    }

    @Test
    void requestSenseIsTruncatedByItsAllocationLength() {
        ScsiResponse r = dataIn(lu, Cdbs.requestSense(4), 252);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(4);
    }

    @Test
    void requestSenseReservedBitsAreInvalidFieldInCdb() {
        byte[] c = Cdbs.requestSense(18);
        c[1] = 0x02;
        assertInvalidCdbField(dataIn(lu, c, 18), 1, 1);
    }
}
