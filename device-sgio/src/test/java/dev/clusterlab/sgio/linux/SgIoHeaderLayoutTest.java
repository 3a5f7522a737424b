package dev.clusterlab.sgio.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** struct sg_io_hdr on x86_64 as gcc lays it out (offsetof/sizeof, reference notes §4.1). */
class SgIoHeaderLayoutTest {

    @Test
    @DisplayName("sizeof(struct sg_io_hdr) is 88 on x86_64")
    void structureIs88Bytes() {
        assertThat(new SgIoHeader().size()).isEqualTo(88).isEqualTo(SgIoHeader.SIZE);
    }

    @Test
    void structureHas22Fields() {
        assertThat(new SgIoHeader().fieldNames()).hasSize(22);
    }

    @ParameterizedTest(name = "{0} at offset {1}")
    @CsvSource({
        "interfaceId, 0", "dxferDirection, 4", "cmdLen, 8", "mxSbLen, 9", "iovecCount, 10", "dxferLen, 12",
        "dxferp, 16", "cmdp, 24", "sbp, 32", "timeout, 40", "flags, 44", "packId, 48",
        "usrPtr, 56", // after 4 bytes of padding: pointers are 8-aligned
        "status, 64", "maskedStatus, 65", "msgStatus, 66", "sbLenWr, 67", "hostStatus, 68", "driverStatus, 70",
        "resid, 72", "duration, 76", "info, 80"})
    void fieldSitsAtTheCOffset(String field, int offset) {
        assertThat(new SgIoHeader().offsetOf(field)).isEqualTo(offset);
    }

    @Test
    void writtenFieldsLandAtTheirNativeOffsets() {
        SgIoHeader h = new SgIoHeader();
        h.interfaceId = 'S';
        h.dxferDirection = SgIoHeader.SG_DXFER_FROM_DEV;
        h.cmdLen = 10;
        h.mxSbLen = (byte) 96;
        h.dxferLen = 8192;
        h.timeout = 60_000;
        h.packId = 0x11223344;
        h.write();
        Pointer p = h.getPointer();
        assertThat(p.getInt(0)).isEqualTo('S');
        assertThat(p.getInt(4)).isEqualTo(-3);
        assertThat(p.getByte(8)).isEqualTo((byte) 10);
        assertThat(p.getByte(9) & 0xFF).isEqualTo(96);
        assertThat(p.getInt(12)).isEqualTo(8192);
        assertThat(p.getInt(40)).isEqualTo(60_000);
        assertThat(p.getInt(48)).isEqualTo(0x11223344);
    }

    @Test
    void unsignedOutputFieldsReadAsUnsigned() {
        SgIoHeader h = new SgIoHeader();
        h.write();
        Pointer p = h.getPointer();
        p.setByte(64, (byte) 0x82);
        p.setByte(67, (byte) 0xFF);
        p.setShort(68, (short) 0xFFFE);
        p.setShort(70, (short) 0x8008);
        h.read();
        assertThat(h.statusUnsigned()).isEqualTo(0x82);
        assertThat(h.sbLenWrUnsigned()).isEqualTo(255);
        assertThat(h.hostStatusUnsigned()).isEqualTo(0xFFFE);
        assertThat(h.driverStatusUnsigned()).isEqualTo(0x8008);
    }
}
