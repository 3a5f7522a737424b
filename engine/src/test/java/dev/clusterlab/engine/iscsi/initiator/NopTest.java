package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.TargetEvent;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import org.junit.jupiter.api.Test;

/** NOP-Out/NOP-In (RFC 7143 §11.18, §11.19): target pings are answered; our own ping gets its echo. */
class NopTest {

    @Test
    void targetPingsOnAnIdleConnectionAreAnsweredSoTheTargetKeepsTheSession() throws Exception {
        OwnTarget t;
        System.setProperty(IscsiTargetServer.NOP_INTERVAL_PROPERTY, "200");
        try {
            t = OwnTarget.start(); // the target drops a connection whose NOP-In goes unanswered for one interval
        } finally {
            System.clearProperty(IscsiTargetServer.NOP_INTERVAL_PROPERTY);
        }
        try (t; IscsiSession s = t.session("node-a")) {
            Thread.sleep(1000); // five pings
            assertThat(t.events).noneMatch(e -> e instanceof TargetEvent.ConnectionLost);
            assertThat(s.isConnected()).isTrue();
            assertThat(s.execute(ScsiRequest.noData(Cdbs.testUnitReady())).isGood()).isTrue();
        }
    }

    @Test
    void pingReturnsTheRoundTripOfANopOut() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            assertThat(s.ping()).isPositive();
            assertThat(s.isConnected()).isTrue();
        }
    }
}
