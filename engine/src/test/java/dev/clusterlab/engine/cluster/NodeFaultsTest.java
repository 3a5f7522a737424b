package dev.clusterlab.engine.cluster;

import static dev.clusterlab.engine.cluster.Sim.MS;
import static dev.clusterlab.engine.cluster.Sim.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TimelineEvent.ClusterLog;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeStateChanged;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Node faults as the simulation applies them: crash, restart, reboot, hang and isolation, and what each does to a node's service, timers and I/O. */
class NodeFaultsTest {

    private static final long KEY_A = 0xA1L;

    @Nested
    class Crash {
        private final Sim s = new Sim();

        @Test
        void aCrashedNodeIsDownAndItsGroupsGoOffline() {
            s.ctx("a").bringOnline("g", "test");
            s.at(3 * S + 500 * MS, () -> s.sim.crash("a"));
            s.runUntil(10 * S);
            assertThat(s.sim.cluster().node("a").state()).isEqualTo(NodeState.DOWN);
            assertThat(s.events(NodeStateChanged.class)).containsExactly(
                    new NodeStateChanged(3 * S + 500 * MS, "a", NodeState.UP, NodeState.DOWN));
            assertThat(s.events(GroupStateChanged.class)).last()
                    .isEqualTo(new GroupStateChanged(3 * S + 500 * MS, "g", "a", false, "node crashed"));
            assertThat(s.sim.groups().onlineNodes("g")).isEmpty();
        }

        @Test
        void aCrashedNodesWorkloadStops() {
            s.ctx("a").bringOnline("g", "test");
            s.at(3 * S + 500 * MS, () -> s.sim.crash("a"));
            s.runUntil(10 * S);
            assertThat(s.goodWrites("a", "data", 0, 4 * S)).isEqualTo(4);
            assertThat(s.goodWrites("a", "data", 4 * S, 10 * S)).isZero();
        }

        @Test
        void aCrashedNodesServiceTimersStop() {
            int[] ticks = {0, 0};
            s.ctx("a").every(S, S, () -> ticks[0]++);
            s.ctx("a").after(5 * S, () -> ticks[1]++);
            s.at(3 * S + 500 * MS, () -> s.sim.crash("a"));
            s.runUntil(20 * S);
            assertThat(ticks[0]).isEqualTo(3);
            assertThat(ticks[1]).isZero();
        }

        @Test
        void aCrashedNodesAgentHearsNothingMore() {
            s.at(3 * S + 500 * MS, () -> s.sim.crash("a"));
            s.at(3 * S + 600 * MS, () -> s.sim.cut("cluster", null, null));
            s.runUntil(30 * S);
            assertThat(s.calls).noneMatch(c -> c.startsWith("a#1 ") && !c.startsWith("a#1 start"));
            assertThat(s.calls).contains("b#1 REMOVED a @14000");
        }

        @Test
        @DisplayName("power-off keeps every registration the node made (SPC-4 §5.13.1: nothing tells the target)")
        void aCrashKeepsTheNodesRegistrations() {
            s.register("a", "data", KEY_A);
            s.sim.crash("a");
            assertThat(s.sim.fabric().disk("data").lu().reservations().snapshot().registrants()).extracting(r -> r.key())
                    .containsExactly(KEY_A);
        }

        @Test
        void crashingADownNodeChangesNothing() {
            s.sim.crash("a");
            s.sim.crash("a");
            assertThat(s.events(NodeStateChanged.class)).hasSize(1);
        }

        @Test
        void aDownNodeCannotIssueCommands() {
            s.sim.crash("b");
            assertThat(s.write("b", "data")).isEqualTo(new IoOutcome.NoPath(null));
            assertThat(s.sim.issue("b", "p1", "data", ScsiRequest.noData(Cdbs.testUnitReady()))).isEqualTo(new IoOutcome.NoPath("p1"));
        }

        @Test
        void aCrashedNodeForgetsItsClaimsAndKeys() {
            s.ctx("a").bringOnline("g", "test");
            s.ctx("a").storage().rememberKey("data", KEY_A);
            s.sim.crash("a");
            assertThat(s.ctx("a").storage().claims("data")).isFalse();
            assertThat(s.ctx("a").storage().key("data")).isZero();
        }
    }

