package dev.clusterlab.engine.cluster;

import static dev.clusterlab.engine.cluster.Sim.MS;
import static dev.clusterlab.engine.cluster.Sim.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.TimelineEvent.ClusterLog;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandStarted;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.LinkChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.NodeFenced;
import dev.clusterlab.engine.timeline.TimelineEvent.PassthroughChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.PathChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.QuorumChanged;
import dev.clusterlab.engine.timeline.TimelineEvent.TaskManagement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The simulation as a whole: how it starts, the service workload, network, path and reset faults, hand-issued commands and what a node's context records. */
class ClusterSimulationTest {

    private static final long KEY_A = 0xA1L;

    @Nested
    class Start {
        private final Sim s = new Sim();

        @Test
        void everyNodeStartsUpInAFormedClusterWithOneAgentStartedAtTimeZero() {
            for (String node : List.of("a", "b", "c")) {
                assertThat(s.sim.cluster().node(node).state()).isEqualTo(NodeState.UP);
                assertThat(s.sim.cluster().membership(node).members()).containsExactly("a", "b", "c");
                assertThat(s.lifeCount(node)).isEqualTo(1);
            }
            assertThat(s.calls).containsExactly("a#1 start @0", "b#1 start @0", "c#1 start @0");
            assertThat(s.sim.now()).isZero();
        }

        @Test
        void nodeIdsAreOneBasedInDeclarationOrder() {
            assertThat(s.ctx("a").id()).isEqualTo(1);
            assertThat(s.ctx("c").id()).isEqualTo(3);
            assertThat(s.ctx("a").idOf("b")).isEqualTo(2);
            assertThat(s.ctx("b").nodeNames()).containsExactly("a", "b", "c");
            assertThat(s.sim.nodeNames()).containsExactly("a", "b", "c");
        }

        @Test
        void theWitnessDiskGetsTheWitnessRoleWhateverItWasDeclaredAs() {
            assertThat(s.sim.fabric().disk("quorum").role()).isEqualTo(DiskRole.WITNESS);
            assertThat(s.ctx("a").witnessDisk()).isEqualTo("quorum");
            assertThat(s.ctx("a").disks()).extracting(SharedDisk::name).containsExactly("data", "spare", "quorum");
        }

        @Test
        void coordinatorDisksAreListedInDeclarationOrder() {
            Sim v = new Sim(b -> b.disk("coord2", Sim.DISK_SIZE, DiskRole.COORDINATOR, Set.of())
                    .disk("coord1", Sim.DISK_SIZE, DiskRole.COORDINATOR, Set.of()), ctx -> { });
            assertThat(v.ctx("b").coordinatorDisks()).containsExactly("coord2", "coord1");
            assertThat(v.sim.coordinatorDisks()).containsExactly("coord2", "coord1");
        }

        @Test
        void noGroupIsOnlineUntilAnAgentBringsItOnline() {
            assertThat(s.sim.groups().onlineNodes("g")).isEmpty();
            s.runUntil(5 * S);
            assertThat(s.goodWrites("a", "data", 0, 5 * S)).isZero();
        }

