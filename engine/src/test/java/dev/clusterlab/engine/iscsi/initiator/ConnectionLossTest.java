package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.iscsi.initiator.IscsiTransportException.Reason;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dropped connections and timeouts (RFC 7143 §6.3.5 session reinstatement, §7 ERL 0): in-flight
 * commands fail quickly with a visible reason, never hang; the next command logs in again with the
 * same ISID, so the I_T nexus and its registrations (SPC-4 §5.13.2) survive.
 */
class ConnectionLossTest {
    private static final int BS = OwnTarget.BLOCK_SIZE;

    private static IscsiSession viaProxy(CuttableProxy proxy, String node, InitiatorSettings settings) throws Exception {
        return IscsiSession.open(proxy.address(), OwnTarget.IQN, 0, OwnTarget.node(node), settings);
    }

    @Test
    void commandsInFlightWhenTheConnectionDropsFailQuicklyWithConnectionLost() throws Exception {
        try (OwnTarget t = OwnTarget.start(); CuttableProxy proxy = new CuttableProxy(t.address());
             IscsiSession s = viaProxy(proxy, "node-a", OwnTarget.settings().withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(5)))) {
            proxy.hold(true);
            List<IscsiSession.PendingCommand> pending = new ArrayList<>();
            for (int i = 0; i < 8; i++) pending.add(s.submit(ScsiRequest.dataIn(Cdbs.read10(i, 1), BS)));
            Thread.sleep(100);
            long start = System.nanoTime();
            proxy.cut();
            for (IscsiSession.PendingCommand p : pending)
                assertThatThrownBy(() -> p.response().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(IscsiTransportException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.CONNECTION_LOST);
                            assertThat(e.getMessage()).contains("connection lost").contains("node-a");
                            assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
                        });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aCommandWithoutAnswerFailsWithTimeoutAfterTheCommandTimeout() throws Exception {
        try (OwnTarget t = OwnTarget.start(); CuttableProxy proxy = new CuttableProxy(t.address());
             IscsiSession s = viaProxy(proxy, "node-a", OwnTarget.settings().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)))) {
            proxy.hold(true);
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOfSatisfying(IscsiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
            proxy.hold(false);
        }
    }

    @Test
    void nextCommandAfterADropReconnectsWithTheSameIsidAndKeepsTheRegistrationAndReservation() throws Exception {
        try (OwnTarget t = OwnTarget.start(); CuttableProxy proxy = new CuttableProxy(t.address());
             IscsiSession a = viaProxy(proxy, "node-a", OwnTarget.settings());
             IscsiSession b = t.session("node-b")) {
            assertThat(Scsi.register(a, 0xAAAAL).isGood()).isTrue();
            assertThat(Scsi.reserve(a, 0xAAAAL, 1).isGood()).isTrue(); // Write Exclusive: only the holder writes
            int firstTsih = a.parameters().tsih();
            proxy.cut();
            awaitDisconnected(a);
            // The first command logs in again; the target reports the nexus loss as a unit attention (SAM-5 §6.3.4).
            List<ScsiResponse> uas = Scsi.clearUnitAttentions(a);
            assertThat(proxy.connectionsAccepted()).isEqualTo(2);
            assertThat(a.parameters().tsih()).isNotEqualTo(firstTsih);
            assertThat(uas).anySatisfy(r -> assertThat(r.sense().additional()).isEqualTo(AdditionalSense.I_T_NEXUS_LOSS_OCCURRED));
            assertThat(Scsi.readKeys(a)).containsExactly(0xAAAAL);
            assertThat(Scsi.write(a, 0, Scsi.pattern(BS, 3), BS).status()).isEqualTo(ScsiStatus.GOOD); // still the holder
            Scsi.clearUnitAttentions(b);
            assertThat(Scsi.write(b, 0, Scsi.pattern(BS, 4), BS).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        }
    }

    @Test
    void explicitReconnectLogsInAgainAsTheSameNexus() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession a = t.session("node-a")) {
            assertThat(Scsi.register(a, 0x1234L).isGood()).isTrue();
            a.reconnect();
            assertThat(a.isConnected()).isTrue();
            Scsi.clearUnitAttentions(a);
            assertThat(Scsi.readKeys(a)).containsExactly(0x1234L);
            // Re-registering from the same nexus with the old key as reservation key proves the key is ours.
            assertThat(Scsi.prOut(a, dev.clusterlab.engine.scsi.PrOutAction.REGISTER, 0, 0x1234L, 0x5678L).isGood()).isTrue();
        }
    }

    @Test
    void withReconnectOffADroppedSessionFailsCommandsAsNotConnected() throws Exception {
        try (OwnTarget t = OwnTarget.start(); CuttableProxy proxy = new CuttableProxy(t.address());
             IscsiSession s = viaProxy(proxy, "node-a", OwnTarget.settings().withReconnect(false))) {
            proxy.cut();
            awaitDisconnected(s);
            assertThatThrownBy(() -> s.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOfSatisfying(IscsiTransportException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NOT_CONNECTED);
                        assertThat(e.getMessage()).contains("reconnecting is off");
                    });
        }
    }

    @Test
    void afterLogoutCommandsFailAsNotConnected() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession s = t.session("node-a")) {
            s.logout();
            assertThat(s.isConnected()).isFalse();
            assertThatThrownBy(() -> s.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOfSatisfying(IscsiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_CONNECTED));
            assertThat(t.events).anySatisfy(e -> assertThat(e).isInstanceOf(dev.clusterlab.engine.iscsi.target.TargetEvent.LoggedOut.class));
        }
    }

    @Test
    void unansweredKeepaliveDropsTheConnection() throws Exception {
        try (OwnTarget t = OwnTarget.start(); CuttableProxy proxy = new CuttableProxy(t.address());
             IscsiSession s = viaProxy(proxy, "node-a", OwnTarget.settings().withKeepAlive(Duration.ofMillis(100)).withReconnect(false))) {
            proxy.hold(true);
            awaitDisconnected(s);
            assertThatThrownBy(() -> s.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .hasMessageContaining("no answer to keepalive");
        }
    }

    static void awaitDisconnected(IscsiSession s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (s.isConnected() && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(s.isConnected()).as("session noticed the drop").isFalse();
    }
}
