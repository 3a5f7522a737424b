package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SendTargets discovery, RFC 7143 Appendix C and §11.10 (C-bit continuation). */
class DiscoveryTest {

    @Test
    void sendTargetsListsEveryTargetWithItsPortal() throws Exception {
        try (OwnTarget t = OwnTarget.start(List.of(OwnTarget.target(OwnTarget.IQN, null, null),
                OwnTarget.target(OwnTarget.IQN + "-second", null, null)), TargetLimits.DEFAULT)) {
            List<DiscoveredTarget> found = Discovery.sendTargets(t.address(), OwnTarget.node("node-a"), OwnTarget.settings());
            assertThat(found).extracting(DiscoveredTarget::name).contains(OwnTarget.IQN, OwnTarget.IQN + "-second");
            DiscoveredTarget first = found.stream().filter(d -> d.name().equals(OwnTarget.IQN)).findFirst().orElseThrow();
            int port = t.server.boundAddresses().get(0).getPort();
            assertThat(first.portals()).anySatisfy(p -> {
                assertThat(p.host()).isEqualTo("127.0.0.1");
                assertThat(p.port()).isEqualTo(port);
                assertThat(p.portalGroupTag()).isEqualTo(1);
            });
        }
    }

    @Test
    void answerLongerThanOurMaxRecvDataSegmentLengthArrivesInContinuedPiecesAndIsReassembled() throws Exception {
        List<TargetDefinition> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) many.add(OwnTarget.target(OwnTarget.IQN + "-with-a-rather-long-name-number-" + i, null, null));
        try (OwnTarget t = OwnTarget.start(many, TargetLimits.DEFAULT)) {
            // 512 bytes is the smallest legal MaxRecvDataSegmentLength; 40 targets need several pieces (C bit).
            List<DiscoveredTarget> found = Discovery.sendTargets(t.server.boundAddresses().get(0), OwnTarget.node("node-a"),
                    OwnTarget.settings().withMaxRecvDataSegmentLength(512));
            assertThat(found).hasSize(40);
            assertThat(found).extracting(DiscoveredTarget::name).doesNotHaveDuplicates()
                    .allMatch(n -> n.startsWith(OwnTarget.IQN + "-with-a-rather-long-name-number-"));
        }
    }

    @Test
    void targetAddressesBelongToTheTargetNameBeforeThem() {
        List<DiscoveredTarget> d = Discovery.parse(List.of(new KeyValue("TargetName", "iqn.a:1"),
                new KeyValue("TargetAddress", "10.0.0.1:3260,1"), new KeyValue("TargetAddress", "[fe80::1]:3261,2"),
                new KeyValue("TargetName", "iqn.a:2")));
        assertThat(d).containsExactly(
                new DiscoveredTarget("iqn.a:1", List.of(new DiscoveredTarget.Portal("10.0.0.1", 3260, 1),
                        new DiscoveredTarget.Portal("fe80::1", 3261, 2))),
                new DiscoveredTarget("iqn.a:2", List.of()));
    }
}
