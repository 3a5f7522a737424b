package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Chap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import dev.clusterlab.engine.scsi.Cdbs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Negotiation rules (RFC 7143 §13), CHAP (§12.1.3), LUN addressing (SAM-5 §4.7) and transfer lengths. */
class NegotiationUnitsTest {

    private static Map<String, String> negotiate(OperationalNegotiation n, String... kv) {
        List<KeyValue> reply = new ArrayList<>();
        n.negotiate(TestInitiator.keys(kv), reply);
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (KeyValue k : reply) m.put(k.key(), k.value());
        return m;
    }

    @Test
    @DisplayName("§13.13/§13.14: burst lengths take the minimum; FirstBurstLength never exceeds MaxBurstLength")
    void burstLengths() {
        OperationalNegotiation n = new OperationalNegotiation(262_144, 131_072);
        Map<String, String> r = negotiate(n, "MaxBurstLength", "16776192", "FirstBurstLength", "262144");
        assertThat(r).containsEntry("MaxBurstLength", "131072").containsEntry("FirstBurstLength", "131072");
        assertThat(n.result().firstBurstLength()).isEqualTo(131_072);
    }

    @Test
    @DisplayName("§13.1: the first digest of the offer that we support is chosen; none supported -> Reject")
    void digests() {
        OperationalNegotiation n = new OperationalNegotiation(262_144, 262_144);
        assertThat(negotiate(n, "HeaderDigest", "CRC32C,None", "DataDigest", "MD5")).containsEntry("HeaderDigest", "CRC32C")
                .containsEntry("DataDigest", "Reject");
        assertThat(n.result().headerDigest()).isTrue();
        assertThat(n.result().dataDigest()).isFalse();
    }

    @Test
    @DisplayName("notes §1.4: MaxConnections=1 and ErrorRecoveryLevel=0 whatever is offered (open-iscsi insists)")
    void connectionsAndErl() {
        assertThat(negotiate(new OperationalNegotiation(8192, 262_144), "MaxConnections", "8", "ErrorRecoveryLevel", "2",
                "MaxOutstandingR2T", "16")).containsEntry("MaxConnections", "1").containsEntry("ErrorRecoveryLevel", "0")
                .containsEntry("MaxOutstandingR2T", "1");
    }

    @Test
    @DisplayName("§13.12: the initiator's MaxRecvDataSegmentLength is declarative: recorded, not answered")
    void initiatorSegmentLength() {
        OperationalNegotiation n = new OperationalNegotiation(8192, 262_144);
        assertThat(negotiate(n, "MaxRecvDataSegmentLength", "4096")).isEmpty();
        assertThat(n.result().initiatorMaxRecvDataSegmentLength()).isEqualTo(4096);
    }

    @Test
    @DisplayName("§6.2: malformed values are answered Reject")
    void malformedValues() {
        assertThat(negotiate(new OperationalNegotiation(8192, 262_144), "MaxBurstLength", "lots", "InitialR2T", "maybe"))
                .containsEntry("MaxBurstLength", "Reject").containsEntry("InitialR2T", "Reject");
    }

    @Test
    @DisplayName("RFC 1994 §4.1: CHAP_R = MD5(identifier || secret || challenge); hex and base64 binaries decode alike")
    void chapResponse() {
        byte[] c = {1, 2, 3};
        byte[] r = Chap.response(5, "secret-secret", c);
        assertThat(r).hasSize(16);
        assertThat(Chap.decodeBinary(Chap.encodeBinary(r))).isEqualTo(r);
        assertThat(Chap.decodeBinary("0b" + java.util.Base64.getEncoder().encodeToString(r))).isEqualTo(r);
        assertThat(Chap.decodeBinary("0xZZ")).isNull();
        assertThat(Chap.decodeBinary("12")).isNull();
    }

    @Test
    @DisplayName("§12.1.3: CHAP without MD5 among the offered algorithms fails")
    void chapAlgorithmMustIncludeMd5() {
        ChapAuthenticator a = new ChapAuthenticator(new ChapSecret("u", "twelve-chars"), null);
        List<KeyValue> reply = new ArrayList<>();
        assertThat(a.step(Map.of("CHAP_A", "6,7"), reply)).isEqualTo(ChapAuthenticator.Result.FAILED);
    }

    @Test
    @DisplayName("SAM-5 §4.7: peripheral (00b) and flat (01b) single-level LUNs decode; other forms do not")
    void lunAddressing() {
        assertThat(LunAddress.decode(LunAddress.encode(3))).isEqualTo(3);
        assertThat(LunAddress.decode(LunAddress.encode(300))).isEqualTo(300);
        assertThat(LunAddress.encode(300) >>> 62).isEqualTo(1);
        assertThat(LunAddress.decode(0x0001_0000_0000_0001L)).isEqualTo(-1); // second level present
        assertThat(LunAddress.decode(0x8000_0000_0000_0000L)).isEqualTo(-1); // logical unit addressing
    }

    @Test
    @DisplayName("SBC-3 §5.10: transfer lengths of READ/WRITE; READ(6) length 0 means 256 blocks")
    void transferLengths() {
        assertThat(TransferLength.read(Cdbs.read10(0, 8), 512)).isEqualTo(4096);
        assertThat(TransferLength.read(Cdbs.read6(0, 0), 512)).isEqualTo(256 * 512);
        assertThat(TransferLength.write(Cdbs.write16(0, 3), 4096)).isEqualTo(3 * 4096);
        assertThat(TransferLength.read(Cdbs.inquiry(36), 512)).isEqualTo(-1);
        assertThat(TransferLength.write(Cdbs.read10(0, 1), 512)).isEqualTo(-1);
        assertThat(TransferLength.withWriteBlocks(Cdbs.write10(0, 9), 2)).isEqualTo(Cdbs.write10(0, 2));
        assertThat(TransferLength.withWriteBlocks(Cdbs.write6(0, 9), 0)).isNull();
    }
}
