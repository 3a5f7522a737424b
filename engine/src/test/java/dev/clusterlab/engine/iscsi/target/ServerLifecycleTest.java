package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.target.LogicalUnit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Server lifecycle: binding, the LU accessors, shutdown as I_T nexus loss. */
class ServerLifecycleTest {

    @Test
    @DisplayName("port 0 binds a free port; Listening is reported per portal and target")
    void bindsAndReportsListening() throws Exception {
        try (TargetFixture f = TargetFixture.start()) {
            assertThat(f.address().getPort()).isPositive();
            assertThat(f.events).anyMatch(e -> e instanceof TargetEvent.Listening l && l.portalGroupTag() == 1
                    && l.target().equals(TargetFixture.IQN));
        }
    }

    @Test
    @DisplayName("one target port per portal group: relative port ids 1, 2 and names <iqn>,t,0x<tag>")
    void targetPortsPerPortalGroup() throws Exception {
        var def = new TargetDefinition(TargetFixture.IQN, List.of(
                new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 0))),
                new PortalGroup(0x1a, List.of(new InetSocketAddress("127.0.0.1", 0)))),
                TargetFixture.target(TargetFixture.IQN, 1, null, null, Set.of()).luns(), null, null, Set.of());
        try (TargetFixture f = TargetFixture.start(List.of(def), TargetLimits.DEFAULT)) {
            LogicalUnit lu = f.server.logicalUnit(TargetFixture.IQN, 0);
            assertThat(lu.targetPorts()).extracting(p -> p.relativeId() + " " + p.name() + " " + p.portGroupId())
                    .containsExactly("1 " + TargetFixture.IQN + ",t,0x0001 1", "2 " + TargetFixture.IQN + ",t,0x001a 26");
            assertThat(f.server.boundAddresses()).hasSize(2);
            assertThatThrownBy(() -> f.server.logicalUnit(TargetFixture.IQN, 5)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("a portal that cannot be bound fails start with an IOException")
    void bindFailure() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            var def = new TargetDefinition(TargetFixture.IQN, List.of(new PortalGroup(1,
                    List.of(new InetSocketAddress("127.0.0.1", taken.getLocalPort())))),
                    TargetFixture.target(TargetFixture.IQN, 1, null, null, Set.of()).luns(), null, null, Set.of());
            assertThatThrownBy(() -> IscsiTargetServer.start(List.of(def), TargetLimits.DEFAULT,
                    dev.clusterlab.engine.timeline.TimelineSink.DISCARD, e -> {})).isInstanceOf(IOException.class);
        }
    }

    @Test
    @DisplayName("close() ends every session (LoggedOut) and stops listening")
    void closeEndsSessions() throws Exception {
        TargetFixture f = TargetFixture.start();
        InetSocketAddress a = f.address();
        try (TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            f.close();
            assertThat(i.closedByTarget()).isTrue();
        }
        assertThat(f.events).anyMatch(e -> e instanceof TargetEvent.LoggedOut l && l.reason().contains("shutting down"));
        assertThatThrownBy(() -> new Socket(a.getAddress(), a.getPort()).close()).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("onEngineLoop runs on the thread that owns the logical units")
    void onEngineLoop() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            AtomicReference<String> thread = new AtomicReference<>();
            f.server.onEngineLoop(() -> thread.set(Thread.currentThread().getName()));
            assertThat(thread.get()).isNotEqualTo(Thread.currentThread().getName());
            assertThat(i.ping(new byte[0])).isNotNull();
        }
    }
}
