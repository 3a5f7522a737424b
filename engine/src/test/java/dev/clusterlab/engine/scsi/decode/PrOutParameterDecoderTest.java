package dev.clusterlab.engine.scsi.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrOutParameterDecoderTest {

    private static final TransportId.Iscsi NODE_B = TransportId.Iscsi.port("iqn.2026-11.dev.clusterlab:node-b", 0x23d000000002L);

    private static DecodedField field(DecodedField root, String name) {
        DecodedField f = root.find(name);
        assertThat(f).as("field %s in%n%s", name, ScsiDecoder.render(root)).isNotNull();
        return f;
    }

    @Test
    @DisplayName("SPC-4 §6.16.3: the basic list has RK at 0-7, SARK at 8-15 and the flags in byte 20")
    void basicParameterList() {
        byte[] params = Cdbs.prOutParameters(0xB, 0xA, true, true);
        DecodedField root = ScsiDecoder.decodePrOutParameters(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24), params);
        DecodedField rk = field(root, "Reservation key");
        assertThat(rk.value()).isEqualTo("0xb");
        assertThat(rk.offset()).isZero();
        assertThat(rk.length()).isEqualTo(8);
        DecodedField sark = field(root, "Service action reservation key");
        assertThat(sark.numeric()).hasValue(0xA);
        assertThat(sark.offset()).isEqualTo(8);
        assertThat(field(root, "SPEC_I_PT").numeric()).hasValue(0);
        DecodedField allTgPt = field(root, "ALL_TG_PT");
        assertThat(allTgPt.numeric()).hasValue(1);
        assertThat(allTgPt.offset()).isEqualTo(20);
        assertThat(allTgPt.bitOffset()).isEqualTo(2);
        assertThat(field(root, "APTPL").bitOffset()).isZero();
        assertThat(root.flatten()).allMatch(f -> f.severity() == Severity.OK);
    }

    @Test
    @DisplayName("SPC-4 §6.16.3: with SPEC_I_PT=1 the TransportIDs follow the length at 24-27")
    void specIptTransportIdList() {
        TransportId fc = new TransportId.FibreChannel(0x2100001B32A0B0C0L);
        TransportId sas = new TransportId.Sas(0x5000C50012345678L);
        byte[] params = Cdbs.prOutParameters(0, 0xA1, false, false, NODE_B, fc, sas);
        DecodedField root = ScsiDecoder.decodePrOutParameters(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, params.length), params);
        int iscsiLength = NODE_B.encode().length;
        assertThat(field(root, "TransportID parameter data length").numeric()).hasValue(iscsiLength + 48);
        DecodedField list = field(root, "TransportIDs");
        assertThat(list.offset()).isEqualTo(28);
        assertThat(list.children()).hasSize(3);

        DecodedField iscsi = list.children().get(0);
        assertThat(iscsi.value()).isEqualTo("iqn.2026-11.dev.clusterlab:node-b,i,0x23d000000002");
        assertThat(iscsi.offset()).isEqualTo(28);
        assertThat(iscsi.length()).isEqualTo(iscsiLength);
        assertThat(field(iscsi, "Format code").numeric()).hasValue(1);
        assertThat(field(iscsi, "Protocol identifier").value()).isEqualTo("iSCSI (5h)");
        DecodedField name = field(iscsi, "iSCSI name");
        assertThat(name.value()).isEqualTo("iqn.2026-11.dev.clusterlab:node-b");
        assertThat(name.offset()).isEqualTo(32);
        assertThat(field(iscsi, "ISID").value()).isEqualTo("23d000000002");
        assertThat(field(iscsi, "ISID").offset()).isEqualTo(32 + name.length() + 5);

        DecodedField fcId = list.children().get(1);
        assertThat(fcId.offset()).isEqualTo(28 + iscsiLength);
        assertThat(field(fcId, "N_Port name").value()).isEqualTo("0x2100001b32a0b0c0");
        assertThat(field(fcId, "N_Port name").offset()).isEqualTo(28 + iscsiLength + 8);

        DecodedField sasId = list.children().get(2);
        assertThat(sasId.value()).isEqualTo("sas.0x5000c50012345678");
        assertThat(field(sasId, "SAS address").offset()).isEqualTo(28 + iscsiLength + 24 + 4);
    }

    @Test
    @DisplayName("SPC-4 §7.6.4.6: iSCSI format 00b names the initiator device only")
    void iscsiDeviceFormatHasNoIsid() {
        byte[] params = Cdbs.prOutParameters(0, 1, false, false, TransportId.Iscsi.device("iqn.2026-11.x:y"));
        DecodedField id = field(ScsiDecoder.decodePrOutParameters(Cdbs.persistentReserveOut(0, 0, 0, params.length), params), "TransportID 0");
        assertThat(id.value()).isEqualTo("iqn.2026-11.x:y");
        assertThat(field(id, "Format code").numeric()).hasValue(0);
        assertThat(id.find("ISID")).isNull();
    }

    @Test
    @DisplayName("SPC-4 §6.16.4: REGISTER AND MOVE list has UNREG/APTPL at 17, RTPI at 18-19, TransportID from 24")
    void registerAndMoveList() {
        byte[] params = Cdbs.registerAndMoveParameters(0xA, 0xB, true, false, 2, NODE_B);
        DecodedField root = ScsiDecoder.decodePrOutParameters(
                Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_MOVE, 0, 5, params.length), params);
        assertThat(root.name()).isEqualTo("PR OUT parameter list (REGISTER AND MOVE)");
        assertThat(field(root, "UNREG").numeric()).hasValue(1);
        assertThat(field(root, "UNREG").offset()).isEqualTo(17);
        assertThat(field(root, "Relative target port identifier").numeric()).hasValue(2);
        assertThat(field(root, "Relative target port identifier").offset()).isEqualTo(18);
        assertThat(field(root, "TransportID length").numeric()).hasValue(NODE_B.encode().length);
        DecodedField tid = field(root, "TransportID");
        assertThat(tid.offset()).isEqualTo(24);
        assertThat(tid.value()).isEqualTo(NODE_B.displayName());
        assertThat(root.find("SPEC_I_PT")).isNull();
    }

    @Test
    void truncatedTransportIdIsMarked() {
        byte[] full = Cdbs.prOutParameters(0, 0xA1, false, false, NODE_B);
        byte[] params = Arrays.copyOf(full, full.length - 10);
        DecodedField root = ScsiDecoder.decodePrOutParameters(Cdbs.persistentReserveOut(0, 0, 0, full.length), params);
        assertThat(field(root, "TransportIDs").note()).startsWith("truncated");
        assertThat(field(root, "TransportID 0").value()).isEmpty();
        assertThat(root.note()).contains("PARAMETER LIST LENGTH is " + full.length);
    }

    @Test
    void invalidTransportIdIsAnError() {
        byte[] params = Cdbs.prOutParameters(0, 1, false, false, new TransportId.FibreChannel(7));
        params[28] = 0x40; // FC with format 01b does not exist
        DecodedField id = field(ScsiDecoder.decodePrOutParameters(Cdbs.persistentReserveOut(0, 0, 0, params.length), params), "TransportID 0");
        assertThat(id.severity()).isEqualTo(Severity.ERROR);
        assertThat(id.note()).contains("not a valid Fibre Channel TransportID");
    }

    @Test
    @DisplayName("SPC-4 §4.3.2: reserved byte 21 and bit 20.1 must be zero")
    void reservedParameterBitsAreFlagged() {
        byte[] params = Cdbs.prOutParameters(1, 2, false, false);
        params[20] |= 0x02;
        params[21] = (byte) 0xFF;
        DecodedField root = ScsiDecoder.decodePrOutParameters(Cdbs.persistentReserveOut(0, 0, 0, 24), params);
        var reserved = root.children().stream().filter(f -> f.name().equals("Reserved")).toList();
        assertThat(reserved).extracting(DecodedField::offset).containsExactly(20, 21);
        assertThat(reserved.get(0).bitOffset()).isEqualTo(1);
        assertThat(reserved.get(0).bitWidth()).isEqualTo(1);
    }

    @Test
    @DisplayName("SPC-4 §6.16.1: a SPEC_I_PT=0 list is exactly 24 bytes")
    void extraBytesAfterABasicListAreFlagged() {
        byte[] params = Arrays.copyOf(Cdbs.prOutParameters(1, 2, false, false), 28);
        DecodedField extra = field(ScsiDecoder.decodePrOutParameters(Cdbs.persistentReserveOut(0, 0, 0, 28), params), "Extra bytes");
        assertThat(extra.offset()).isEqualTo(24);
        assertThat(extra.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void shortListDecodesWhatIsThere() {
        byte[] params = Bytes.fromHex("00000000 0000000B 0000");
        DecodedField root = ScsiDecoder.decodePrOutParameters(Cdbs.persistentReserveOut(0, 0, 0, 24), params);
        assertThat(field(root, "Reservation key").numeric()).hasValue(0xB);
        assertThat(field(root, "Service action reservation key").value()).isEqualTo("(truncated)");
    }
}