        @Test
        void aClusterNeedsANodeAndANetwork() {
            assertThatThrownBy(() -> ClusterSimulation.builder().network("n", MS, 0, 0).build()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ClusterSimulation.builder().node("a", 1).build()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ClusterSimulation.builder().node("a", 1).node("a", 1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aGroupMustBeOnADeclaredDiskAndPreferADeclaredNode() {
            assertThatThrownBy(() -> new Sim(b -> b.group("h", "nope", "a"), ctx -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope");
            assertThatThrownBy(() -> new Sim(b -> b.group("h", "spare", "z"), ctx -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("z");
        }

        @Test
        void theWitnessMustBeADeclaredDisk() {
            assertThatThrownBy(() -> new Sim(b -> b.quorum(QuorumModel.NODE_AND_DISK_MAJORITY, "nope"), ctx -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope");
        }

        @Test
        void theDefaultAgentDoesNothing() {
            ClusterSimulation bare = ClusterSimulation.builder().network("n", MS, 0, 0).node("a", 1).node("b", 1)
                    .disk("d", Sim.DISK_SIZE, DiskRole.DATA, Set.of()).group("g", "d", "a").build();
            bare.runUntil(30 * S);
            assertThat(bare.groups().onlineNodes("g")).isEmpty();
            assertThat(bare.monitor().count()).isZero();
        }

        @Test
        void unknownNodesAreRefused() {
            assertThatThrownBy(() -> s.sim.node("z")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.sim.crash("z")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Workload {
        private final Sim s = new Sim();

        @Test
        @DisplayName("bringOnline claims the disk and starts the service's writes, one per workload interval, from now")
        void bringingAGroupOnlineClaimsItsDiskAndWritesOncePerSecond() {
            s.at(2 * S + 500 * MS, () -> s.ctx("a").bringOnline("g", "test"));
            s.runUntil(7 * S + 400 * MS);
            assertThat(s.ctx("a").storage().claims("data")).isTrue();
            assertThat(s.goodWrites("a", "data", 0, 8 * S)).isEqualTo(5); // 2.5, 3.5, 4.5, 5.5, 6.5
            assertThat(s.events(GroupStateChanged.class)).containsExactly(new GroupStateChanged(2 * S + 500 * MS, "g", "a", true, "test"));
        }

        @Test
        void takingAGroupOfflineStopsTheWritesAndReleasesTheDisk() {
            s.ctx("a").bringOnline("g", "test");
            s.at(3 * S + 500 * MS, () -> s.ctx("a").takeOffline("g", "done"));
            s.runUntil(10 * S);
            assertThat(s.goodWrites("a", "data", 3 * S + 500 * MS, 10 * S)).isZero();
            assertThat(s.ctx("a").storage().claims("data")).isFalse();
        }

        @Test
        void theServiceStopsWritingOnceItsStorageStackKnowsTheDiskIsLost() {
            s.ctx("a").bringOnline("g", "test");
            s.runUntil(1 * S + 500 * MS);
            s.register("b", "data", 0xB1L);
            s.prOut("b", "data", PrOutAction.RESERVE, 1, 0xB1L, 0);
            s.runUntil(10 * S);
            assertThat(s.ctx("a").storage().lost("data")).isTrue();
            assertThat(s.calls).contains("a#1 lost data @2000");
            long writesAfter = s.events(CommandStarted.class).stream()
                    .filter(c -> c.time() > 2 * S && c.lu().equals("data") && "a".equals(s.sim.fabric().nodeOf(c.nexus().initiator())))
                    .count();
            assertThat(writesAfter).isZero();
        }
    }

    @Nested
    class Network {
        private final Sim s = new Sim();

        @Test
        void cuttingAWholeNetworkCutsEveryLinkAndEveryNodeEndsAlone() {
            s.at(2 * S + 500 * MS, () -> s.sim.cut("cluster", null, null));
            s.runUntil(20 * S);
            assertThat(s.events(LinkChanged.class)).extracting(l -> l.nodeA() + "-" + l.nodeB() + " " + l.up())
                    .containsExactly("a-b false", "a-c false", "b-c false");
            for (String node : List.of("a", "b", "c")) assertThat(s.sim.cluster().membership(node).members()).containsExactly(node);
        }

        @Test
        void healingAWholeNetworkBringsEveryoneBack() {
            s.at(2 * S + 500 * MS, () -> s.sim.cut("cluster", null, null));
            s.at(20 * S + 500 * MS, () -> s.sim.heal("cluster", null, null));
            s.runUntil(22 * S);
            assertThat(s.events(LinkChanged.class)).filteredOn(LinkChanged::up).hasSize(3);
            for (String node : List.of("a", "b", "c")) assertThat(s.sim.cluster().membership(node).members()).hasSize(3);
        }

        @Test
        void cuttingOneLinkLeavesTheOthers() {
            s.at(2 * S + 500 * MS, () -> s.sim.cut("cluster", "a", "b"));
            s.runUntil(20 * S);
            assertThat(s.events(LinkChanged.class)).containsExactly(new LinkChanged(2 * S + 500 * MS, "cluster", "a", "b", false));
            assertThat(s.sim.cluster().membership("a").members()).containsExactly("a", "c");
            assertThat(s.sim.cluster().membership("c").members()).containsExactly("a", "b", "c");
        }

        @Test
        void aPartitionCutsOnlyTheLinksAcrossIt() {
            s.at(2 * S + 500 * MS, () -> s.sim.partition("cluster", List.of("a")));
            s.runUntil(20 * S);
            assertThat(s.events(LinkChanged.class)).extracting(l -> l.nodeA() + "-" + l.nodeB() + " " + l.up())
                    .containsExactly("a-b false", "a-c false");
            assertThat(s.sim.cluster().membership("a").members()).containsExactly("a");
            assertThat(s.sim.cluster().membership("b").members()).containsExactly("b", "c");
        }

        @Test
        void healingOneLinkHealsOnlyIt() {
            s.sim.cut("cluster", null, null);
            s.sim.heal("cluster", "b", "a");
            assertThat(s.events(LinkChanged.class)).filteredOn(LinkChanged::up).extracting(l -> l.nodeA() + "-" + l.nodeB())
                    .containsExactly("b-a");
        }

        @Test
        void anUnknownNetworkIsRefused() {
            assertThatThrownBy(() -> s.sim.cut("nope", null, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Paths {
        private final Sim s = new Sim();

        @Test
        void failingAndRestoringAPathIsRecorded() {
            s.sim.failPath("a", "p2");
            s.sim.restorePath("a", "p2");
            assertThat(s.events(PathChanged.class)).containsExactly(new PathChanged(0, "a", "p2", false, null),
                    new PathChanged(0, "a", "p2", true, null));
        }

        @Test
        void aCommandDownAFailedPathHasNoPath() {
            s.sim.failPath("a", "p2");
            assertThat(s.sim.issue("a", "p2", "data", ScsiRequest.noData(Cdbs.testUnitReady()))).isEqualTo(new IoOutcome.NoPath("p2"));
        }

        @Test
        void multipathIssueFailsOverToTheNextPath() {
            s.sim.failPath("a", "p1");
            IoOutcome outcome = s.write("a", "data");
            assertThat(outcome.isGood()).isTrue();
            assertThat(outcome.path()).isEqualTo("p2");
        }

        @Test
        void anExplicitPathIsUsedEvenWhenAnEarlierOneIsUp() {
            IoOutcome outcome = s.sim.issue("a", "p2", "data", ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512]));
            assertThat(outcome.path()).isEqualTo("p2");
            assertThat(outcome.isGood()).isTrue();
        }

        @Test
        void unknownPathsAndDisksAreRefused() {
            assertThatThrownBy(() -> s.sim.failPath("b", "p2")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.sim.issue("b", "p2", "data", ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.sim.issue("b", null, "nope", ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.sim.passthrough("b", "p9", PassthroughMode.LOSSY)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void passthroughForOnePathChangesOnlyThatPath() {
            s.sim.passthrough("a", "p2", PassthroughMode.LOSSY);
            assertThat(s.sim.fabric().mode("a", 0)).isEqualTo(PassthroughMode.FAITHFUL);
            assertThat(s.sim.fabric().mode("a", 1)).isEqualTo(PassthroughMode.LOSSY);
            assertThat(s.events(PassthroughChanged.class)).containsExactly(new PassthroughChanged(0, "a", "p2", PassthroughMode.LOSSY));
        }

        @Test
        void passthroughWithoutAPathChangesEveryPathOfTheNode() {
            s.sim.passthrough("a", null, PassthroughMode.LOSSY);
            assertThat(s.sim.fabric().mode("a", 0)).isEqualTo(PassthroughMode.LOSSY);
            assertThat(s.sim.fabric().mode("a", 1)).isEqualTo(PassthroughMode.LOSSY);
            assertThat(s.sim.fabric().mode("b", 0)).isEqualTo(PassthroughMode.FAITHFUL);
            assertThat(s.events(PassthroughChanged.class)).extracting(PassthroughChanged::path).containsExactly("p1", "p2");
        }

        @Test
        void issuedCommandsGoThroughThePassthroughMode() {
            s.register("b", "data", 0xB1L);
            s.prOut("b", "data", PrOutAction.RESERVE, 1, 0xB1L, 0);
            s.sim.passthrough("a", "p1", PassthroughMode.LOSSY);
            assertThat(s.sim.issue("a", "p1", "data", ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512])))
                    .isEqualTo(new IoOutcome.IoError("p1", "RESERVATION CONFLICT"));
            IoOutcome faithful = s.sim.issue("a", "p2", "data", ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512]));
            assertThat(((IoOutcome.Completed) faithful).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        }
    }

    @Nested
    class Resets {
        private final Sim s = new Sim();

        @Test
        void anOperatorBusResetDropsEverySpc2Reservation() {
            s.sim.issue("a", null, "data", ScsiRequest.noData(Cdbs.reserve6()));
            s.sim.issue("b", null, "spare", ScsiRequest.noData(Cdbs.reserve6()));
            s.sim.busReset("data");
            assertThat(s.sim.fabric().disk("data").lu().reservations().spc2Holder()).isNull();
            assertThat(s.sim.fabric().disk("spare").lu().reservations().spc2Holder()).isNull();
        }

        @Test
        void aNodesBusResetComesFromItsFirstPath() {
            s.sim.issue("b", null, "data", ScsiRequest.noData(Cdbs.reserve6()));
            s.ctx("a").busReset("data");
            assertThat(s.sim.fabric().disk("data").lu().reservations().spc2Holder()).isNull();
            var resets = s.events(TaskManagement.class);
            assertThat(resets).isNotEmpty().allSatisfy(tm -> assertThat(s.sim.fabric().describe(tm.requester().initiator())).isEqualTo("a/p1"));
        }

        @Test
        void aNodesBusResetGoesOutOnItsFirstWorkingPath() {
            s.sim.issue("b", null, "data", ScsiRequest.noData(Cdbs.reserve6()));
            s.sim.failPath("a", "p1");
            s.ctx("a").busReset("data");
            assertThat(s.sim.fabric().disk("data").lu().reservations().spc2Holder()).isNull();
            var resets = s.events(TaskManagement.class).stream()
                    .filter(tm -> tm.kind() == dev.clusterlab.engine.timeline.TimelineEvent.TaskManagementKind.TARGET_RESET).toList();
            assertThat(resets).isNotEmpty().allSatisfy(tm -> assertThat(s.sim.fabric().describe(tm.requester().initiator())).isEqualTo("a/p2"));
        }

        @Test
        void busResetOfAnUnknownDiskIsRefused() {
            assertThatThrownBy(() -> s.sim.busReset("nope")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void logicalUnitResetAndTargetRestartReachTheDisks() {
            s.sim.issue("a", null, "data", ScsiRequest.noData(Cdbs.reserve6()));
            s.sim.logicalUnitReset("data");
            assertThat(s.sim.fabric().disk("data").lu().reservations().spc2Holder()).isNull();
            s.register("a", "spare", KEY_A);
            s.sim.targetRestart();
            assertThat(s.sim.fabric().disk("spare").lu().reservations().snapshot().registrants()).isEmpty();
        }
    }

    @Nested
    class Context {
        private final Sim s = new Sim();

        @Test
        void logWritesAClusterLogLine() {
            s.ctx("b").log("hello");
            assertThat(s.events(ClusterLog.class)).containsExactly(new ClusterLog(0, "b", "hello"));
        }

        @Test
        void fencedRecordsWhoFencedWhomOnWhichDisk() {
            s.runUntil(3 * S);
            s.ctx("b").fenced("a", "data", "PREEMPT AND ABORT");
            assertThat(s.events(NodeFenced.class)).containsExactly(new NodeFenced(3 * S, "a", "b", "data", "PREEMPT AND ABORT"));
        }

        @Test
        void quorumIsInitiallyHeldAndRecordedOnlyWhenItChanges() {
            assertThat(s.ctx("a").hasQuorum()).isTrue();
            s.ctx("a").quorum(true, 3);
            s.ctx("a").quorum(false, 1);
            s.ctx("a").quorum(false, 0);
            s.ctx("a").quorum(true, 2);
            assertThat(s.events(QuorumChanged.class)).containsExactly(new QuorumChanged(0, "a", false, 1, 3),
                    new QuorumChanged(0, "a", true, 2, 3));
            assertThat(s.ctx("a").hasQuorum()).isTrue();
        }

        @Test
        void aRebootedNodeStartsWithQuorumAssumed() {
            s.ctx("a").quorum(false, 1);
            s.sim.crash("a");
            s.sim.restart("a");
            assertThat(s.ctx("a").hasQuorum()).isTrue();
        }

        @Test
        void randomStreamsAreReproducibleAndIndependentPerNodeAndPurpose() {
            long a1 = new Sim().ctx("a").random("race").nextLong();
            long a2 = s.ctx("a").random("race").nextLong();
            long b = s.ctx("b").random("race").nextLong();
            long other = s.ctx("a").random("other").nextLong();
            assertThat(a1).isEqualTo(a2);
            assertThat(b).isNotEqualTo(a2);
            assertThat(other).isNotEqualTo(a2);
        }

        @Test
        void theContextExposesTheSimulationsParts() {
            assertThat(s.ctx("a").parameters()).isEqualTo(ClusterParameters.DEFAULTS);
            assertThat(s.ctx("a").quorum()).isEqualTo(new QuorumRule(QuorumModel.NODE_MAJORITY, "quorum", 3));
            assertThat(s.ctx("a").groups()).isSameAs(s.sim.groups());
            assertThat(s.ctx("a").view().self()).isEqualTo("a");
            assertThat(s.ctx("a").storage().node()).isEqualTo("a");
            assertThat(s.ctx("a").name()).isEqualTo("a");
        }
    }
}
