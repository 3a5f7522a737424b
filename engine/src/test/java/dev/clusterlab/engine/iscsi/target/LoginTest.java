package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Chap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Login phase, RFC 7143 §6.3, §11.12/§11.13, §12.1.3 and the notes' key table (§1.4). */
class LoginTest {
    private static final ChapSecret CHAP = new ChapSecret("alice", "alice-secret-123");
    private static final ChapSecret MUTUAL = new ChapSecret("target-user", "target-secret-456");

    @Test
    @DisplayName("§6.3: a one-PDU login (CSG=1, NSG=3, T=1) reaches full feature with a non-zero TSIH")
    void loginWithoutAuthentication() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 0x80_0000_0001L)) {
            Pdu.LoginResponse r = i.login(TargetFixture.IQN);
            assertThat(r.statusClass()).isZero();
            assertThat(r.transit()).isTrue();
            assertThat(r.nextStage()).isEqualTo(3);
            assertThat(r.tsih()).isNotZero();
            assertThat(r.isid()).isEqualTo(0x80_0000_0001L);
            assertThat(f.events).anyMatch(e -> e instanceof TargetEvent.LoggedIn l && l.sessionType().equals("Normal"));
        }
    }

    @Test
    @DisplayName("§13.9/§1.4: the first response carries TargetPortalGroupTag and answers every offered key")
    void everyOfferedKeyIsAnswered() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.maxBurst = 16_777_215;
            i.login(TargetFixture.IQN);
            assertThat(i.answers).containsEntry("TargetPortalGroupTag", "1")
                    .containsEntry("HeaderDigest", "None").containsEntry("DataDigest", "None")
                    .containsEntry("InitialR2T", "Yes").containsEntry("ImmediateData", "Yes")
                    .containsEntry("MaxBurstLength", Integer.toString(TargetLimits.DEFAULT.maxBurstLength()))
                    .containsEntry("FirstBurstLength", "65536").containsEntry("MaxOutstandingR2T", "1")
                    .containsEntry("MaxConnections", "1").containsEntry("ErrorRecoveryLevel", "0")
                    .containsEntry("DataPDUInOrder", "Yes").containsEntry("DataSequenceInOrder", "Yes")
                    .containsEntry("DefaultTime2Wait", "2").containsEntry("DefaultTime2Retain", "0")
                    .containsEntry("IFMarker", "No").containsEntry("OFMarker", "No")
                    .containsEntry("MaxRecvDataSegmentLength", Integer.toString(TargetLimits.DEFAULT.maxRecvDataSegmentLength()));
        }
    }

    @Test
    @DisplayName("§6.2: an unknown key is answered NotUnderstood; nothing unknown to open-iscsi is volunteered")
    void unknownKeyIsNotUnderstood() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            var keys = TestInitiator.keys("InitiatorName", "iqn.2026-01.test:a", "TargetName", TargetFixture.IQN,
                    "X-com.example.Frobnicate", "7");
            Pdu.LoginResponse r = i.loginStep(1, 3, true, keys);
            assertThat(r.statusClass()).isZero();
            assertThat(i.answers).containsEntry("X-com.example.Frobnicate", "NotUnderstood");
            assertThat(i.answers.keySet()).containsOnly("X-com.example.Frobnicate", "TargetPortalGroupTag", "MaxRecvDataSegmentLength");
        }
    }

    @Test
    @DisplayName("§11.13.5: status 0203h for a target name the portal does not serve")
    void unknownTargetIsNotFound() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            Pdu.LoginResponse r = i.login("iqn.2026-11.dev.clusterlab:nope");
            assertThat(r.statusClass()).isEqualTo(2);
            assertThat(r.statusDetail()).isEqualTo(3);
            assertThat(i.closedByTarget()).isTrue();
            assertThat(f.events).anyMatch(e -> e instanceof TargetEvent.LoginFailed);
        }
    }

    @Test
    @DisplayName("§11.13.5: status 0202h when the initiator is not in the target's ACL; names compare case-insensitively")
    void aclRejectsOtherInitiators() throws Exception {
        var def = TargetFixture.target(TargetFixture.IQN, 1, null, null, Set.of("iqn.2026-01.test:Allowed"));
        try (TargetFixture f = TargetFixture.start(List.of(def), TargetLimits.DEFAULT)) {
            try (TestInitiator bad = f.initiator("iqn.2026-01.test:other", 1)) {
                Pdu.LoginResponse r = bad.login(TargetFixture.IQN);
                assertThat(r.statusClass() << 8 | r.statusDetail()).isEqualTo(0x0202);
            }
            try (TestInitiator good = f.initiator("iqn.2026-01.test:allowed", 1)) {
                assertThat(good.login(TargetFixture.IQN).statusClass()).isZero();
            }
        }
    }

    @Test
    @DisplayName("§11.13.5: status 0207h when InitiatorName is missing")
    void missingInitiatorName() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("x", 1)) {
            Pdu.LoginResponse r = i.loginStep(1, 3, true, TestInitiator.keys("TargetName", TargetFixture.IQN));
            assertThat(r.statusClass() << 8 | r.statusDetail()).isEqualTo(0x0207);
        }
    }

    @Test
    @DisplayName("§11.12: a login with a non-zero minimum version is refused with 0205h")
    void unsupportedVersion() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.send(new Pdu.LoginRequest(true, false, 1, 3, 2, 1, 1, 0, 1, 0, 1, 0,
                    dev.clusterlab.engine.iscsi.pdu.TextCodec.encode(TestInitiator.keys("InitiatorName", "iqn.2026-01.test:a"))));
            Pdu.LoginResponse r = (Pdu.LoginResponse) i.receive();
            assertThat(r.statusClass() << 8 | r.statusDetail()).isEqualTo(0x0205);
        }
    }

    private static TargetFixture chapTarget(ChapSecret mutual) throws Exception {
        return TargetFixture.start(List.of(TargetFixture.target(TargetFixture.IQN, 1, CHAP, mutual, Set.of())), TargetLimits.DEFAULT);
    }

    @Test
    @DisplayName("§12.1.3: CHAP-MD5 with the right secret logs in")
    void chapLogin() throws Exception {
        try (TargetFixture f = chapTarget(null); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            Pdu.LoginResponse r = i.chapLogin(TargetFixture.IQN, CHAP.user(), CHAP.secret(), null, null, null);
            assertThat(r.statusClass()).isZero();
            assertThat(r.nextStage()).isEqualTo(3);
            assertThat(i.answers).containsEntry("AuthMethod", "CHAP").containsEntry("CHAP_A", "5");
            assertThat(i.answers.get("CHAP_C")).startsWith("0x").hasSize(2 + 32);
            assertThat(i.noData(0, dev.clusterlab.engine.scsi.Cdbs.testUnitReady()).status()).isIn(0, 2);
        }
    }

    @Test
    @DisplayName("§12.1.3: a wrong CHAP response fails with 0201h authentication failure")
    void badChapSecret() throws Exception {
        try (TargetFixture f = chapTarget(null); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            Pdu.LoginResponse r = i.chapLogin(TargetFixture.IQN, CHAP.user(), "not-the-secret-x", null, null, null);
            assertThat(r.statusClass() << 8 | r.statusDetail()).isEqualTo(0x0201);
            assertThat(i.closedByTarget()).isTrue();
        }
    }

    @Test
    @DisplayName("§12.1.3: a target that requires CHAP refuses AuthMethod=None with 0201h")
    void chapRequired() throws Exception {
        try (TargetFixture f = chapTarget(null); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            Pdu.LoginResponse r = i.loginStep(0, 1, true, TestInitiator.keys("InitiatorName", "iqn.2026-01.test:a",
                    "TargetName", TargetFixture.IQN, "AuthMethod", "None"));
            assertThat(r.statusClass() << 8 | r.statusDetail()).isEqualTo(0x0201);
        }
    }

    @Test
    @DisplayName("§12.1.3: skipping the security stage on a CHAP target fails with 0201h")
    void chapCannotBeSkipped() throws Exception {
        try (TargetFixture f = chapTarget(null); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            assertThat(i.login(TargetFixture.IQN).statusDetail()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("§12.1.3: mutual CHAP — the target answers the initiator's challenge with its own name and secret")
    void mutualChap() throws Exception {
        try (TargetFixture f = chapTarget(MUTUAL); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            Pdu.LoginResponse r = i.chapLogin(TargetFixture.IQN, CHAP.user(), CHAP.secret(), MUTUAL.user(), MUTUAL.secret(),
                    TestInitiator.randomChallenge());
            assertThat(r.statusClass()).isZero();
            assertThat(r.nextStage()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("§12.1.3: a mutual challenge equal to the target's own (reflection) is refused")
    void reflectedChallengeIsRefused() throws Exception {
        try (TargetFixture f = chapTarget(MUTUAL); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.loginStep(0, 1, true, TestInitiator.keys("InitiatorName", i.name, "TargetName", TargetFixture.IQN,
                    "AuthMethod", "CHAP"));
            i.loginStep(0, 1, false, TestInitiator.keys("CHAP_A", "5"));
            int id = Integer.parseInt(i.answers.get("CHAP_I"));
            String theirs = i.answers.get("CHAP_C");
            byte[] c = Chap.decodeBinary(theirs);
            Pdu.LoginResponse r = i.loginStep(0, 1, true, TestInitiator.keys("CHAP_N", CHAP.user(),
                    "CHAP_R", Chap.encodeBinary(Chap.response(id, CHAP.secret(), c)), "CHAP_I", "9", "CHAP_C", theirs));
            assertThat(r.statusClass() << 8 | r.statusDetail()).isEqualTo(0x0201);
        }
    }

    @Test
    @DisplayName("§12.1.3: mutual CHAP against a target without a mutual secret fails")
    void mutualChapWithoutTargetSecretFails() throws Exception {
        try (TargetFixture f = chapTarget(null); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            Pdu.LoginResponse r = i.chapLogin(TargetFixture.IQN, CHAP.user(), CHAP.secret(), "x", "y", TestInitiator.randomChallenge());
            assertThat(r.statusClass() << 8 | r.statusDetail()).isEqualTo(0x0201);
        }
    }

    @Test
    @DisplayName("§13.1: CRC32C header and data digests negotiated at login apply from the first full-feature PDU")
    void digestsAfterLogin() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.digestsWanted = true;
            i.login(TargetFixture.IQN);
            assertThat(i.answers).containsEntry("HeaderDigest", "CRC32C").containsEntry("DataDigest", "CRC32C");
            assertThat(i.ping(new byte[] {1, 2, 3}).data()).containsExactly(1, 2, 3);
            byte[] data = new byte[20_000];
            java.util.Arrays.fill(data, (byte) 0x5A);
            assertThat(i.write(0, dev.clusterlab.engine.scsi.Cdbs.write10(0, data.length / 512 + 1),
                    java.util.Arrays.copyOf(data, (data.length / 512 + 1) * 512)).status()).isIn(0, 2);
        }
    }

    @Test
    @DisplayName("limits: sessions beyond maxSessions are refused with 0302h out of resources")
    void sessionLimit() throws Exception {
        TargetLimits one = new TargetLimits(1, 262_144, 65_536, 32, 1 << 20);
        try (TargetFixture f = TargetFixture.start(List.of(TargetFixture.target(TargetFixture.IQN, 1, null, null, Set.of())), one);
             TestInitiator a = f.session("iqn.2026-01.test:a", 1);
             TestInitiator b = f.initiator("iqn.2026-01.test:b", 2)) {
            Pdu.LoginResponse r = b.login(TargetFixture.IQN);
            assertThat(r.statusClass() << 8 | r.statusDetail()).isEqualTo(0x0302);
            assertThat(a.ping(new byte[0])).isNotNull();
        }
    }

    @Test
    @DisplayName("limits: login text longer than maxTextLength fails the login")
    void loginTextLimit() throws Exception {
        TargetLimits small = new TargetLimits(8, 262_144, 1024, 32, 1 << 20);
        try (TargetFixture f = TargetFixture.start(List.of(TargetFixture.target(TargetFixture.IQN, 1, null, null, Set.of())), small);
             TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            Pdu.LoginResponse r = i.loginStep(1, 3, true, TestInitiator.keys("InitiatorName", "iqn.2026-01.test:a",
                    "TargetName", TargetFixture.IQN, "X-pad", "p".repeat(2000)));
            assertThat(r.statusClass()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the test initiator notices a target that answers mutual CHAP with the wrong secret")
    void initiatorChecksMutualAnswer() throws Exception {
        try (TargetFixture f = chapTarget(MUTUAL); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            assertThatThrownBy(() -> i.chapLogin(TargetFixture.IQN, CHAP.user(), CHAP.secret(), MUTUAL.user(), "wrong-secret-9999",
                    TestInitiator.randomChallenge())).hasMessage(TestInitiator.TARGET_CHAP_SECRET_CHECK);
        }
    }
}