    @Nested
    class Restart {
        private final Sim s = new Sim();

        @Test
        void restartingACrashedNodeBootsAFreshAgent() {
            s.at(3 * S + 500 * MS, () -> s.sim.crash("b"));
            s.at(8 * S + 500 * MS, () -> s.sim.restart("b"));
            s.runUntil(9 * S);
            assertThat(s.lifeCount("b")).isEqualTo(2);
            assertThat(s.agent("b")).isNotSameAs(s.lives.get("b").get(0));
            assertThat(s.calls).contains("b#2 start @8500");
            assertThat(s.sim.cluster().node("b").state()).isEqualTo(NodeState.UP);
        }

        @Test
        void aRebootedNodeStartsKnowingOnlyItselfAndRejoinsAsHeartbeatsArrive() {
            List<List<String>> viewAtStart = new ArrayList<>();
            Sim r = new Sim(b -> { }, ctx -> viewAtStart.add(ctx.view().members()));
            r.at(3 * S + 500 * MS, () -> r.sim.crash("b"));
            r.at(8 * S + 500 * MS, () -> r.sim.restart("b"));
            r.runUntil(10 * S);
            assertThat(viewAtStart.get(3)).containsExactly("b");
            assertThat(r.calls).contains("b#2 JOINED a @9001", "b#2 JOINED c @9001");
            assertThat(r.sim.cluster().membership("b").members()).containsExactly("a", "b", "c");
        }

        @Test
        void timersOfAPreviousLifeNeverFireInTheNextOne() {
            int[] ticks = {0, 0};
            s.ctx("b").every(S, S, () -> ticks[0]++);
            s.ctx("b").after(6 * S, () -> ticks[1]++);
            s.at(2 * S + 500 * MS, () -> s.sim.crash("b"));
            s.at(3 * S + 500 * MS, () -> s.sim.restart("b"));
            s.runUntil(20 * S);
            assertThat(ticks[0]).isEqualTo(2);
            assertThat(ticks[1]).isZero();
        }

        @Test
        void restartingARunningNodeChangesNothing() {
            s.sim.restart("a");
            assertThat(s.lifeCount("a")).isEqualTo(1);
            assertThat(s.events(NodeStateChanged.class)).isEmpty();
        }

        @Test
        @DisplayName("crash/restart cycles leave no timers of dead lives pending on the scheduler")
        void crashRestartCyclesDoNotAccumulatePendingEvents() {
            s.runUntil(10 * S);
            int steady = s.sim.scheduler().pendingCount();
            for (int i = 0; i < 5; i++) {
                long t = (10 + 2 * i) * S + 500 * MS;
                s.at(t, () -> s.sim.crash("b"));
                s.at(t + S, () -> s.sim.restart("b"));
            }
            s.runUntil(60 * S);
            assertThat(s.sim.scheduler().pendingCount()).isEqualTo(steady);
        }
    }

    @Nested
    class Reboot {
        private final Sim s = new Sim(b -> b.parameters(new ClusterParameters(3 * S, 6 * S, 20 * S, 7 * S, 10 * S, 5 * S,
                S, 60 * S, S, 5 * S, 30 * S)), ctx -> { });

        @Test
        void aRebootTakesTheNodeDownNowAndBootsItAfterTheRebootTime() {
            s.at(2 * S + 500 * MS, () -> s.ctx("c").reboot("watchdog"));
            s.runUntil(40 * S);
            assertThat(s.events(NodeStateChanged.class)).containsExactly(
                    new NodeStateChanged(2 * S + 500 * MS, "c", NodeState.UP, NodeState.DOWN),
                    new NodeStateChanged(32 * S + 500 * MS, "c", NodeState.DOWN, NodeState.UP));
            assertThat(s.events(ClusterLog.class)).contains(new ClusterLog(2 * S + 500 * MS, "c", "rebooting: watchdog"));
            assertThat(s.calls).contains("c#2 start @32500");
        }

        @Test
        void aRebootsGroupsGoOfflineWithItsReason() {
            s.ctx("c").bringOnline("g", "test");
            s.at(2 * S + 500 * MS, () -> s.ctx("c").reboot("watchdog"));
            s.runUntil(3 * S);
            assertThat(s.events(GroupStateChanged.class)).last().extracting(GroupStateChanged::reason).isEqualTo("watchdog");
        }

