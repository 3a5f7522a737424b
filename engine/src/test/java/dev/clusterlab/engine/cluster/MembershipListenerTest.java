package dev.clusterlab.engine.cluster;

import static dev.clusterlab.engine.cluster.ClusterFixture.MS;
import static dev.clusterlab.engine.cluster.ClusterFixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.sim.Scheduler;
import dev.clusterlab.engine.sim.SeededRandom;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hook through which the nodes' cluster services hear membership changes as they happen. */
class MembershipListenerTest {
    private final ClusterFixture f = new ClusterFixture();
    private final List<String> heard = new ArrayList<>();

    {
        f.cluster.membershipListener((observer, peer, change) ->
                heard.add(observer + " " + change + " " + peer + " @" + f.scheduler.now() / MS));
    }

    @Test
    @DisplayName("each removal and join is heard once; joins in heartbeat delivery order (senders in node order)")
    void theListenerHearsEachRemovalAndEachJoinOnce() {
        f.at(5 * S + 500 * MS, c -> c.cut("A", "B"));
        f.at(20 * S + 500 * MS, c -> c.heal("A", "B"));
        f.runUntil(30 * S);
        assertThat(heard).containsExactly("A REMOVED B @16000", "B REMOVED A @16000", "B JOINED A @21001", "A JOINED B @21001");
    }

    @Test
    void theListenerIsCalledRightAfterTheChangeIsRecorded() {
        List<Integer> timelineSizes = new ArrayList<>();
        f.cluster.membershipListener((observer, peer, change) -> {
            timelineSizes.add(f.timeline.size());
            assertThat(f.timeline.get(f.timeline.size() - 1)).isInstanceOfSatisfying(TimelineEvent.MembershipChanged.class,
                    e -> assertThat(e.observer() + e.peer() + e.change()).isEqualTo(observer + peer + change));
            assertThat(f.cluster.membership(observer).contains(peer)).isEqualTo(change == MembershipChange.JOINED);
        });
        f.at(5 * S + 500 * MS, c -> c.setState("C", NodeState.DOWN));
        f.runUntil(20 * S);
        assertThat(timelineSizes).hasSize(2);
    }

    @Test
    void aListenerIsCalledEvenWhenTheTimelineKeepsNothing() {
        Scheduler scheduler = new Scheduler();
        Cluster quiet = new Cluster(scheduler, new SeededRandom(1), TimelineSink.DISCARD, HeartbeatSettings.WSFC_SAME_SUBNET);
        quiet.addNode("A");
        quiet.addNode("B");
        quiet.addNetwork("net", MS, 0, 0.0);
        List<String> calls = new ArrayList<>();
        quiet.membershipListener((observer, peer, change) -> calls.add(observer + change + peer));
        quiet.start();
        scheduler.scheduleAt(2 * S + 500 * MS, () -> quiet.cut("A", "B"));
        scheduler.runUntil(20 * S);
        assertThat(calls).containsExactly("AREMOVEDB", "BREMOVEDA");
    }

    @Test
    void aNullListenerSilencesTheHook() {
        f.cluster.membershipListener(null);
        f.at(5 * S + 500 * MS, c -> c.cut("A", "B"));
        f.runUntil(20 * S);
        assertThat(heard).isEmpty();
        assertThat(f.membershipChanges()).hasSize(2);
    }

    @Test
    void aNewListenerReplacesTheOldOne() {
        List<String> second = new ArrayList<>();
        f.cluster.membershipListener((observer, peer, change) -> second.add(observer));
        f.at(5 * S + 500 * MS, c -> c.cut("A", "C"));
        f.runUntil(20 * S);
        assertThat(heard).isEmpty();
        assertThat(second).containsExactly("A", "C");
    }

    @Test
    void aRebootedNodesFreshViewIsNotReportedAsRemovals() {
        f.at(5 * S + 500 * MS, c -> c.setState("C", NodeState.DOWN));
        f.at(30 * S + 500 * MS, c -> c.setState("C", NodeState.UP));
        f.runUntil(32 * S);
        assertThat(heard).containsExactly("A REMOVED C @16000", "B REMOVED C @16000",
                "C JOINED A @31001", "C JOINED B @31001", "A JOINED C @31001", "B JOINED C @31001");
    }

    @Test
    void inTheSimulationEachObserversAgentHearsItsOwnViewChanges() {
        Sim s = new Sim();
        s.at(2 * S + 500 * MS, () -> s.sim.cut("cluster", "b", "c"));
        s.runUntil(20 * S);
        assertThat(s.calls).containsExactly("a#1 start @0", "b#1 start @0", "c#1 start @0",
                "b#1 REMOVED c @13000", "c#1 REMOVED b @13000");
    }
}
