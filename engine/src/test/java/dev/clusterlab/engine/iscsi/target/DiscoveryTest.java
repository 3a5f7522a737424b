package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SendTargets (RFC 7143 §13.3, Appendix C). */
class DiscoveryTest {

    @Test
    @DisplayName("Appendix C: SendTargets=All in a Discovery session lists each target with ip:port,tag")
    void sendTargetsAll() throws Exception {
        var defs = List.of(TargetFixture.target("iqn.2026-11.dev.clusterlab:one", 1, null, null, Set.of()),
                TargetFixture.target("iqn.2026-11.dev.clusterlab:two", 1, null, null, Set.of()));
        try (TargetFixture f = TargetFixture.start(defs, TargetLimits.DEFAULT); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            assertThat(i.discoveryLogin().statusClass()).isZero();
            assertThat(i.answers).doesNotContainKey("TargetPortalGroupTag");
            List<KeyValue> reply = i.text("SendTargets", "All");
            List<String> names = reply.stream().filter(k -> k.key().equals("TargetName")).map(KeyValue::value).toList();
            assertThat(names).containsExactly("iqn.2026-11.dev.clusterlab:one", "iqn.2026-11.dev.clusterlab:two");
            List<String> addresses = reply.stream().filter(k -> k.key().equals("TargetAddress")).map(KeyValue::value).toList();
            assertThat(addresses).hasSize(2).allMatch(a -> a.startsWith("127.0.0.1:") && a.endsWith(",1"));
            assertThat(addresses.get(0)).doesNotContain(":0,");
        }
    }

    @Test
    @DisplayName("§9.2: SendTargets does not reveal targets whose ACL excludes the initiator")
    void sendTargetsHonoursAcl() throws Exception {
        var defs = List.of(TargetFixture.target("iqn.2026-11.dev.clusterlab:open", 1, null, null, Set.of()),
                TargetFixture.target("iqn.2026-11.dev.clusterlab:closed", 1, null, null, Set.of("iqn.2026-01.test:other")));
        try (TargetFixture f = TargetFixture.start(defs, TargetLimits.DEFAULT); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.discoveryLogin();
            assertThat(i.text("SendTargets", "All")).extracting(KeyValue::value).contains("iqn.2026-11.dev.clusterlab:open")
                    .doesNotContain("iqn.2026-11.dev.clusterlab:closed");
        }
    }

    @Test
    @DisplayName("§11.11: a reply longer than the initiator's MaxRecvDataSegmentLength is split with C=1 and a TTT")
    void longReplyIsSplit() throws Exception {
        List<TargetDefinition> defs = new ArrayList<>();
        for (int k = 0; k < 30; k++) defs.add(TargetFixture.target("iqn.2026-11.dev.clusterlab:target-number-" + k, 1, null, null, Set.of()));
        try (TargetFixture f = TargetFixture.start(defs, TargetLimits.DEFAULT); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.ourMaxRecvDataSegment = 512;
            i.discoveryLogin();
            List<KeyValue> reply = i.text("SendTargets", "All");
            assertThat(i.textPieces).isGreaterThan(1);
            assertThat(reply.stream().filter(k -> k.key().equals("TargetName"))).hasSize(30);
        }
    }

    @Test
    @DisplayName("§13.3: the empty SendTargets in a Normal session names only the session's target")
    void sendTargetsInNormalSession() throws Exception {
        var defs = List.of(TargetFixture.target(TargetFixture.IQN, 1, null, null, Set.of()),
                TargetFixture.target("iqn.2026-11.dev.clusterlab:other", 1, null, null, Set.of()));
        try (TargetFixture f = TargetFixture.start(defs, TargetLimits.DEFAULT); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            assertThat(i.text("SendTargets", "")).filteredOn(k -> k.key().equals("TargetName")).extracting(KeyValue::value)
                    .containsExactly(TargetFixture.IQN);
        }
    }

    @Test
    @DisplayName("Appendix C: a target with two portal groups lists one TargetAddress per portal, each with its own tag")
    void everyPortalGroupIsListed() throws Exception {
        var def = new TargetDefinition(TargetFixture.IQN, List.of(
                new PortalGroup(1, List.of(new java.net.InetSocketAddress("127.0.0.1", 0))),
                new PortalGroup(2, List.of(new java.net.InetSocketAddress("127.0.0.1", 0)))),
                TargetFixture.target(TargetFixture.IQN, 1, null, null, Set.of()).luns(), null, null, Set.of());
        try (TargetFixture f = TargetFixture.start(List.of(def), TargetLimits.DEFAULT); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.discoveryLogin();
            List<String> addresses = i.text("SendTargets", "All").stream().filter(k -> k.key().equals("TargetAddress"))
                    .map(KeyValue::value).toList();
            var bound = f.server.boundAddresses();
            assertThat(addresses).containsExactly("127.0.0.1:" + bound.get(0).getPort() + ",1", "127.0.0.1:" + bound.get(1).getPort() + ",2");
        }
    }
}
