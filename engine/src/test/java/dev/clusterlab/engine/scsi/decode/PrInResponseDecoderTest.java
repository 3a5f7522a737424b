package dev.clusterlab.engine.scsi.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrInResponseDecoderTest {

    private static DecodedField field(DecodedField root, String name) {
        DecodedField f = root.find(name);
        assertThat(f).as("field %s in%n%s", name, ScsiDecoder.render(root)).isNotNull();
        return f;
    }

    private static DecodedField decode(PrInAction action, byte[] data) {
        return ScsiDecoder.decodePrInResponse(Cdbs.persistentReserveIn(action, 16384), data);
    }

    @Test
    @DisplayName("SPC-4 §6.15.2: READ KEYS lists one 8-byte key per registration after the header")
    void readKeys() {
        DecodedField root = decode(PrInAction.READ_KEYS, Bytes.fromHex("00000007 00000010 000000000000000A 000000000000000B"));
        assertThat(field(root, "PRgeneration").numeric()).hasValue(7);
        assertThat(field(root, "Additional length").numeric()).hasValue(16);
        DecodedField keys = field(root, "Reservation keys");
        assertThat(keys.children()).extracting(DecodedField::value).containsExactly("0xa", "0xb");
        assertThat(keys.children()).extracting(DecodedField::offset).containsExactly(8, 16);
        assertThat(root.find("Truncated")).isNull();
    }

    @Test
    @DisplayName("SPC-4 §4.2.5.6: data cut by the allocation length decodes what arrived and says the rest is missing")
    void readKeysTruncatedByAllocationLength() {
        byte[] full = Bytes.fromHex("00000007 00000018 000000000000000A 000000000000000B 000000000000000C");
        DecodedField root = ScsiDecoder.decodePrInResponse(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 20), Arrays.copyOf(full, 20));
        DecodedField keys = field(root, "Reservation keys");
        assertThat(keys.value()).isEqualTo("3 registered");
        assertThat(keys.children()).hasSize(2);
        assertThat(keys.children().get(1).value()).isEqualTo("(truncated)");
        assertThat(keys.children().get(1).offset()).isEqualTo(16);
        assertThat(keys.children().get(1).length()).isEqualTo(4);
        DecodedField marker = field(root, "Truncated");
        assertThat(marker.offset()).isEqualTo(20);
        assertThat(marker.note()).isEqualTo("truncated: response is 32 bytes, 20 received (allocation length)");
    }

    @Test
    @DisplayName("pr-conformance §2.2: with allocation length 8 only the header arrives")
    void readKeysHeaderOnly() {
        DecodedField root = ScsiDecoder.decodePrInResponse(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8), Bytes.fromHex("00000003 00000008"));
        assertThat(field(root, "Reservation keys").children()).isEmpty();
        assertThat(field(root, "Truncated").severity()).isEqualTo(Severity.NOTE);
    }

    @Test
    @DisplayName("SPC-4 §6.15.3: READ RESERVATION key at 8-15, scope and type in byte 21")
    void readReservationWithReservation() {
        DecodedField root = decode(PrInAction.READ_RESERVATION, Bytes.fromHex("00000002 00000010 000000000000000A 00000000 00 05 0000"));
        assertThat(field(root, "Reservation key").offset()).isEqualTo(8);
        assertThat(field(root, "Reservation key").value()).isEqualTo("0xa");
        DecodedField type = field(root, "Type");
        assertThat(type.offset()).isEqualTo(21);
        assertThat(type.bitOffset()).isZero();
        assertThat(type.value()).isEqualTo("Write Exclusive, registrants only (5h)");
        assertThat(field(root, "Scope").value()).isEqualTo("LU_SCOPE (0h)");
    }

    @Test
    void readReservationWithoutReservation() {
        DecodedField root = decode(PrInAction.READ_RESERVATION, Bytes.fromHex("00000002 00000000"));
        assertThat(root.find("Reservation key")).isNull();
        assertThat(field(root, "Reservation").note()).isEqualTo("no persistent reservation");
    }

    @Test
    @DisplayName("SPC-4 §6.15.4: REPORT CAPABILITIES names every capability bit, ALLOW COMMANDS and the type mask")
    void reportCapabilities() {
        DecodedField root = decode(PrInAction.REPORT_CAPABILITIES, Bytes.fromHex("0008 9D 90 EA 01 0000"));
        for (String bit : new String[] {"RLR_C", "CRH", "SIP_C", "ATP_C", "PTPL_C", "TMV"})
            assertThat(field(root, bit).numeric()).as(bit).hasValue(1);
        assertThat(field(root, "PTPL_A").numeric()).hasValue(0);
        assertThat(field(root, "RLR_C").bitOffset()).isEqualTo(7);
        assertThat(field(root, "CRH").bitOffset()).isEqualTo(4);
        DecodedField allow = field(root, "Allow commands");
        assertThat(allow.offset()).isEqualTo(3);
        assertThat(allow.bitOffset()).isEqualTo(4);
        assertThat(allow.bitWidth()).isEqualTo(3);
        assertThat(allow.value()).isEqualTo("TEST UNIT READY allowed under WE and EA (1h)");
        DecodedField mask = field(root, "Persistent reservation type mask");
        assertThat(mask.children()).extracting(DecodedField::name)
                .containsExactly("WR_EX_AR", "EX_AC_RO", "WR_EX_RO", "EX_AC", "WR_EX", "EX_AC_AR");
        assertThat(mask.children()).allMatch(f -> f.numericOr(0) == 1);
        assertThat(root.flatten()).allMatch(f -> f.severity() == Severity.OK);
    }

    @Test
    void reportCapabilitiesWithWrongLengthIsFlagged() {
        DecodedField root = decode(PrInAction.REPORT_CAPABILITIES, Bytes.fromHex("0006 00 00 EA 01 0000"));
        assertThat(field(root, "Length").severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    @DisplayName("SPC-4 §6.15.5: READ FULL STATUS descriptors are 24 bytes plus a TransportID")
    void readFullStatus() {
        byte[] a = descriptor(0xA, true, 0x05, 1, new TransportId.Iscsi("iqn.2026-11.x:a", 1));
        byte[] b = descriptor(0xB, false, 0, 2, new TransportId.FibreChannel(0x2100000000000001L));
        byte[] data = new byte[8 + a.length + b.length];
        Bytes.put32(data, 0, 9);
        Bytes.put32(data, 4, a.length + b.length);
        System.arraycopy(a, 0, data, 8, a.length);
        System.arraycopy(b, 0, data, 8 + a.length, b.length);
        DecodedField root = decode(PrInAction.READ_FULL_STATUS, data);
        DecodedField list = field(root, "Full status descriptors");
        assertThat(list.children()).hasSize(2);
        DecodedField first = list.children().get(0);
        assertThat(first.offset()).isEqualTo(8);
        assertThat(first.length()).isEqualTo(a.length);
        assertThat(field(first, "R_HOLDER").numeric()).hasValue(1);
        assertThat(field(first, "R_HOLDER").offset()).isEqualTo(20);
        assertThat(field(first, "Type").value()).isEqualTo("Write Exclusive, registrants only (5h)");
        assertThat(field(first, "TransportID").value()).isEqualTo("iqn.2026-11.x:a,i,0x000000000001");
        assertThat(field(first, "TransportID").offset()).isEqualTo(32);
        DecodedField second = list.children().get(1);
        assertThat(second.offset()).isEqualTo(8 + a.length);
        assertThat(field(second, "Reservation key").value()).isEqualTo("0xb");
        assertThat(field(second, "Relative target port identifier").numeric()).hasValue(2);
        assertThat(field(second, "TransportID").value()).isEqualTo("fc.0x2100000000000001");
    }

    @Test
    void readFullStatusTruncatedInsideADescriptor() {
        byte[] a = descriptor(0xA, true, 0x05, 1, new TransportId.FibreChannel(1));
        byte[] data = new byte[8 + a.length];
        Bytes.put32(data, 4, a.length);
        System.arraycopy(a, 0, data, 8, a.length);
        DecodedField root = decode(PrInAction.READ_FULL_STATUS, Arrays.copyOf(data, 40));
        DecodedField first = field(root, "Descriptor 0");
        assertThat(first.length()).isEqualTo(32);
        assertThat(field(first, "TransportID").length()).isEqualTo(8);
        assertThat(field(root, "Truncated").note()).contains(data.length + " bytes, 40 received");
    }

    @Test
    void unknownServiceActionShowsRawData() {
        DecodedField root = ScsiDecoder.decodePrInResponse(Cdbs.persistentReserveIn(0x1F, 64), Bytes.fromHex("0102"));
        assertThat(field(root, "Parameter data").value()).isEqualTo("0102");
    }

    private static byte[] descriptor(long key, boolean holder, int scopeType, int rtpi, TransportId id) {
        byte[] tid = id.encode();
        byte[] d = new byte[24 + tid.length];
        Bytes.put64(d, 0, key);
        d[12] = (byte) (holder ? 1 : 0);
        d[13] = (byte) scopeType;
        Bytes.put16(d, 18, rtpi);
        Bytes.put32(d, 20, tid.length);
        System.arraycopy(tid, 0, d, 24, tid.length);
        return d;
    }
}
