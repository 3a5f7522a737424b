package dev.clusterlab.app.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The pieces of sg_persist's behaviour reproduced without a device: TransportID arguments, hex dumps, exit statuses. */
class PersistFormatsTest {

    @Test
    void symbolicIscsiPortIsFormat01bPaddedToAMultipleOf4() throws Exception {
        // sg_persist.c decode_sym_transportid(): alen = len + 1 rounded up to 4 (at least 20), byte 0 = 0x45 for ",i,0x"
        byte[] tid = TransportIdArgument.parse("iqn.x:a,i,0x400000000001");
        assertThat(tid[0]).isEqualTo((byte) 0x45);
        assertThat(tid[3]).isEqualTo((byte) 28); // 24 characters + NUL = 25 -> 28
        assertThat(tid).hasSize(32);
        assertThat(new String(tid, 4, 24)).isEqualTo("iqn.x:a,i,0x400000000001");
    }

    @Test
    void symbolicIscsiNameIsFormat00bAtLeast24Bytes() throws Exception {
        byte[] tid = TransportIdArgument.parse("iqn.x:a");
        assertThat(tid[0]).isEqualTo((byte) 0x05);
        assertThat(tid[3]).isEqualTo((byte) 20);
        assertThat(tid).hasSize(24);
    }

    @Test
    void hexTransportIdBytesAreTakenAsGiven() throws Exception {
        byte[] tid = TransportIdArgument.parse("6,0,0,0,50,6,5,b0,0,0,0,1");
        assertThat(tid).hasSize(24);
        assertThat(HexFormat.of().formatHex(tid, 0, 12)).isEqualTo("06000000500605b000000001");
    }

    @Test
    void aHexByteAboveFfIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> TransportIdArgument.parse("5,100")).hasMessage("build_transportid: hex number larger than 0xff at pos 3");
    }

    @Test
    void hexDumpWithAddressPutsAnExtraSpaceAfterTheEighthByte() {
        byte[] d = new byte[18];
        for (int i = 0; i < d.length; i++) d[i] = (byte) i;
        // sg_lib.c dStrHexFp(), no_ascii > 0
        assertThat(SgText.hex(d, 0, d.length, 1)).isEqualTo(
                " 00     00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f\n 10     10 11\n");
    }

    @Test
    void hexDumpWithoutAddressStartsAtColumnZero() {
        assertThat(SgText.hex(new byte[] {1, 2, 3}, 0, 3, -1)).isEqualTo("01 02 03\n");
    }

    @Test
    void reservationConflictIsExitStatus24() {
        assertThat(SgExitStatus.of(ScsiResponse.reservationConflict())).isEqualTo(24);
    }

    @Test
    void invalidFieldInParameterListIs19AndOtherIllegalRequestsAre5() {
        assertThat(SgExitStatus.of(ScsiResponse.checkCondition(SenseData.illegalRequest(AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST))))
                .isEqualTo(19);
        assertThat(SgExitStatus.of(ScsiResponse.checkCondition(SenseData.illegalRequest(AdditionalSense.INVALID_FIELD_IN_CDB))))
                .isEqualTo(5);
    }

    @Test
    void unitAttentionIs6AndDataProtectIs7() {
        assertThat(SgExitStatus.of(ScsiResponse.checkCondition(SenseData.unitAttention(AdditionalSense.REGISTRATIONS_PREEMPTED)))).isEqualTo(6);
        assertThat(SgExitStatus.of(ScsiResponse.checkCondition(SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.WRITE_PROTECTED))))
                .isEqualTo(7);
    }
}
