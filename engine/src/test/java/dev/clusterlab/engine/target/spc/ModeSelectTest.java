package dev.clusterlab.engine.target.spc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MODE SELECT(6)/(10), SPC-4 §6.11-6.12. */
class ModeSelectTest {
    private final LogicalUnit lu = TestLus.small();

    /** MODE SELECT(6) parameter list: 4-byte header, no block descriptor, then the pages. */
    private static byte[] list6(byte[]... pages) {
        int len = 4;
        for (byte[] p : pages) len += p.length;
        byte[] d = new byte[len];
        int off = 4;
        for (byte[] p : pages) {
            System.arraycopy(p, 0, d, off, p.length);
            off += p.length;
        }
        return d;
    }

    private byte[] current(int page, int sub) {
        ScsiResponse r = dataIn(lu, Cdbs.modeSense6(true, 0, page, sub, 255), 255);
        assertGood(r);
        return java.util.Arrays.copyOfRange(r.dataIn(), 4, r.dataIn().length);
    }

    private ScsiResponse select6(byte[] list) { return dataOut(lu, Cdbs.modeSelect6(true, false, list.length), list); }

    @Test
    void clearingWceChangesTheCachingPage() {
        byte[] caching = current(0x08, 0);
        caching[2] &= ~0x04;
        assertGood(select6(list6(caching)));
        assertThat(current(0x08, 0)[2] & 0x04).isZero();
        assertThat(lu.state().mode().writeCacheEnabled()).isFalse();
    }

    @Test
    @DisplayName("Setting D_SENSE switches CHECK CONDITION sense to descriptor format")
    void settingDSenseIsVisibleToTheDeviceServer() {
        byte[] control = current(0x0A, 0);
        control[2] |= 0x04;
        assertGood(select6(list6(control)));
        assertThat(lu.state().mode().descriptorSense()).isTrue();
    }

    @Test
    void severalPagesInOneListAreAllApplied() {
        byte[] control = current(0x0A, 0), ie = current(0x1C, 0);
        control[5] |= 0x40; // TAS
        ie[3] = 0x04;       // MRIE 4h
        assertGood(select6(list6(control, ie)));
        assertThat(lu.state().mode().taskAbortedStatus()).isTrue();
        assertThat(current(0x1C, 0)[3]).isEqualTo((byte) 4);
    }

    @Test
    void modeSelect10WithALongLbaBlockDescriptorRestatingTheGeometryIsAccepted() {
        byte[] control = current(0x0A, 0);
        control[4] |= 0x08; // SWP
        byte[] d = new byte[8 + 16 + control.length];
        d[4] = 0x01; // LONGLBA
        Bytes.put16(d, 6, 16);
        Bytes.put64(d, 8, BLOCKS);
        Bytes.put32(d, 20, BLOCK_SIZE);
        System.arraycopy(control, 0, d, 24, control.length);
        assertGood(dataOut(lu, Cdbs.modeSelect10(true, false, d.length), d));
        assertThat(lu.state().mode().softwareWriteProtect()).isTrue();
    }

    @Test
    @DisplayName("SWP=1 makes writes end in DATA PROTECT 27h/00h and sets WP in the mode header")
    void softwareWriteProtectRefusesWrites_27h_00h() {
        byte[] control = current(0x0A, 0);
        control[4] |= 0x08;
        assertGood(select6(list6(control)));
        assertCheck(dataOut(lu, Cdbs.write10(0, 1), new byte[512]), SenseKey.DATA_PROTECT, 0x27, 0x00);
        assertThat(dataIn(lu, Cdbs.modeSense6(true, 0, 0x0A, 0, 255), 255).dataIn()[2] & 0x80).isEqualTo(0x80);
        assertGood(dataIn(lu, Cdbs.read10(0, 1), 512));
    }

    @Test
    void subpageFormatPageWithUnchangedValuesIsAccepted() {
        assertGood(select6(list6(current(0x0A, 0x01))));
    }

    @Test
    void parameterListLengthZeroIsNotAnError() {
        assertGood(noData(lu, Cdbs.modeSelect6(true, false, 0)));
    }

    @Test
    @DisplayName("SP=1: no page is saveable -> 39h/00h SAVING PARAMETERS NOT SUPPORTED")
    void savePagesIsNotSupported_39h_00h() {
        byte[] list = list6(current(0x08, 0));
        assertIllegal(dataOut(lu, Cdbs.modeSelect6(true, true, list.length), list), 0x39, 0x00, true, 1, 0);
    }