        @Test
        @DisplayName("a reboot's pending boot does not resume a node that was restarted by hand and then hung")
        void aStaleRebootDoesNotEndALaterHang() {
            s.at(2 * S + 500 * MS, () -> s.ctx("c").reboot("watchdog"));
            s.at(5 * S + 500 * MS, () -> s.sim.restart("c"));
            s.at(6 * S + 500 * MS, () -> s.sim.hang("c"));
            s.runUntil(40 * S);
            assertThat(s.sim.cluster().node("c").state()).isEqualTo(NodeState.HUNG);
            assertThat(s.lifeCount("c")).isEqualTo(2);
        }

        @Test
        void aStaleRebootDoesNotBootANodeCrashedAgainByHand() {
            s.at(2 * S + 500 * MS, () -> s.ctx("c").reboot("watchdog"));
            s.at(5 * S + 500 * MS, () -> s.sim.restart("c"));
            s.at(6 * S + 500 * MS, () -> s.sim.crash("c"));
            s.runUntil(40 * S);
            assertThat(s.sim.cluster().node("c").state()).isEqualTo(NodeState.DOWN);
        }
    }

    @Nested
    class Hang {
        private final Sim s = new Sim();

        @Test
        void aHungNodeStopsHeartbeatingAndItsPeersRemoveIt() {
            s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
            s.runUntil(20 * S);
            assertThat(s.sim.cluster().node("a").state()).isEqualTo(NodeState.HUNG);
            assertThat(s.sim.cluster().membership("b").members()).containsExactly("b", "c");
            assertThat(s.sim.cluster().membership("a").members()).as("frozen").containsExactly("a", "b", "c");
        }

        @Test
        void periodicServiceTimersSkipTheirTurnsWhileHung() {
            List<Long> ticks = new ArrayList<>();
            s.ctx("a").every(S, S, () -> ticks.add(s.sim.now() / S));
            s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
            s.at(5 * S + 500 * MS, () -> s.sim.restart("a"));
            s.runUntil(7 * S + 500 * MS);
            assertThat(ticks).containsExactly(1L, 2L, 6L, 7L);
        }

        @Test
        void oneShotServiceTimersDueWhileHungRunWhenTheNodeResumes() {
            List<String> ran = new ArrayList<>();
            s.ctx("a").after(3 * S, () -> ran.add("first @" + s.sim.now() / MS));
            s.ctx("a").after(4 * S, () -> ran.add("second @" + s.sim.now() / MS));
            s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
            s.at(9 * S + 500 * MS, () -> s.sim.restart("a"));
            s.runUntil(12 * S);
            assertThat(ran).containsExactly("first @9500", "second @9500");
        }

        @Test
        void heldCallbacksAreDeliveredInOrderBeforeResumed() {
            s.ctx("a").after(3 * S, () -> s.calls.add("timer"));
            s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
            s.at(2 * S + 600 * MS, () -> s.sim.cut("cluster", null, null));
            s.at(20 * S + 500 * MS, () -> s.sim.restart("a"));
            s.runUntil(21 * S);
            List<String> a = s.calls.stream().filter(c -> c.startsWith("a#") || c.equals("timer")).toList();
            assertThat(a).containsExactly("a#1 start @0", "timer", "a#1 resumed @20500");
        }

        @Test
        @DisplayName("a hung node's failure detector is frozen: it counts misses only once it runs again")
        void aHungNodeLearnsOfMembershipChangesOnlyAfterItResumes() {
            s.at(2 * S + 500 * MS, () -> s.sim.hang("b"));
            s.at(2 * S + 600 * MS, () -> s.sim.isolate("c"));
            s.at(5 * S + 500 * MS, () -> s.sim.restart("b"));
            s.runUntil(20 * S);
            // a removes c after 10 misses (3..12 s); b resumes at 5.5 s and misses 7..16 s.
            assertThat(s.calls).contains("a#1 REMOVED c @13000");
            assertThat(s.calls).filteredOn(c -> c.startsWith("b#1")).containsExactly("b#1 start @0", "b#1 resumed @5500",
                    "b#1 REMOVED c @16000");
        }

