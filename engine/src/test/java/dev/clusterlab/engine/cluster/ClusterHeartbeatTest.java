package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.timeline.NodeState;
import static dev.clusterlab.engine.cluster.ClusterFixture.MS;
import static dev.clusterlab.engine.cluster.ClusterFixture.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.timeline.TimelineEvent.HeartbeatLost;
import dev.clusterlab.engine.timeline.TimelineEvent.HeartbeatRestored;
import dev.clusterlab.engine.timeline.TimelineEvent.LinkChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeStateChanged;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat failure detection with WSFC same-subnet defaults (1 s delay, threshold 10:
 * cluster-arbitration.md §1.9). Ticks are at whole seconds; faults are injected at half seconds so
 * the expected instants are exact.
 */
class ClusterHeartbeatTest {
    private final ClusterFixture f = new ClusterFixture();

    private static MembershipChanged removal(String observer, String peer, long time, String... members) {
        return new MembershipChanged(time, observer, peer, MembershipChange.REMOVED, List.of(members));
    }

    @Test
    void withoutFaultsEveryNodeKeepsEveryoneAsMemberAndTheTimelineStaysQuiet() {
        f.runUntil(120 * S);
        for (String node : List.of("A", "B", "C")) {
            assertThat(f.cluster.membership(node).members()).containsExactly("A", "B", "C");
        }
        assertThat(f.events()).isEmpty();
    }

    @Test
    @DisplayName("cutting A-B: each removes the other after threshold x delay (10 misses of 1 s), C keeps both")
    void cutLinkMakesBothEndsRemoveEachOtherAfterThresholdTimesDelay() {
        long cutAt = 5 * S + 500 * MS;
        f.at(cutAt, c -> c.cut("A", "B"));
        f.runUntil(40 * S);

        List<MembershipChanged> changes = f.membershipChanges();
        assertThat(changes).containsExactly(removal("A", "B", 16 * S, "A", "C"), removal("B", "A", 16 * S, "B", "C"));
        // The window: no sooner than threshold x delay after the cut, no later than one more tick.
        long detection = f.cluster.settings().detectionNanos();
        assertThat(changes).allSatisfy(change -> assertThat(change.time())
                .isBetween(cutAt + detection, cutAt + detection + f.cluster.settings().delayNanos()));
        assertThat(f.cluster.membership("C").members()).containsExactly("A", "B", "C");
        assertThat(f.timeline.ofType(LinkChanged.class)).hasSize(2); // one per network
    }

