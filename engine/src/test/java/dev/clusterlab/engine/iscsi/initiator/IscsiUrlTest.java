package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** libiscsi's URL form: iscsi://[user%secret@]host[:port]/target-iqn/lun. */
class IscsiUrlTest {

    @Test
    void fullUrlGivesHostPortTargetLunAndChapCredentials() {
        IscsiUrl u = IscsiUrl.parse("iscsi://alice%s3cret-secret@10.0.0.5:3261/iqn.2026-11.com.example:disk1/7");
        assertThat(u.host()).isEqualTo("10.0.0.5");
        assertThat(u.port()).isEqualTo(3261);
        assertThat(u.targetName()).isEqualTo("iqn.2026-11.com.example:disk1");
        assertThat(u.lun()).isEqualTo(7);
        assertThat(u.chap()).isEqualTo(new ChapCredentials("alice", "s3cret-secret"));
    }

    @Test
    void portDefaultsTo3260() {
        IscsiUrl u = IscsiUrl.parse("iscsi://san.example/iqn.2026-11.com.example:t/0");
        assertThat(u.port()).isEqualTo(3260);
        assertThat(u.chap()).isNull();
    }

    @Test
    void bracketedIpv6HostKeepsItsColons() {
        IscsiUrl u = IscsiUrl.parse("iscsi://[::1]:3400/iqn.x:y/1");
        assertThat(u.host()).isEqualTo("::1");
        assertThat(u.port()).isEqualTo(3400);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(IscsiUrl.parse("iscsi://u%topsecret123@h/iqn.x:y/0").toString())
                .isEqualTo("iscsi://h:3260/iqn.x:y/0").doesNotContain("topsecret123");
    }

    @Test
    void missingLunIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://h:3260/iqn.x:y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/target-iqn/lun");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> IscsiUrl.parse("sg:///dev/sg3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an iSCSI URL");
    }

    @Test
    void nonNumericPortIsRefused() {
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://h:port/iqn.x:y/0")).hasMessageContaining("invalid port");
    }

    @Test
    void credentialsWithoutPercentAreRefused() {
        assertThatThrownBy(() -> IscsiUrl.parse("iscsi://user@h/iqn.x:y/0")).hasMessageContaining("user%secret");
    }
}
