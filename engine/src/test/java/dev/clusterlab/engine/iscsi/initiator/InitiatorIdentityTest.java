package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One I_T nexus per node path: initiator port names as SPC-4 §7.6.4.6 TransportIDs carry them. */
class InitiatorIdentityTest {

    @Test
    void nodePathsGetTheirOwnNameAndIsid() {
        InitiatorIdentity a1 = InitiatorIdentity.forNodePath("iqn.2026-11.dev.clusterlab", "node-a", 1);
        InitiatorIdentity a2 = InitiatorIdentity.forNodePath("iqn.2026-11.dev.clusterlab", "node-a", 2);
        InitiatorIdentity b1 = InitiatorIdentity.forNodePath("iqn.2026-11.dev.clusterlab", "node-b", 1);
        assertThat(a1.portName()).isEqualTo("iqn.2026-11.dev.clusterlab:node-a,i,0x400000000001");
        assertThat(a2.portName()).isEqualTo("iqn.2026-11.dev.clusterlab:node-a,i,0x400000000002");
        assertThat(b1.port()).isNotEqualTo(a1.port());
    }

    @Test
    void isidIsAtMost48Bits() {
        assertThatThrownBy(() -> new InitiatorIdentity("iqn.x:y", 1L << 48)).hasMessageContaining("48 bits");
    }

    @Test
    void portNameParsesBackToTheSameIdentity() {
        InitiatorIdentity id = InitiatorIdentity.forNodePath("iqn.2026-11.dev.clusterlab", "node-b", 3);
        assertThat(InitiatorIdentity.parse(id.portName(), 0)).isEqualTo(id);
    }

    @Test
    void bareNameGetsTheDefaultIsid() {
        assertThat(InitiatorIdentity.parse("iqn.2026-11.x:y", 0x23D000000000L)).isEqualTo(new InitiatorIdentity("iqn.2026-11.x:y", 0x23D000000000L));
    }

    @Test
    void nonHexIsidIsRefused() {
        assertThatThrownBy(() -> InitiatorIdentity.parse("iqn.x:y,i,0xnothex", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hex");
    }
}
