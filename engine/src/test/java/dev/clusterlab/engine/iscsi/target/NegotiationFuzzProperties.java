package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing login and text negotiation (issue 3, Robustness): random keys, values, stages and flags.
 * Every login request gets a Login Response or a closed connection, every Text Request a Text
 * Response or a Reject — and a session running beside them keeps working.
 */
class NegotiationFuzzProperties {
    private static final List<String> KEYS = List.of("InitiatorName", "TargetName", "SessionType", "AuthMethod", "CHAP_A",
            "CHAP_N", "CHAP_R", "CHAP_I", "CHAP_C", "HeaderDigest", "DataDigest", "MaxRecvDataSegmentLength", "MaxBurstLength",
            "FirstBurstLength", "InitialR2T", "ImmediateData", "MaxConnections", "ErrorRecoveryLevel", "SendTargets",
            "DefaultTime2Wait", "X-unknown", "TaskReporting", "IFMarkInt");
    private static TargetFixture fixture;
    private static TestInitiator witness;

    @BeforeContainer
    static void start() throws IOException {
        fixture = TargetFixture.start();
        witness = fixture.session("iqn.2026-01.test:witness", 0x42);
    }

    @AfterContainer
    static void stop() {
        witness.close();
        fixture.close();
    }

    @Provide
    Arbitrary<List<KeyValue>> keyValues() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMinLength(1).ofMaxLength(70)
                .withChars("abcXYZ_-.=\u00e9"));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("", "None", "CRC32C,None", "Yes", "No", "0", "1", "512",
                "16777216", "99999999999", "CHAP,None", "5", "0x00ff", "0bAAAA", "Discovery", "Normal", "All",
                TargetFixture.IQN, "iqn.2026-01.test:fuzz"), Arbitraries.strings().ofMaxLength(300));
        return Combinators.combine(key, value).as(KeyValue::new).list().ofMaxSize(12);
    }

    @Property(tries = 150)
    void loginRequestsAlwaysGetAnAnswer(@ForAll("keyValues") List<KeyValue> keys, @ForAll @IntRange(min = 0, max = 3) int csg,
                                        @ForAll @IntRange(min = 0, max = 3) int nsg, @ForAll boolean transit,
                                        @ForAll boolean cont, @ForAll @IntRange(min = 0, max = 2) int steps) throws IOException {
        try (TestInitiator i = fixture.initiator("iqn.2026-01.test:fuzz", 3)) {
            List<KeyValue> first = new ArrayList<>(TestInitiator.keys("InitiatorName", "iqn.2026-01.test:fuzz",
                    "TargetName", TargetFixture.IQN));
            first.addAll(keys);
            for (int s = 0; s <= steps; s++) {
                i.send(new Pdu.LoginRequest(transit, cont, csg, nsg, 0, 0, 3, 0, s, 0, 1, 0, TextCodec.encode(s == 0 ? first : keys)));
                Pdu p;
                try {
                    p = i.receive();
                } catch (EOFException | SocketException closed) {
                    break;
                }
                assertThat(p).isInstanceOf(Pdu.LoginResponse.class);
                if (((Pdu.LoginResponse) p).statusClass() != 0 || ((Pdu.LoginResponse) p).nextStage() == 3) break;
            }
        }
        assertThat(witness.ping(new byte[] {1}).data()).containsExactly(1);
    }

    @Property(tries = 100)
    void textRequestsAlwaysGetAnAnswer(@ForAll("keyValues") List<KeyValue> keys, @ForAll @Size(max = 64) byte[] raw,
                                       @ForAll boolean useRaw) throws IOException {
        Pdu p;
        try (TestInitiator i = fixture.session("iqn.2026-01.test:text-fuzz", 4)) {
            byte[] data = useRaw ? raw : TextCodec.encode(keys);
            i.send(new Pdu.TextRequest(true, true, false, 0, 9, Pdu.RESERVED_TAG, i.cmdSn, i.expStatSn, data));
            p = i.receive();
            assertThat(p).isInstanceOfAny(Pdu.TextResponse.class, Pdu.Reject.class);
            assertThat(i.ping(new byte[] {2}).data()).containsExactly(2);
            i.logout();
        }
        assertThat(witness.ping(new byte[] {1}).data()).containsExactly(1);
    }
}
