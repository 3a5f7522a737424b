package dev.clusterlab.sgio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.sgio.FakeSgKernel.Reply;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How the sg_io_hdr output fields become a ScsiResponse or an exception (sg(4); notes §4.2). */
class SgDeviceResultTest {
    private static final String PATH = "/dev/sg7";

    private static SgDevice deviceAnswering(Function<FakeSgKernel.Command, Reply> answer) throws SgDeviceException {
        return SgDevice.open(new FakeSgKernel().device(PATH, answer), PATH, SgDevice.Options.DEFAULT, null);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    private static byte[] inquiryData(int length) {
        byte[] d = new byte[length];
        d[4] = (byte) (length - 5);
        byte[] vendor = "LIO-ORG FILEIO          4.0 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(vendor, 0, d, 8, Math.min(vendor.length, length - 8));
        return d;
    }

    @Test
    void goodWithDataInReturnsTheBytesTheDeviceWrote() throws Exception {
        byte[] inquiry = inquiryData(36);
        try (SgDevice dev = deviceAnswering(c -> Reply.good(inquiry))) {
            ScsiResponse r = dev.execute(ScsiRequest.dataIn(Cdbs.inquiry(36), 36));
            assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
            assertThat(r.dataIn()).isEqualTo(inquiry);
            assertThat(r.residual()).isZero();
            assertThat(r.sense()).isNull();
        }
    }

    @Test
    @DisplayName("SPC-4 §4.5.3: fixed-format sense (70h) is parsed into key and ASC/ASCQ")
    void checkConditionWithFixedSenseIsParsed() throws Exception {
        // UNIT ATTENTION, RESERVATIONS PREEMPTED (2Ah/03h): what other nexuses see after PREEMPT
        byte[] sense = bytes(0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x2A, 0x03, 0, 0, 0, 0);
        try (SgDevice dev = deviceAnswering(c -> Reply.checkCondition(sense))) {
            ScsiResponse r = dev.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
            assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
            assertThat(r.sense().key()).isEqualTo(SenseKey.UNIT_ATTENTION);
            assertThat(r.sense().asc()).isEqualTo(0x2A);
            assertThat(r.sense().ascq()).isEqualTo(0x03);
            assertThat(r.sense().current()).isTrue();
        }
    }

    @Test
    @DisplayName("SPC-4 §4.5.2: descriptor-format sense (72h) with a sense-key-specific field pointer is parsed")
    void checkConditionWithDescriptorSenseIsParsed() throws Exception {
        // ILLEGAL REQUEST, INVALID FIELD IN CDB (24h/00h), SKSV C/D=1 pointing at CDB byte 2
        byte[] sense = bytes(0x72, 0x05, 0x24, 0x00, 0, 0, 0, 8, 0x02, 0x06, 0, 0, 0xC0, 0x00, 0x02, 0);
        try (SgDevice dev = deviceAnswering(c -> Reply.checkCondition(sense))) {
            ScsiResponse r = dev.execute(ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8192), 8192));
            assertThat(r.sense().key()).isEqualTo(SenseKey.ILLEGAL_REQUEST);
            assertThat(r.sense().asc()).isEqualTo(0x24);
            assertThat(r.sense().senseKeySpecific()).isEqualTo(0xC00002);
            assertThat(r.dataIn()).isEmpty();
        }
    }

    @Test
    @DisplayName("SAM-5 §5.3.1: RESERVATION CONFLICT (18h) is a status, not an error")
    void reservationConflictIsReturnedAsStatus() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.status(0x18))) {
            ScsiResponse r = dev.execute(ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512]));
            assertThat(r.status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            assertThat(r.sense()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScsiStatus.class, names = "CHECK_CONDITION", mode = EnumSource.Mode.EXCLUDE)
    void everyStatusWithoutSensePassesThrough(ScsiStatus status) throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.status(status.code()))) {
            assertThat(dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())).status()).isEqualTo(status);
        }
    }

    @Test
    void hostStatusDidTimeOutIsATransportExceptionNamingIt() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.host(SgResultCodes.DID_TIME_OUT))) {
            assertThatThrownBy(() -> dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOfSatisfying(SgTransportException.class, e -> {
                        assertThat(e.reason()).isEqualTo(SgTransportException.Reason.HOST_STATUS);
                        assertThat(e.hostStatus()).isEqualTo(3);
                    })
                    .hasMessageContaining("DID_TIME_OUT").hasMessageContaining("TEST UNIT READY");
        }
    }

    @Test
    void hostStatusWinsOverAGoodStatusByte() throws Exception {
        try (SgDevice dev = deviceAnswering(
                c -> new Reply(0, new byte[8], new byte[0], SgResultCodes.DID_TRANSPORT_DISRUPTED, 0, null, 0))) {
            assertThatThrownBy(() -> dev.execute(ScsiRequest.dataIn(Cdbs.readCapacity10(), 8)))
                    .isInstanceOf(SgTransportException.class).hasMessageContaining("DID_TRANSPORT_DISRUPTED");
        }
    }

    @Test
    void driverTimeoutIsATransportTimeout() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.good().driver(SgResultCodes.DRIVER_TIMEOUT))) {
            assertThatThrownBy(() -> dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOfSatisfying(SgTransportException.class,
                            e -> assertThat(e.reason()).isEqualTo(SgTransportException.Reason.TIMEOUT))
                    .hasMessageContaining("DRIVER_TIMEOUT");
        }
    }

    @Test
    void driverSenseFlagWithoutSenseBytesOnGoodIsStillGood() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.good().driver(SgResultCodes.DRIVER_SENSE))) {
            assertThat(dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())).status()).isEqualTo(ScsiStatus.GOOD);
        }
    }

    @Test
    void checkConditionWithoutSenseBytesIsATransportFailureNotAnInventedSense() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.status(0x02).driver(SgResultCodes.DRIVER_SENSE))) {
            assertThatThrownBy(() -> dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOfSatisfying(SgTransportException.class,
                            e -> assertThat(e.reason()).isEqualTo(SgTransportException.Reason.SENSE_MISSING))
                    .hasMessageContaining("without sense data").hasMessageContaining("DRIVER_SENSE");
        }
    }

    @Test
    void checkConditionWithSenseInAnUnknownFormatIsATransportFailure() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.checkCondition(bytes(0x7F, 0x05, 0x24, 0)))) {
            assertThatThrownBy(() -> dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOf(SgTransportException.class).hasMessageContaining("no known format");
        }
    }

    @Test
    void goodWithADriverErrorIsNotReportedAsSuccess() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.good(new byte[8]).driver(SgResultCodes.DRIVER_ERROR))) {
            assertThatThrownBy(() -> dev.execute(ScsiRequest.dataIn(Cdbs.readCapacity10(), 8)))
                    .isInstanceOfSatisfying(SgTransportException.class,
                            e -> assertThat(e.reason()).isEqualTo(SgTransportException.Reason.DRIVER_STATUS))
                    .hasMessageContaining("DRIVER_ERROR");
        }
    }

    @Test
    void statusByteSamDoesNotDefineIsATransportFailure() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.status(0x22))) {
            assertThatThrownBy(() -> dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOfSatisfying(SgTransportException.class,
                            e -> assertThat(e.reason()).isEqualTo(SgTransportException.Reason.UNKNOWN_STATUS));
        }
    }

    @Test
    @DisplayName("A short transfer (resid > 0) trims data-in to dxfer_len - resid and reports the residual")
    void shortTransferTrimsDataInByResid() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.good(inquiryData(36)))) {
            ScsiResponse r = dev.execute(ScsiRequest.dataIn(Cdbs.inquiry(96), 96));
            assertThat(r.dataIn()).hasSize(36).isEqualTo(inquiryData(36));
            assertThat(r.residual()).isEqualTo(60);
        }
    }

    @Test
    void residLargerThanTheTransferYieldsNoDataRatherThanANegativeLength() throws Exception {
        try (SgDevice dev = deviceAnswering(c -> Reply.good(new byte[16]).resid(1000))) {
            ScsiResponse r = dev.execute(ScsiRequest.dataIn(Cdbs.inquiry(16), 16));
            assertThat(r.dataIn()).isEmpty();
            assertThat(r.residual()).isEqualTo(16);
        }
    }

    @Test
    @DisplayName("SPC-4 §6.16.2: a PR IN answer longer than the allocation is cut at the allocation; ADDITIONAL LENGTH shows the rest")
    void prInResponseLongerThanAllocationIsTruncatedToTheAllocation() throws Exception {
        byte[] full = new byte[8 + 8 * 4]; // generation, ADDITIONAL LENGTH 32, four keys
        Bytes.put32(full, 0, 7);
        Bytes.put32(full, 4, 32);
        for (int i = 0; i < 4; i++) Bytes.put64(full, 8 + 8 * i, 0xA0L + i);
        try (SgDevice dev = deviceAnswering(c -> Reply.good(full))) {
            ScsiResponse r = dev.execute(ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 16), 16));
            assertThat(r.dataIn()).hasSize(16).isEqualTo(Arrays.copyOf(full, 16));
            assertThat(Bytes.u32(r.dataIn(), 4)).as("ADDITIONAL LENGTH says a larger allocation is needed").isEqualTo(32);
            assertThat(r.residual()).isZero();
        }
    }
}
