package dev.clusterlab.sgio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.device.DeviceIdentification;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Read-only commands against a real device. Runs only when CLUSTERLAB_SG_DEVICE names one (e.g.
 * /dev/sg3): CI machines and containers have no SCSI devices, and a test must never pick a real disk
 * by itself. Nothing here changes the device's state (INQUIRY, TEST UNIT READY, PR IN READ KEYS).
 */
@EnabledIfEnvironmentVariable(named = "CLUSTERLAB_SG_DEVICE", matches = "/.+",
        disabledReason = "set CLUSTERLAB_SG_DEVICE=/dev/sgN to run against a real device")
class RealSgDeviceTest {
    private static SgDevice open() throws SgDeviceException { return SgDevice.open(System.getenv("CLUSTERLAB_SG_DEVICE")); }

    @Test
    void standardInquiryAnswersWithVendorAndProduct() throws Exception {
        try (SgDevice dev = open()) {
            ScsiResponse r = dev.execute(ScsiRequest.dataIn(Cdbs.inquiry(96), 96));
            assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
            assertThat(r.dataIn().length).isGreaterThanOrEqualTo(36); // SPC-4 §6.6.2: at least 36 bytes
        }
    }

    @Test
    void testUnitReadyAnswersWithAStatus() throws Exception {
        try (SgDevice dev = open()) {
            ScsiResponse r = dev.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
            // GOOD, or CHECK CONDITION (a pending unit attention, not ready): both carry a real answer.
            assertThat(r.status()).isIn(ScsiStatus.GOOD, ScsiStatus.CHECK_CONDITION);
        }
    }

    @Test
    void prInReadKeysAnswersWithAHeaderOrIllegalRequest() throws Exception {
        try (SgDevice dev = open()) {
            ScsiResponse r = dev.execute(ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8192), 8192));
            if (r.status() == ScsiStatus.GOOD) {
                assertThat(r.dataIn().length).isGreaterThanOrEqualTo(8);
                assertThat(Bytes.u32(r.dataIn(), 4) % 8).as("ADDITIONAL LENGTH is a multiple of 8 (SPC-4 §6.16.2)").isZero();
            } else {
                // Devices without persistent reservations (scsi_debug) refuse the opcode.
                assertThat(r.sense().key()).isIn(SenseKey.ILLEGAL_REQUEST, SenseKey.UNIT_ATTENTION);
            }
        }
    }

    @Test
    void identityIsReadFromVpd83() throws Exception {
        try (SgDevice dev = open()) {
            var identity = DeviceIdentification.read(dev);
            assertThat(identity.designators()).isNotEmpty();
            assertThat(identity.matches(identity.name())).isTrue();
        }
    }
}
