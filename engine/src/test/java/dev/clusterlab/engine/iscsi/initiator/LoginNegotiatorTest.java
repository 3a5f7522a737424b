package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.pdu.Chap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The login state machine against scripted target answers (RFC 7143 §6.3, §12.1.3, §13). */
class LoginNegotiatorTest {
    private static final InitiatorIdentity ME = new InitiatorIdentity("iqn.2026-11.dev.clusterlab:node-a", 0x400000000001L);

    private static Pdu.LoginResponse response(boolean transit, int csg, int nsg, int tsih, String... kv) {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) keys.add(new KeyValue(kv[i], kv[i + 1]));
        return new Pdu.LoginResponse(transit, false, csg, nsg, 0, 0, ME.isid(), tsih, 1, 100, 1, 32, 0, 0,
                keys.isEmpty() ? Pdu.NO_DATA : TextCodec.encode(keys));
    }

    private static Map<String, String> keys(Pdu.LoginRequest r) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (KeyValue kv : TextCodec.parse(r.data(), 1 << 20)) m.put(kv.key(), kv.value());
        return m;
    }

    @Test
    void withoutChapTheFirstRequestGoesStraightFromOperationalToFullFeatureWithTsihZero() throws Exception {
        Pdu.LoginRequest first = new LoginNegotiator(ME, "iqn.t:1", InitiatorSettings.DEFAULT).first();
        assertThat(first.currentStage()).isEqualTo(1);
        assertThat(first.nextStage()).isEqualTo(3);
        assertThat(first.transit()).isTrue();
        assertThat(first.tsih()).isZero();
        assertThat(first.isid()).isEqualTo(ME.isid());
        assertThat(keys(first)).containsEntry("InitiatorName", ME.name()).containsEntry("TargetName", "iqn.t:1")
                .containsEntry("SessionType", "Normal").containsEntry("MaxConnections", "1").containsEntry("ErrorRecoveryLevel", "0");
    }

    @Test
    void keysTheTargetDoesNotAnswerKeepTheirRfcDefaults() throws Exception {
        LoginNegotiator n = new LoginNegotiator(ME, "iqn.t:1", InitiatorSettings.DEFAULT);
        n.first();
        var step = n.onResponse(response(true, 1, 3, 7));
        assertThat(step).isInstanceOfSatisfying(LoginNegotiator.Step.Done.class, d -> {
            SessionParameters p = d.parameters();
            assertThat(p.targetMaxRecvDataSegmentLength()).isEqualTo(8192); // §13.12 default
            assertThat(p.initialR2T()).isTrue(); // §13.10 default Yes
            assertThat(p.firstBurstLength()).isEqualTo(65536);
            assertThat(p.headerDigest()).isFalse();
            assertThat(p.tsih()).isEqualTo(7);
            assertThat(d.cmdSn()).isEqualTo(1);
            assertThat(d.expStatSn()).isEqualTo(101);
        });
    }

    @Test
    void firstBurstNeverExceedsMaxBurst() throws Exception {
        LoginNegotiator n = new LoginNegotiator(ME, "iqn.t:1", InitiatorSettings.DEFAULT);
        n.first();
        var d = (LoginNegotiator.Step.Done) n.onResponse(response(true, 1, 3, 7, "MaxBurstLength", "16384",
                "FirstBurstLength", "65536", "InitialR2T", "No", "MaxRecvDataSegmentLength", "4096"));
        assertThat(d.parameters().firstBurstLength()).isEqualTo(16384); // §13.14
        assertThat(d.parameters().initialR2T()).isFalse();
        assertThat(d.parameters().targetMaxRecvDataSegmentLength()).isEqualTo(4096);
    }

    @Test
    void chapRunsAlgorithmThenResponseThenOperationalStage() throws Exception {
        InitiatorSettings s = InitiatorSettings.DEFAULT.withChap(new ChapCredentials("u", "secret-secret"), null);
        LoginNegotiator n = new LoginNegotiator(ME, "iqn.t:1", s);
        Pdu.LoginRequest first = n.first();
        assertThat(first.currentStage()).isZero();
        assertThat(keys(first)).containsEntry("AuthMethod", "CHAP,None");
        var a = (LoginNegotiator.Step.Send) n.onResponse(response(false, 0, 0, 0, "AuthMethod", "CHAP"));
        assertThat(keys(a.request())).containsEntry("CHAP_A", "5");
        var r = (LoginNegotiator.Step.Send) n.onResponse(response(false, 0, 0, 0, "CHAP_A", "5", "CHAP_I", "9", "CHAP_C", "0x0102030405"));
        byte[] expected = Chap.response(9, "secret-secret", new byte[] {1, 2, 3, 4, 5});
        assertThat(keys(r.request())).containsEntry("CHAP_N", "u").containsEntry("CHAP_R", Chap.encodeBinary(expected));
        assertThat(r.request().transit()).isTrue();
        var ops = (LoginNegotiator.Step.Send) n.onResponse(response(true, 0, 1, 0));
        assertThat(ops.request().currentStage()).isEqualTo(1);
        assertThat(ops.request().nextStage()).isEqualTo(3);
        assertThat(keys(ops.request())).containsKey("HeaderDigest");
    }

    @Test
    void aChapAlgorithmOtherThanMd5IsRefused() throws Exception {
        LoginNegotiator n = new LoginNegotiator(ME, "iqn.t:1", InitiatorSettings.DEFAULT.withChap(new ChapCredentials("u", "s"), null));
        n.first();
        n.onResponse(response(false, 0, 0, 0, "AuthMethod", "CHAP"));
        assertThatThrownBy(() -> n.onResponse(response(false, 0, 0, 0, "CHAP_A", "7", "CHAP_I", "1", "CHAP_C", "0x01")))
                .isInstanceOf(LoginFailedException.class).hasMessageContaining("MD5");
    }

    @Test
    void aTargetDecliningChapWhenMutualChapIsRequiredIsRefused() throws Exception {
        LoginNegotiator n = new LoginNegotiator(ME, "iqn.t:1", InitiatorSettings.DEFAULT.withChap(new ChapCredentials("u", "s"),
                new ChapCredentials("t", "ts")));
        n.first();
        assertThatThrownBy(() -> n.onResponse(response(true, 0, 1, 0, "AuthMethod", "None")))
                .isInstanceOf(LoginFailedException.class).hasMessageContaining("mutual CHAP");
    }

    @Test
    void aResponseWithTheContinueBitIsFollowedByAnEmptyRequest() throws Exception {
        LoginNegotiator n = new LoginNegotiator(ME, "iqn.t:1", InitiatorSettings.DEFAULT);
        n.first();
        Pdu.LoginResponse partial = new Pdu.LoginResponse(false, true, 1, 0, 0, 0, ME.isid(), 0, 1, 100, 1, 32, 0, 0,
                TextCodec.encode(List.of(new KeyValue("MaxBurstLength", "65536"))));
        var s = (LoginNegotiator.Step.Send) n.onResponse(partial);
        assertThat(s.request().data()).isEmpty();
        assertThat(s.request().transit()).isFalse();
        var d = (LoginNegotiator.Step.Done) n.onResponse(response(true, 1, 3, 5));
        assertThat(d.parameters().maxBurstLength()).isEqualTo(65536);
    }

    @Test
    void aRefusalCarriesTheStatusClassAndDetailInWords() {
        LoginNegotiator n = new LoginNegotiator(ME, "iqn.t:1", InitiatorSettings.DEFAULT);
        n.first();
        Pdu.LoginResponse refused = new Pdu.LoginResponse(false, false, 1, 0, 0, 0, ME.isid(), 0, 1, 100, 1, 1, 2, 2, Pdu.NO_DATA);
        assertThatThrownBy(() -> n.onResponse(refused)).isInstanceOf(LoginFailedException.class)
                .hasMessageContaining("not authorized").hasMessageContaining("0x0202");
    }

    @Test
    void discoverySessionsOfferNoSessionKeys() throws Exception {
        Pdu.LoginRequest first = new LoginNegotiator(ME, null, InitiatorSettings.DEFAULT).first();
        assertThat(keys(first)).containsEntry("SessionType", "Discovery").doesNotContainKey("TargetName")
                .doesNotContainKey("InitialR2T").containsKey("MaxRecvDataSegmentLength");
    }
}
