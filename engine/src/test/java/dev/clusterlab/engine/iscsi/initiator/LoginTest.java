package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.iscsi.target.ChapSecret;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login (RFC 7143 §6.3): AuthMethod None, CHAP-MD5 and mutual CHAP (§12.1.3), and refusals with clear errors. */
class LoginTest {
    private static final ChapSecret TARGET_CHAP = new ChapSecret("node-user", "initiator-secret-1");
    private static final ChapSecret TARGET_MUTUAL = new ChapSecret("target-user", "target-secret-22");

    private static OwnTarget chapTarget(ChapSecret mutual) throws Exception {
        return OwnTarget.start(List.of(OwnTarget.target(OwnTarget.IQN, TARGET_CHAP, mutual)), TargetLimits.DEFAULT);
    }

    @Test
    void loginWithoutAuthenticationReachesFullFeaturePhaseWithATsih() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            assertThat(s.isConnected()).isTrue();
            assertThat(s.parameters().tsih()).isNotZero();
            assertThat(s.parameters().targetPortalGroupTag()).isEqualTo(1);
            assertThat(s.execute(ScsiRequest.noData(Cdbs.testUnitReady())).isGood()).isTrue();
        }
    }

    @Test
    void chapLoginWithTheRightSecretSucceeds() throws Exception {
        try (OwnTarget t = chapTarget(null);
             IscsiSession s = t.session("node-a", OwnTarget.settings().withChap(new ChapCredentials("node-user", "initiator-secret-1"), null))) {
            assertThat(s.execute(ScsiRequest.noData(Cdbs.testUnitReady())).isGood()).isTrue();
        }
    }

    @Test
    void chapLoginWithAWrongSecretIsRefusedAsAuthenticationFailure_0201() throws Exception {
        try (OwnTarget t = chapTarget(null)) {
            assertThatThrownBy(() -> t.session("node-a",
                    OwnTarget.settings().withChap(new ChapCredentials("node-user", "wrong-secret-000"), null)))
                    .isInstanceOfSatisfying(LoginFailedException.class, e -> {
                        assertThat(e.isAuthenticationFailure()).isTrue();
                        assertThat(e.getMessage()).contains("authentication failed").contains("0x0201").contains(OwnTarget.IQN);
                    });
        }
    }

    @Test
    void targetRequiringChapRefusesALoginWithoutIt() throws Exception {
        try (OwnTarget t = chapTarget(null)) {
            assertThatThrownBy(() -> t.session("node-a"))
                    .isInstanceOfSatisfying(LoginFailedException.class, e -> assertThat(e.isAuthenticationFailure()).isTrue());
        }
    }

    @Test
    void mutualChapChecksTheTargetsAnswer() throws Exception {
        try (OwnTarget t = chapTarget(TARGET_MUTUAL);
             IscsiSession s = t.session("node-a", OwnTarget.settings().withChap(new ChapCredentials("node-user", "initiator-secret-1"),
                     new ChapCredentials("target-user", "target-secret-22")))) {
            assertThat(s.isConnected()).isTrue();
        }
    }

    @Test
    void mutualChapWithATargetThatDoesNotKnowOurExpectedSecretIsRefusedByUs() throws Exception {
        try (OwnTarget t = chapTarget(TARGET_MUTUAL)) {
            assertThatThrownBy(() -> t.session("node-a", OwnTarget.settings().withChap(
                    new ChapCredentials("node-user", "initiator-secret-1"), new ChapCredentials("target-user", "another-secret-33"))))
                    .isInstanceOfSatisfying(LoginFailedException.class, e -> {
                        assertThat(e.statusClass()).isEqualTo(-1);
                        assertThat(e.getMessage()).contains("mutual CHAP");
                    });
        }
    }

    @Test
    void unknownTargetNameIsRefusedAsNotFound_0203() throws Exception {
        try (OwnTarget t = OwnTarget.start()) {
            assertThatThrownBy(() -> IscsiSession.open(t.address(), "iqn.2026-11.nowhere:none", 0, OwnTarget.node("node-a"),
                    OwnTarget.settings()))
                    .isInstanceOfSatisfying(LoginFailedException.class, e -> {
                        assertThat(e.statusClass()).isEqualTo(2);
                        assertThat(e.statusDetail()).isEqualTo(3);
                        assertThat(e.getMessage()).contains("target not found");
                    });
        }
    }

    @Test
    void connectingToAClosedPortFailsWithTheAddress() throws Exception {
        java.net.InetSocketAddress nothing;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nothing = new java.net.InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
        java.net.InetSocketAddress addr = nothing;
        assertThatThrownBy(() -> IscsiSession.open(addr, OwnTarget.IQN, 0, OwnTarget.node("node-a"), OwnTarget.settings()))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot connect").hasMessageContaining(String.valueOf(addr.getPort()));
    }

    @Test
    void describeNamesUrlAndInitiatorPort() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            assertThat(s.describe()).isEqualTo("iscsi://127.0.0.1:" + t.address().getPort() + "/" + OwnTarget.IQN
                    + "/0 as iqn.2026-11.dev.clusterlab:node-a,i,0x400000000001");
        }
    }

    @Test
    void urlWithCredentialsLogsInWithChap() throws Exception {
        try (OwnTarget t = chapTarget(null);
             IscsiSession s = IscsiSession.open(IscsiUrl.parse("iscsi://node-user%initiator-secret-1@127.0.0.1:" + t.address().getPort()
                     + "/" + OwnTarget.IQN + "/1"), OwnTarget.node("node-a"), OwnTarget.settings())) {
            assertThat(s.execute(ScsiRequest.noData(Cdbs.testUnitReady())).isGood()).isTrue();
        }
    }
}
