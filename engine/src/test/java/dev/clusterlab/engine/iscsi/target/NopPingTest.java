package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Target NOP-In pings (RFC 7143 §11.19): sent on idle connections, answered ones keep it alive. */
class NopPingTest {

    @Test
    @DisplayName("§11.19: an idle connection gets a NOP-In with ITT reserved and a real TTT; StatSN is not advanced")
    void idleConnectionIsPinged() throws Exception {
        System.setProperty(IscsiTargetServer.NOP_INTERVAL_PROPERTY, "100");
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            System.clearProperty(IscsiTargetServer.NOP_INTERVAL_PROPERTY);
            int statSn = i.expStatSn;
            Pdu.NopIn ping = (Pdu.NopIn) i.receive();
            assertThat(ping.itt()).isEqualTo(Pdu.RESERVED_TAG);
            assertThat(ping.ttt()).isNotEqualTo(Pdu.RESERVED_TAG);
            assertThat(ping.statSn()).isEqualTo(statSn);
            i.send(new Pdu.NopOut(true, 0, Pdu.RESERVED_TAG, ping.ttt(), i.cmdSn, i.expStatSn, Pdu.NO_DATA));
            assertThat(i.ping(new byte[] {3}).data()).containsExactly(3);
        } finally {
            System.clearProperty(IscsiTargetServer.NOP_INTERVAL_PROPERTY);
        }
    }

    @Test
    @DisplayName("§11.19: a connection that ignores the target's pings is dropped as lost")
    void unansweredPingsDropTheConnection() throws Exception {
        System.setProperty(IscsiTargetServer.NOP_INTERVAL_PROPERTY, "100");
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            System.clearProperty(IscsiTargetServer.NOP_INTERVAL_PROPERTY);
            assertThat(i.closedByTarget()).isTrue();
            Thread.sleep(50);
            assertThat(f.events).anyMatch(e -> e instanceof TargetEvent.ConnectionLost c && c.reason().contains("NOP"));
        } finally {
            System.clearProperty(IscsiTargetServer.NOP_INTERVAL_PROPERTY);
        }
    }
}
