package dev.clusterlab.engine.target;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.Opcode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What libiscsi's iscsi-test-cu (1.19) reads at start-up to decide which SBC tests run and which
 * skip (iscsi-test-cu.c main(), the CHECK_FOR_* macros of iscsi-support.h). Each answer here is a
 * choice with consequences for the suite, stated in the test's name.
 */
class LibiscsiProbesTest {
    private final LogicalUnit lu = TestLus.small();

    private byte[] in(byte[] cdb, int allocation) {
        var r = dataIn(lu, cdb, allocation);
        assertGood(r);
        return r.dataIn();
    }

    @Test
    @DisplayName("SBC-3 version descriptor 04C0h: sbc3_support, so READ CAPACITY(16) and READ(16) are mandatory")
    void standardInquiryClaimsSbc3() {
        byte[] d = in(Cdbs.inquiry(255), 255);
        boolean sbc3 = false;
        for (int i = 0; i < 8; i++) sbc3 |= Bytes.u16(d, 58 + 2 * i) == 0x04C0;
        assertThat(sbc3).isTrue();
    }

    @Test
    @DisplayName("RMB=0, a fixed disk: PreventAllow.*, StartStopUnit.*, NoMedia.NoMediaSBC skip (CHECK_FOR_REMOVABLE)")
    void theMediumIsNotRemovable() {
        assertThat(in(Cdbs.inquiry(255), 255)[1] & 0x80).isZero();
    }

    @Test
    @DisplayName("PROTECT=0 and PROT_EN=0: the *Protect tests expect 24h/00h for every non-zero protection field")
    void noProtectionInformation() {
        assertThat(in(Cdbs.inquiry(255), 255)[5] & 0x01).isZero();
        assertThat(in(Cdbs.readCapacity16(32), 32)[12] & 0x01).isZero();
    }

    @Test
    @DisplayName("LBPME=1, LBPRZ=1 and LBPPBE=0: thin-provisioning tests run; the LBPPB>1 ones skip")
    void thinProvisionedWithOneLogicalBlockPerPhysicalBlock() {
        byte[] rc16 = in(Cdbs.readCapacity16(32), 32);
        assertThat(rc16[14] & 0xC0).as("LBPME, LBPRZ").isEqualTo(0xC0);
        // lbppb = 1: GetLBAStatus.UnmapSingle expects a descriptor at i + lbppb after reading at i + 1,
        // which only a device with one logical block per physical block can satisfy.
        assertThat(rc16[13] & 0x0F).as("LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT").isZero();
    }

    @Test
    @DisplayName("LBPU, LBPWS, LBPWS10 set: Unmap.*, WriteSame*.Unmap* run")
    void logicalBlockProvisioningPageAdvertisesUnmapAndWriteSameUnmap() {
        byte[] b2 = in(Cdbs.inquiry(true, 0xB2, 64), 64);
        assertThat(b2[5] & 0xE0).isEqualTo(0xE0);
        assertThat(b2[5] & 0x10).as("ANC_SUP: ANCHOR is refused").isZero();
    }

    @Test
    @DisplayName("WP=0 in the MODE SENSE(6) header: ReadOnly.ReadOnlySBC skips (CHECK_FOR_READONLY); DPOFUA=1")
    void notWriteProtectedAndDpoFuaSupported() {
        byte[] ms = in(Cdbs.modeSense6(false, 0, 0x3F, 0, 255), 255);
        assertThat(ms[2] & 0x80).isZero();
        assertThat(ms[2] & 0x10).isEqualTo(0x10);
    }

    @Test
    @DisplayName("REPORT SUPPORTED OPERATION CODES lists every SANITIZE service action the Sanitize tests look up")
    void supportedOperationCodesListSanitize() {
        byte[] c = Cdbs.reportSupportedOperationCodes(0, 0, 0, 65535);
        c[2] |= (byte) 0x80; // RCTD, as iscsi-test-cu asks
        byte[] d = in(c, 65535);
        int each = 20;
        java.util.Set<Integer> sanitize = new java.util.HashSet<>();
        for (int off = 4; off < d.length; off += each)
            if ((d[off] & 0xFF) == Opcode.SANITIZE) sanitize.add(Bytes.u16(d, off + 2));
        assertThat(sanitize).containsExactlyInAnyOrder(0x01, 0x02, 0x03, 0x1F);
    }
}
