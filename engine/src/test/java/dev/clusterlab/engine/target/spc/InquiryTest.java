package dev.clusterlab.engine.target.spc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** INQUIRY, SPC-4 §6.6, and the VPD pages of SPC-4 §7.8 / SBC-3 §6.6. */
class InquiryTest {
    private final LogicalUnit lu = TestLus.small();

    private byte[] inquiry(byte[] cdb) {
        ScsiResponse r = dataIn(lu, cdb, 4096);
        assertGood(r);
        return r.dataIn();
    }

    private byte[] vpd(int page) { return inquiry(Cdbs.inquiry(true, page, 4096)); }

    @Test
    @DisplayName("SPC-4 §6.6.2: direct-access device, VERSION 06h, HISUP, RESPONSE DATA FORMAT 2, CMDQUE")
    void standardDataDescribesAnSpc4DiskWithFullTaskManagement() {
        byte[] d = inquiry(Cdbs.inquiry(255));
        assertThat(d).hasSize(96);
        assertThat(d[0]).isEqualTo((byte) 0x00);
        assertThat(d[1] & 0x80).as("RMB").isZero();
        assertThat(d[2]).isEqualTo((byte) 0x06);
        assertThat(d[3] & 0x1F).isEqualTo(0x12);
        assertThat(d[4] & 0xFF).as("ADDITIONAL LENGTH").isEqualTo(91);
        assertThat(d[7] & 0x02).as("CMDQUE").isEqualTo(0x02);
    }

