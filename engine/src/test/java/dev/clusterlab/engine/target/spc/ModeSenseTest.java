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

/** MODE SENSE(6)/(10), SPC-4 §6.13-6.14, §7.5; block descriptors SBC-3 §6.4.2. */
class ModeSenseTest {
    private final LogicalUnit lu = TestLus.small();

    private byte[] sense6(boolean dbd, int pc, int page, int sub) {
        ScsiResponse r = dataIn(lu, Cdbs.modeSense6(dbd, pc, page, sub, 255), 255);
        assertGood(r);
        return r.dataIn();
    }

    private byte[] sense10(byte[] cdb) {
        ScsiResponse r = dataIn(lu, cdb, 4096);
        assertGood(r);
        return r.dataIn();
    }

    @Test
    void modeSense6OfTheCachingPageHasHeaderShortBlockDescriptorAndPage() {
        byte[] d = sense6(false, 0, 0x08, 0);
        assertThat(d).hasSize(4 + 8 + 20);
        assertThat(d[0] & 0xFF).as("MODE DATA LENGTH").isEqualTo(d.length - 1);
        assertThat(d[2] & 0x10).as("DPOFUA").isEqualTo(0x10);
        assertThat(d[3]).as("BLOCK DESCRIPTOR LENGTH").isEqualTo((byte) 8);
        assertThat(Bytes.u32(d, 4)).isEqualTo(BLOCKS);
        assertThat(Bytes.u24(d, 9)).isEqualTo(BLOCK_SIZE);
        assertThat(d[12] & 0x3F).isEqualTo(0x08);
        assertThat(d[13] & 0xFF).isEqualTo(0x12);
        assertThat(d[14] & 0x04).as("WCE on by default").isEqualTo(0x04);
    }

    @Test
    void dbdLeavesOutTheBlockDescriptor() {
        byte[] d = sense6(true, 0, 0x0A, 0);
        assertThat(d[3]).isZero();
        assertThat(d).hasSize(4 + 12);
        assertThat(d[4] & 0x3F).isEqualTo(0x0A);
    }

    @Test
    @DisplayName("MODE SENSE(10) with LLBAA returns the 16-byte long LBA block descriptor")
    void modeSense10WithLlbaaUsesTheLongBlockDescriptor() {
        byte[] c = Cdbs.modeSense10(false, 0, 0x01, 0, 4096);
        c[1] |= 0x10;
        byte[] d = sense10(c);
        assertThat(d[4] & 1).as("LONGLBA").isEqualTo(1);
        assertThat(Bytes.u16(d, 6)).isEqualTo(16);
        assertThat(Bytes.u64(d, 8)).isEqualTo(BLOCKS);
        assertThat(Bytes.u32(d, 20)).isEqualTo(BLOCK_SIZE);
        assertThat(Bytes.u16(d, 0)).isEqualTo(d.length - 2);
        assertThat(d[24] & 0x3F).isEqualTo(0x01);
    }

    @Test
    void modeSense10WithoutLlbaaUsesTheShortBlockDescriptor() {
        byte[] d = sense10(Cdbs.modeSense10(false, 0, 0x01, 0, 4096));
        assertThat(Bytes.u16(d, 6)).isEqualTo(8);
        assertThat(d[4] & 1).isZero();
    }

    @Test
    @DisplayName("SBC-3 §6.4.2: a block count beyond 32 bits reads FFFFFFFFh in the short descriptor")
    void shortBlockDescriptorSaturatesForHugeLus() {
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(512, 1L << 33)).build();
        ScsiResponse r = dataIn(big, Cdbs.modeSense6(false, 0, 0x08, 0, 255), 255);
        assertThat(Bytes.u32(r.dataIn(), 4)).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    @DisplayName("Page 3Fh subpage 00h returns every page_0 page; 3Fh/FFh adds the subpages")
    void allPagesAndAllSubpages() {
        byte[] all = sense6(true, 0, 0x3F, 0);
        assertThat(all).hasSize(4 + 12 + 20 + 12 + 12);
        byte[] withSub = sense10(Cdbs.modeSense10(true, 0, 0x3F, 0xFF, 4096));
        assertThat(withSub).hasSize(8 + 12 + 20 + 12 + 32 + 12);
    }

    @Test
    void controlExtensionSubpageIsReportedInSubpageFormat() {
        byte[] d = sense6(true, 0, 0x0A, 0x01);
        assertThat(d[4] & 0xFF).isEqualTo(0x4A);
        assertThat(d[5]).isEqualTo((byte) 1);
        assertThat(Bytes.u16(d, 6)).isEqualTo(0x1C);
    }

    @Test
    void changeableValuesShowTheMasks() {
        byte[] d = sense6(true, 1, 0x0A, 0);
        assertThat(d[4 + 2] & 0xFF).as("D_SENSE changeable").isEqualTo(0x04);
        assertThat(d[4 + 4] & 0xFF).as("SWP changeable").isEqualTo(0x08);
        assertThat(d[4 + 5] & 0xFF).as("TAS changeable").isEqualTo(0x40);
    }

    @Test
    void defaultValuesOfInformationalExceptionsHaveDexcptSet() {
        byte[] d = sense6(true, 2, 0x1C, 0);
        assertThat(d[4 + 2] & 0x08).isEqualTo(0x08);
    }

    @Test
    @DisplayName("SPC-4 §6.13: PC=11b (saved) -> 39h/00h SAVING PARAMETERS NOT SUPPORTED")
    void savedValuesAreNotSupported_39h_00h() {
        assertIllegal(dataIn(lu, Cdbs.modeSense6(false, 3, 0x08, 0, 255), 255), 0x39, 0x00, true, 2, 7);
    }

    @Test
    void unknownPageIsInvalidFieldInCdbPointingAtPageCode() {
        assertInvalidCdbField(dataIn(lu, Cdbs.modeSense6(false, 0, 0x19, 0, 255), 255), 2, 5);
    }

    @Test
    void unknownSubpageOfAKnownPageIsInvalidFieldInCdbPointingAtSubpageCode() {
        assertInvalidCdbField(dataIn(lu, Cdbs.modeSense6(false, 0, 0x08, 0x02, 255), 255), 3, -1);
    }

    @Test
    void allocationLengthTruncatesModeData() {
        ScsiResponse r = dataIn(lu, Cdbs.modeSense6(false, 0, 0x3F, 0, 4), 255);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(4);
        assertThat(r.dataIn()[0] & 0xFF).isEqualTo(4 + 8 + 56 - 1);
    }

    @Test
    void llbaaIsNotAFieldOfModeSense6() {
        byte[] c = Cdbs.modeSense6(false, 0, 0x08, 0, 255);
        c[1] |= 0x10;
        assertInvalidCdbField(dataIn(lu, c, 255), 1, 4);
    }

    @Test
    void currentValuesOfEveryPageStartAtTheDefaults() {
        byte[] current = sense10(Cdbs.modeSense10(true, 0, 0x3F, 0xFF, 4096));
        byte[] defaults = sense10(Cdbs.modeSense10(true, 2, 0x3F, 0xFF, 4096));
        assertThat(Arrays.copyOfRange(current, 8, current.length)).isEqualTo(Arrays.copyOfRange(defaults, 8, defaults.length));
    }
}