    @Test
    void eachNetworkRouteIsReportedLostAtTheThresholdMiss() {
        f.at(5 * S + 500 * MS, c -> c.cut("A", "B"));
        f.runUntil(40 * S);
        assertThat(f.timeline.ofType(HeartbeatLost.class))
                .extracting(HeartbeatLost::time, HeartbeatLost::observer, HeartbeatLost::network, HeartbeatLost::missed)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(16 * S, "A", "cluster", 10),
                        org.assertj.core.groups.Tuple.tuple(16 * S, "A", "client", 10),
                        org.assertj.core.groups.Tuple.tuple(16 * S, "B", "cluster", 10),
                        org.assertj.core.groups.Tuple.tuple(16 * S, "B", "client", 10));
    }

    @Test
    void aCutHealedBeforeTheThresholdChangesNoMembership() {
        f.at(5 * S + 500 * MS, c -> c.cut("A", "B"));
        f.at(14 * S + 500 * MS, c -> c.heal("A", "B")); // 9 misses only
        f.runUntil(40 * S);
        assertThat(f.membershipChanges()).isEmpty();
        assertThat(f.timeline.ofType(HeartbeatLost.class)).isEmpty();
    }

    @Test
    void healingRestoresMembershipWithTheFirstHeartbeatThatArrives() {
        f.at(5 * S + 500 * MS, c -> c.cut("A", "B"));
        f.at(30 * S + 500 * MS, c -> c.heal("A", "B"));
        f.runUntil(40 * S);

        List<MembershipChanged> joins = f.membershipChanges().stream()
                .filter(change -> change.change() == MembershipChange.JOINED).toList();
        // Next tick at 31 s, heartbeat on "cluster" arrives 1 ms later.
        assertThat(joins).containsExactly(
                new MembershipChanged(31 * S + MS, "B", "A", MembershipChange.JOINED, List.of("A", "B", "C")),
                new MembershipChanged(31 * S + MS, "A", "B", MembershipChange.JOINED, List.of("A", "B", "C")));
        assertThat(f.timeline.ofType(HeartbeatRestored.class)).hasSize(4);
        for (String node : List.of("A", "B", "C")) {
            assertThat(f.cluster.membership(node).members()).containsExactly("A", "B", "C");
        }
    }

    @Test
    void hungNodeIsRemovedByItsPeersButItsOwnFrozenViewStillHasEveryone() {
        f.at(5 * S + 500 * MS, c -> c.setState("C", NodeState.HUNG));
        f.runUntil(40 * S);
        assertThat(f.membershipChanges())
                .containsExactly(removal("A", "C", 16 * S, "A", "B"), removal("B", "C", 16 * S, "A", "B"));
        // The split-brain danger: the hung node still believes it is in a full cluster.
        assertThat(f.cluster.membership("C").members()).containsExactly("A", "B", "C");
        assertThat(f.cluster.node("C").state()).isEqualTo(NodeState.HUNG);
    }

    @Test
    void hungNodeThatResumesIsTakenBackByItsPeers() {
        f.at(5 * S + 500 * MS, c -> c.setState("C", NodeState.HUNG));
        f.at(20 * S + 500 * MS, c -> c.setState("C", NodeState.UP));
        f.runUntil(40 * S);
        assertThat(f.membershipChanges()).hasSize(4);
        assertThat(f.membershipChanges().subList(2, 4)).allSatisfy(change -> {
            assertThat(change.change()).isEqualTo(MembershipChange.JOINED);
            assertThat(change.time()).isEqualTo(21 * S + MS);
        });
        assertThat(f.cluster.membership("A").members()).containsExactly("A", "B", "C");
    }

    @Test
    void crashedNodeIsRemovedAndOnRestartRebuildsItsViewFromHeartbeats() {
        f.at(5 * S + 500 * MS, c -> c.setState("A", NodeState.DOWN));
        f.at(20 * S + 500 * MS, c -> c.setState("A", NodeState.UP));
        f.runUntil(20 * S + 600 * MS);
        assertThat(f.cluster.membership("B").members()).containsExactly("B", "C");
        assertThat(f.cluster.membership("A").members()).containsExactly("A"); // rebooted, heard nobody yet
        f.runUntil(40 * S);
        for (String node : List.of("A", "B", "C")) {
            assertThat(f.cluster.membership(node).members()).containsExactly("A", "B", "C");
        }
        assertThat(f.timeline.ofType(NodeStateChanged.class))
                .containsExactly(new NodeStateChanged(5 * S + 500 * MS, "A", NodeState.UP, NodeState.DOWN),
                        new NodeStateChanged(20 * S + 500 * MS, "A", NodeState.DOWN, NodeState.UP));
    }

    @Test
    void isolatedNodeLosesEveryoneAndEveryoneLosesIt() {
        f.at(5 * S + 500 * MS, c -> c.setState("A", NodeState.ISOLATED));
        f.runUntil(40 * S);
        assertThat(f.cluster.membership("A").members()).containsExactly("A");
        assertThat(f.cluster.membership("B").members()).containsExactly("B", "C");
        assertThat(f.cluster.membership("C").members()).containsExactly("B", "C");
        assertThat(f.membershipChanges()).allSatisfy(change -> assertThat(change.time()).isEqualTo(16 * S));
    }

    @Test
    void totalLossOnOneOfTwoNetworksTakesThoseRoutesDownButChangesNoMembership() {
        ClusterFixture lossy = new ClusterFixture(7, 0, 1.0);
        lossy.runUntil(60 * S);
        assertThat(lossy.membershipChanges()).isEmpty();
        List<HeartbeatLost> lost = lossy.timeline.ofType(HeartbeatLost.class);
        assertThat(lost).hasSize(6).allSatisfy(event -> {
            assertThat(event.network()).isEqualTo("client");
            assertThat(event.time()).isEqualTo(10 * S); // the first tick at 0 s had nothing due yet
        });
        for (String node : List.of("A", "B", "C")) {
            assertThat(lossy.cluster.membership(node).members()).containsExactly("A", "B", "C");
        }
    }

    @Test
    void partitionSplitsTheClusterIntoTwoViews() {
        f.at(2 * S + 500 * MS, c -> c.partition(List.of("A")));
        f.runUntil(30 * S);
        assertThat(f.cluster.membership("A").members()).containsExactly("A");
        assertThat(f.cluster.membership("B").members()).containsExactly("B", "C");
        f.at(30 * S + 500 * MS, Cluster::healAll);
        f.runUntil(40 * S);
        assertThat(f.cluster.membership("A").members()).containsExactly("A", "B", "C");
    }

    @Test
    void topologyIsFrozenOnceStartedAndFaultsNeedAStartedCluster() {
        assertThatThrownBy(() -> f.cluster.addNode("D")).isInstanceOf(IllegalStateException.class);
        Cluster unstarted = new Cluster(new dev.clusterlab.engine.sim.Scheduler(),
                new dev.clusterlab.engine.sim.SeededRandom(1), dev.clusterlab.engine.timeline.TimelineSink.DISCARD,
                HeartbeatSettings.WSFC_SAME_SUBNET);
        unstarted.addNode("A");
        assertThatThrownBy(() -> unstarted.setState("A", NodeState.DOWN)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.cluster.cut("A", "A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.cluster.cut("A", "Z")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wsfcDefaultsAreOneSecondAndTenMisses() {
        assertThat(HeartbeatSettings.WSFC_SAME_SUBNET.delayNanos()).isEqualTo(S);
        assertThat(HeartbeatSettings.WSFC_SAME_SUBNET.threshold()).isEqualTo(10);
        assertThat(HeartbeatSettings.WSFC_SAME_SUBNET.detectionNanos()).isEqualTo(10 * S);
    }
}