    @Test
    void pageFormatZeroIsInvalidFieldInCdb() {
        byte[] list = list6(current(0x08, 0));
        assertInvalidCdbField(dataOut(lu, Cdbs.modeSelect6(false, false, list.length), list), 1, 4);
    }

    @Test
    @DisplayName("SPC-4 §6.11: changing a bit the changeable mask does not allow -> 26h/00h pointing at it")
    void changingANonChangeableBitIsInvalidFieldInParameterList() {
        byte[] caching = current(0x08, 0);
        caching[2] |= 0x10; // DISC is not changeable
        assertInvalidParameter(select6(list6(caching)), 4 + 2, 4);
    }

    @Test
    void rejectedListChangesNothing() {
        byte[] caching = current(0x08, 0), control = current(0x0A, 0);
        caching[2] &= ~0x04;
        control[2] |= 0x01; // RLEC is not changeable
        assertInvalidParameter(select6(list6(caching, control)), 4 + 20 + 2, 0);
        assertThat(lu.state().mode().writeCacheEnabled()).isTrue();
    }

    @Test
    void reservedQerrValueIsInvalidFieldInParameterList() {
        byte[] control = current(0x0A, 0);
        control[3] = 0x04; // QERR 10b
        assertInvalidParameter(select6(list6(control)), 4 + 3, 2);
    }

    @Test
    void reservedMrieValueIsInvalidFieldInParameterList() {
        byte[] ie = current(0x1C, 0);
        ie[3] = 0x08;
        assertInvalidParameter(select6(list6(ie)), 4 + 3, 3);
    }

    @Test
    void unknownPageIsInvalidFieldInParameterList() {
        byte[] page = new byte[12];
        page[0] = 0x19;
        page[1] = 10;
        assertInvalidParameter(select6(list6(page)), 4, 5);
    }

    @Test
    void wrongPageLengthIsInvalidFieldInParameterListPointingAtIt() {
        byte[] caching = java.util.Arrays.copyOf(current(0x08, 0), 12);
        caching[1] = 10;
        assertInvalidParameter(select6(list6(caching)), 5, -1);
    }

    @Test
    void nonZeroMediumTypeIsInvalidFieldInParameterList() {
        byte[] list = list6(current(0x08, 0));
        list[1] = 0x01;
        assertInvalidParameter(select6(list), 1, -1);
    }

    @Test
    @DisplayName("A page cut short by the PARAMETER LIST LENGTH -> 1Ah/00h PARAMETER LIST LENGTH ERROR")
    void truncatedPageIsParameterListLengthError_1Ah_00h() {
        byte[] list = list6(current(0x08, 0));
        assertCheck(dataOut(lu, Cdbs.modeSelect6(true, false, list.length - 3), list), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    void listShorterThanTheHeaderIsParameterListLengthError() {
        assertCheck(dataOut(lu, Cdbs.modeSelect6(true, false, 3), new byte[3]), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    void blockDescriptorLongerThanTheListIsParameterListLengthError() {
        byte[] list = new byte[4];
        list[3] = 8;
        assertCheck(dataOut(lu, Cdbs.modeSelect6(true, false, 4), list), SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    }

    @Test
    void blockDescriptorChangingTheBlockLengthIsInvalidFieldInParameterList() {
        byte[] list = new byte[12];
        list[3] = 8;
        Bytes.put24(list, 9, 4096);
        assertInvalidParameter(select6(list), 9, -1);
    }

    @Test
    void blockDescriptorOfOddLengthIsInvalidFieldInParameterList() {
        byte[] list = new byte[4 + 12];
        list[3] = 12;
        assertInvalidParameter(select6(list), 3, -1);
    }

    @Test
    void blockDescriptorWithZeroBlocksAndTheCurrentLengthIsAccepted() {
        byte[] list = new byte[12];
        list[3] = 8;
        Bytes.put24(list, 9, BLOCK_SIZE);
        assertGood(select6(list));
    }

    @Test
    void dataOutShorterThanTheParameterListLengthIsRefused() {
        byte[] list = list6(current(0x08, 0));
        assertCheck(dataOut(lu, Cdbs.modeSelect6(true, false, list.length + 4), list), SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
    }

    @Test
    void resetRestoresDefaultModeValues() {
        byte[] caching = current(0x08, 0);
        caching[2] &= ~0x04;
        assertGood(select6(list6(caching)));
        lu.state().reset();
        assertThat(lu.state().mode().writeCacheEnabled()).isTrue();
    }
}
