package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SCSI commands over the session: Data-In reassembly, Data-Out (immediate, unsolicited, R2T), status and sense (RFC 7143 §11.3-§11.8). */
class DataTransferTest {
    private static final int MIB_AND_A_HALF = 1536 * 1024;
    private static final int BS = OwnTarget.BLOCK_SIZE;

    @Test
    void inquiryReturnsTheStandardDataWithTheUnderflowAsResidual() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            ScsiResponse r = s.execute(ScsiRequest.dataIn(Cdbs.inquiry(255), 255));
            assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
            assertThat(new String(r.dataIn(), 8, 8, StandardCharsets.US_ASCII)).isEqualTo("CLUSTLAB");
            assertThat(r.dataIn().length).isLessThan(255);
            assertThat(r.residual()).isEqualTo(255 - r.dataIn().length); // §11.4 U bit
        }
    }

    @Test
    void readCapacity16ReportsLastLbaAndBlockLength() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            ScsiResponse r = s.execute(ScsiRequest.dataIn(Cdbs.readCapacity16(32), 32));
            assertThat(r.isGood()).isTrue();
            assertThat(dev.clusterlab.engine.scsi.Bytes.u64(r.dataIn(), 0)).isEqualTo(OwnTarget.BLOCKS - 1);
            assertThat(dev.clusterlab.engine.scsi.Bytes.u32(r.dataIn(), 8)).isEqualTo(BS);
        }
    }

    private static void roundTrip(OwnTarget t, InitiatorSettings settings) throws Exception {
        try (IscsiSession s = t.session("node-a", settings)) {
            byte[] data = Scsi.pattern(MIB_AND_A_HALF, 42);
            assertThat(Scsi.write(s, 100, data, BS).status()).isEqualTo(ScsiStatus.GOOD);
            ScsiResponse r = Scsi.read(s, 100, MIB_AND_A_HALF / BS, BS);
            assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
            assertThat(r.residual()).isZero();
            assertThat(r.dataIn()).isEqualTo(data);
        }
    }

    @Test
    void writeThenReadOfMoreThanOneMibRoundTripsWithImmediateUnsolicitedAndSolicitedData() throws Exception {
        // Default offer: InitialR2T=No, ImmediateData=Yes: first burst unsolicited, the rest by R2T;
        // 64 KiB MaxRecvDataSegmentLength makes the target send the read in 24 Data-In PDUs.
        try (OwnTarget t = OwnTarget.start()) {
            roundTrip(t, OwnTarget.settings().withMaxRecvDataSegmentLength(65536));
        }
    }

    @Test
    void writeWithInitialR2TAndNoImmediateDataIsSentOnlyAsSolicitedBursts() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession probe = t.session("node-p",
                OwnTarget.settings().withDataOut(true, false, 65536, 262144))) {
            assertThat(probe.parameters().initialR2T()).isTrue();
            assertThat(probe.parameters().immediateData()).isFalse();
            assertThat(probe.parameters().maxBurstLength()).isEqualTo(262144);
            probe.close();
            roundTrip(t, OwnTarget.settings().withDataOut(true, false, 65536, 262144));
        }
    }

    @Test
    void roundTripWithHeaderAndDataDigestsOn() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession probe = t.session("node-p", OwnTarget.settings().withDigests(true))) {
            assertThat(probe.parameters().headerDigest()).isTrue();
            assertThat(probe.parameters().dataDigest()).isTrue();
            probe.close();
            roundTrip(t, OwnTarget.settings().withDigests(true).withMaxRecvDataSegmentLength(32768));
        }
    }

    @Test
    void checkConditionCarriesDecodedSense_lbaOutOfRange_21h_00h() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            ScsiResponse r = Scsi.read(s, OwnTarget.BLOCKS, 1, BS);
            assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
            assertThat(r.sense().key()).isEqualTo(SenseKey.ILLEGAL_REQUEST);
            assertThat(r.sense().additional()).isEqualTo(AdditionalSense.LBA_OUT_OF_RANGE);
        }
    }

    @Test
    void unsupportedOpcodeIsInvalidCommandOperationCode_20h_00h() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            byte[] cdb = new byte[10];
            cdb[0] = (byte) 0xE7; // vendor specific, not implemented
            ScsiResponse r = s.execute(ScsiRequest.noData(cdb));
            assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
            assertThat(r.sense().additional()).isEqualTo(AdditionalSense.INVALID_COMMAND_OPERATION_CODE);
        }
    }

    @Test
    void secondLunIsAddressedByTheLunField() throws Exception {
        try (OwnTarget t = OwnTarget.start();
             IscsiSession lun0 = IscsiSession.open(t.address(), OwnTarget.IQN, 0, OwnTarget.node("node-a"), OwnTarget.settings());
             IscsiSession lun1 = IscsiSession.open(t.address(), OwnTarget.IQN, 1,
                     InitiatorIdentity.forNodePath(OwnTarget.PREFIX, "node-a", 2), OwnTarget.settings())) {
            byte[] a = Scsi.pattern(BS, 1), b = Scsi.pattern(BS, 2);
            assertThat(Scsi.write(lun0, 5, a, BS).isGood()).isTrue();
            assertThat(Scsi.write(lun1, 5, b, BS).isGood()).isTrue();
            assertThat(Scsi.read(lun0, 5, 1, BS).dataIn()).isEqualTo(a);
            assertThat(Scsi.read(lun1, 5, 1, BS).dataIn()).isEqualTo(b);
        }
    }

    @Test
    void furtherLunsShareTheNodePathsSessionInsteadOfReinstatingIt() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            dev.clusterlab.engine.device.ScsiDevice lun1 = s.lun(1);
            byte[] a = Scsi.pattern(BS, 11), b = Scsi.pattern(BS, 12);
            assertThat(Scsi.write(s, 9, a, BS).isGood()).isTrue();
            assertThat(Scsi.write(lun1, 9, b, BS).isGood()).isTrue();
            assertThat(Scsi.read(s, 9, 1, BS).dataIn()).isEqualTo(a);
            assertThat(Scsi.read(lun1, 9, 1, BS).dataIn()).isEqualTo(b);
            assertThat(lun1.describe()).endsWith("/1 as iqn.2026-11.dev.clusterlab:node-a,i,0x400000000001");
            assertThat(t.events).filteredOn(e -> e instanceof dev.clusterlab.engine.iscsi.target.TargetEvent.LoggedIn).hasSize(1);
        }
    }
}