    @Test
    void standardDataCarriesSpacePaddedVendorProductAndRevision() {
        byte[] d = inquiry(Cdbs.inquiry(96));
        assertThat(new String(d, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("CLUSTLAB");
        assertThat(new String(d, 16, 16, StandardCharsets.US_ASCII)).isEqualTo("SIMULATED DISK  ");
        assertThat(new String(d, 32, 4, StandardCharsets.US_ASCII)).isEqualTo(LuIdentity.REVISION);
    }

    @Test
    void standardDataClaimsSam5Spc4AndSbc3VersionDescriptors() {
        byte[] d = inquiry(Cdbs.inquiry(96));
        assertThat(Bytes.u16(d, 58)).isEqualTo(0x00A0);
        assertThat(Bytes.u16(d, 60)).isEqualTo(0x0460);
        assertThat(Bytes.u16(d, 62)).isEqualTo(0x04C0);
    }

    @Test
    void multipIsSetWhenTheLuHasSeveralTargetPorts() {
        assertThat(inquiry(Cdbs.inquiry(96))[6] & 0x10).isEqualTo(0x10);
        LogicalUnit single = TestLus.builder(new MemoryBlockStore(512, 8)).targetPorts(List.of(PORT_1)).build();
        assertThat(dataIn(single, Cdbs.inquiry(96), 96).dataIn()[6] & 0x10).isZero();
    }

    @Test
    @DisplayName("SPC-4 §4.2.5.6: the ALLOCATION LENGTH truncates the data without error")
    void allocationLengthTruncatesWithoutError() {
        ScsiResponse r = dataIn(lu, Cdbs.inquiry(5), 4096);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(5);
        assertThat(r.dataIn()[4] & 0xFF).as("still the full ADDITIONAL LENGTH").isEqualTo(91);
    }

    @Test
    void allocationLengthZeroTransfersNothing() {
        ScsiResponse r = dataIn(lu, Cdbs.inquiry(0), 4096);
        assertGood(r);
        assertThat(r.dataIn()).isEmpty();
    }

    @Test
    void dataInCapacityBelowAllocationLengthAlsoTruncates() {
        ScsiResponse r = dataIn(lu, Cdbs.inquiry(96), 36);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(36);
    }

    @Test
    @DisplayName("SPC-4 §6.6.1: EVPD=0 with a non-zero PAGE CODE is 24h/00h, field pointer byte 2")
    void pageCodeWithoutEvpdIsInvalidFieldInCdb_24h_00h() {
        assertInvalidCdbField(dataIn(lu, Cdbs.inquiry(false, 0x80, 255), 255), 2, -1);
    }

    @Test
    void unsupportedVpdPageIsInvalidFieldInCdb_24h_00h() {
        assertInvalidCdbField(dataIn(lu, Cdbs.inquiry(true, 0x89, 255), 255), 2, -1);
    }

    @Test
    @DisplayName("CMDDT (obsolete) set is 24h/00h, field pointer byte 1 bit 1")
    void cmddtIsInvalidFieldInCdb() {
        byte[] c = Cdbs.inquiry(96);
        c[1] = 0x02;
        assertInvalidCdbField(dataIn(lu, c, 96), 1, 1);
    }

    @Test
    void supportedPagesPageListsEveryPageInAscendingOrder() {
        byte[] d = vpd(0x00);
        assertThat(d[1]).isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(d, 4, 4 + Bytes.u16(d, 2)))
                .containsExactly(0x00, 0x80, 0x83, 0x8F, 0xB0, 0xB1, 0xB2);
    }

    @Test
    void unitSerialNumberPageCarriesTheIdentitySerial() {
        byte[] d = vpd(0x80);
        assertThat(d[1] & 0xFF).isEqualTo(0x80);
        assertThat(new String(d, 4, Bytes.u16(d, 2), StandardCharsets.US_ASCII)).isEqualTo(lu.identity().serial());
    }

    private record Designator(int codeSet, int association, int type, byte[] value) {}

    private static List<Designator> designators(byte[] d) {
        List<Designator> out = new ArrayList<>();
        int end = 4 + Bytes.u16(d, 2);
        for (int off = 4; off < end; ) {
            int len = d[off + 3] & 0xFF;
            out.add(new Designator(d[off] & 0x0F, (d[off + 1] >> 4) & 3, d[off + 1] & 0x0F,
                    Arrays.copyOfRange(d, off + 4, off + 4 + len)));
            off += 4 + len;
        }
        assertThat(out.stream().mapToInt(x -> 4 + x.value().length).sum()).isEqualTo(end - 4);
        return out;
    }

    @Test
    @DisplayName("SPC-4 §7.8.6: NAA designator of the LU, binary code set, association 0")
    void deviceIdentificationCarriesTheLuNaaDesignator() {
        Designator naa = designators(vpd(0x83)).get(0);
        assertThat(naa.codeSet()).isEqualTo(1);
        assertThat(naa.association()).isEqualTo(0);
        assertThat(naa.type()).isEqualTo(3);
        assertThat(naa.value()).isEqualTo(lu.identity().naa());
        assertThat((naa.value()[0] & 0xF0) >>> 4).as("NAA 3h, locally assigned").isEqualTo(3);
    }

    private List<Designator> vpd83Via(ItNexus nexus) {
        ScsiResponse r = lu.execute(nexus, ScsiRequest.dataIn(Cdbs.inquiry(true, 0x83, 4096), 4096));
        assertGood(r);
        return designators(r.dataIn());
    }

    @Test
    void deviceIdentificationReportsTheRelativePortAndPortGroupTheCommandCameIn() {
        for (ItNexus nexus : List.of(A1, B2)) {
            List<Designator> ds = vpd83Via(nexus);
            Designator rtpi = ds.stream().filter(x -> x.type() == 4).findFirst().orElseThrow();
            Designator tpg = ds.stream().filter(x -> x.type() == 5).findFirst().orElseThrow();
            assertThat(rtpi.association()).isEqualTo(1);
            assertThat(Bytes.u16(rtpi.value(), 2)).isEqualTo(nexus.target().relativeId());
            assertThat(tpg.association()).isEqualTo(1);
            assertThat(Bytes.u16(tpg.value(), 2)).isEqualTo(nexus.target().portGroupId());
        }
    }

    @Test
    @DisplayName("SPC-4 §7.8.6.11: SCSI name string of the target port, UTF-8, NUL-terminated, multiple of 4")
    void deviceIdentificationNamesTheTargetPortWithAScsiNameString() {
        Designator name = vpd83Via(B2).stream().filter(x -> x.type() == 8).findFirst().orElseThrow();
        assertThat(name.codeSet()).isEqualTo(3);
        assertThat(name.association()).isEqualTo(1);
        assertThat(name.value().length % 4).isZero();
        String text = new String(name.value(), StandardCharsets.UTF_8);
        assertThat(text.substring(0, text.indexOf('\0'))).isEqualTo(PORT_2.name());
    }

    @Test
    void blockLimitsPageAdvertisesTheEnforcedLimits() {
        byte[] d = vpd(0xB0);
        assertThat(Bytes.u16(d, 2)).isEqualTo(0x3C);
        assertThat(d[4] & 1).as("WSNZ").isEqualTo(1);
        assertThat(d[5] & 0xFF).isEqualTo(16);
        assertThat(Bytes.u16(d, 6)).as("optimal granularity, 4 KiB").isEqualTo(8);
        assertThat(Bytes.u32(d, 8)).isEqualTo(65536);
        assertThat(Bytes.u32(d, 20)).isEqualTo(0x100000);
        assertThat(Bytes.u32(d, 24)).isEqualTo(256);
        assertThat(Bytes.u64(d, 36)).isEqualTo(0x400000);
    }

    @Test
    @DisplayName("libiscsi Inquiry.BlockLimits: an explicit MAXIMUM UNMAP LBA COUNT is at most 2^20")
    void maximumUnmapLbaCountIsAtMostOneMebiblock() {
        assertThat(Bytes.u32(vpd(0xB0), 20)).isBetween(1L, 1L << 20);
    }

    @Test
    @DisplayName("SBC-4 §6.6.4: MAXIMUM ATOMIC TRANSFER LENGTH set, no alignment, granularity or boundary")
    void blockLimitsPageAdvertisesAtomicWrites() {
        byte[] d = vpd(0xB0);
        assertThat(Bytes.u32(d, 44)).as("MAXIMUM ATOMIC TRANSFER LENGTH").isEqualTo(65536).isLessThanOrEqualTo(Bytes.u32(d, 8));
        assertThat(Bytes.u32(d, 48)).as("ATOMIC ALIGNMENT").isZero();
        assertThat(Bytes.u32(d, 52)).as("ATOMIC TRANSFER LENGTH GRANULARITY").isZero();
        assertThat(Bytes.u32(d, 56)).as("MAXIMUM ATOMIC TRANSFER LENGTH WITH ATOMIC BOUNDARY").isZero();
        assertThat(Bytes.u32(d, 60)).as("MAXIMUM ATOMIC BOUNDARY SIZE").isZero();
    }

    @Test
    @DisplayName("SBC-4 §6.6.3: WABEREQ and WACEREQ 01b, reads after BLOCK ERASE / CRYPTO ERASE succeed")
    void blockDeviceCharacteristicsPageSaysReadsSucceedAfterSanitize() {
        byte[] d = vpd(0xB1);
        assertThat((d[7] >> 6) & 3).as("WABEREQ").isEqualTo(1);
        assertThat((d[7] >> 4) & 3).as("WACEREQ").isEqualTo(1);
    }

    @Test
    void blockDeviceCharacteristicsPageReportsANonRotatingMedium() {
        byte[] d = vpd(0xB1);
        assertThat(Bytes.u16(d, 2)).isEqualTo(0x3C);
        assertThat(Bytes.u16(d, 4)).isEqualTo(1);
    }

    @Test
    @DisplayName("SBC-3 §6.6.5: LBPU, LBPWS, LBPWS10 and LBPRZ set; provisioning type thin (010b)")
    void logicalBlockProvisioningPageReportsThinProvisioningWithUnmapAndWriteSame() {
        byte[] d = vpd(0xB2);
        assertThat(Bytes.u16(d, 2)).isEqualTo(4);
        assertThat(d[5] & 0xE4).isEqualTo(0xE4);
        assertThat(d[6] & 0x07).isEqualTo(2);
    }

    @Test
    void vpdPagesAreTruncatedByTheAllocationLength() {
        ScsiResponse r = dataIn(lu, Cdbs.inquiry(true, 0x83, 6), 4096);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(6);
    }
}