        @Test
        void storageLossLearnedWhileHungIsDeliveredOnResume() {
            s.ctx("a").bringOnline("g", "test");
            s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
            s.at(2 * S + 600 * MS, () -> {
                s.register("b", "data", 0xB1L);
                s.prOut("b", "data", PrOutAction.RESERVE, 1, 0xB1L, 0);
            });
            s.at(9 * S + 500 * MS, () -> s.sim.restart("a"));
            s.runUntil(10 * S);
            assertThat(s.ctx("a").storage().lost("data")).as("the kernel noticed at 3 s").isTrue();
            assertThat(s.calls).filteredOn(c -> c.startsWith("a#1")).containsExactly("a#1 start @0", "a#1 lost data @9500",
                    "a#1 resumed @9500");
        }

        @Test
        @DisplayName("the classic danger: a hung node's service is frozen but its I/O carries on")
        void theWorkloadKeepsWritingWhileTheNodeIsHung() {
            s.ctx("a").bringOnline("g", "test");
            s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
            s.runUntil(10 * S);
            assertThat(s.goodWrites("a", "data", 3 * S, 10 * S)).isEqualTo(7);
        }

        @Test
        void thePathCheckerKeepsRunningWhileTheServiceIsHung() {
            s.ctx("a").bringOnline("g", "test");
            s.at(1 * S + 500 * MS, () -> s.sim.failPath("a", "p1"));
            s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
            s.at(3 * S + 500 * MS, () -> s.sim.restorePath("a", "p1"));
            s.runUntil(6 * S);
            assertThat(s.events(ClusterLog.class)).extracting(ClusterLog::text)
                    .contains("multipath: path p1 to data failed", "multipath: path p1 to data reinstated");
        }

        @Test
        void onlyARunningNodeCanHang() {
            s.sim.crash("a");
            s.sim.hang("a");
            assertThat(s.sim.cluster().node("a").state()).isEqualTo(NodeState.DOWN);
        }

        @Test
        void aHungNodeThatCrashesNeverRunsItsHeldCallbacks() {
            int[] ran = {0};
            s.ctx("a").after(3 * S, () -> ran[0]++);
            s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
            s.at(4 * S + 500 * MS, () -> s.sim.crash("a"));
            s.at(5 * S + 500 * MS, () -> s.sim.restart("a"));
            s.runUntil(10 * S);
            assertThat(ran[0]).isZero();
            assertThat(s.calls).doesNotContain("a#1 resumed @5500");
        }
    }

    @Nested
    class Isolate {
        private final Sim s = new Sim();

        @Test
        void anIsolatedNodeAndItsPeersRemoveEachOther() {
            s.at(2 * S + 500 * MS, () -> s.sim.isolate("c"));
            s.runUntil(20 * S);
            assertThat(s.sim.cluster().node("c").state()).isEqualTo(NodeState.ISOLATED);
            assertThat(s.sim.cluster().membership("c").members()).containsExactly("c");
            assertThat(s.sim.cluster().membership("a").members()).containsExactly("a", "b");
            assertThat(s.calls).contains("c#1 REMOVED a @13000", "a#1 REMOVED c @13000");
        }

        @Test
        void anIsolatedNodeKeepsItsDiskPaths() {
            s.sim.isolate("c");
            assertThat(s.write("c", "data").isGood()).isTrue();
        }

        @Test
        void restartingAnIsolatedNodeReconnectsItWithoutRebootingTheService() {
            s.at(2 * S + 500 * MS, () -> s.sim.isolate("c"));
            s.at(20 * S + 500 * MS, () -> s.sim.restart("c"));
            s.runUntil(22 * S);
            assertThat(s.lifeCount("c")).isEqualTo(1);
            assertThat(s.calls).doesNotContain("c#1 resumed @20500");
            assertThat(s.sim.cluster().membership("c").members()).containsExactly("a", "b", "c");
            assertThat(s.calls).contains("c#1 JOINED a @21001", "a#1 JOINED c @21001");
        }

        @Test
        void onlyARunningNodeCanBeIsolated() {
            s.sim.hang("c");
            s.sim.isolate("c");
            assertThat(s.sim.cluster().node("c").state()).isEqualTo(NodeState.HUNG);
        }
    }
}
