package dev.clusterlab.engine.cluster;

import static dev.clusterlab.engine.cluster.Sim.MS;
import static dev.clusterlab.engine.cluster.Sim.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.TimelineEvent.IntegrityViolation;
import dev.clusterlab.engine.timeline.TimelineEvent.ViolationKind;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The data-integrity monitor, driven by hand: groups brought online through the nodes' contexts,
 * commands issued through their storage stacks, partitions through the network.
 */
class IntegrityMonitorTest {
    private static final long KEY_A = 0xA1L;
    private static final long KEY_B = 0xB1L;
    private static final long KEY_C = 0xC1L;
    private static final int WERO = 5;
    private static final int WRITE_EXCLUSIVE = 1;

    private final Sim s = new Sim();
    private final IntegrityMonitor monitor = s.sim.monitor();

    /** Cuts a-b at 0.5 s: a and b remove each other at 11 s; c keeps both. */
    private void partitionAFromB() {
        s.at(500 * MS, () -> s.sim.cut("cluster", "a", "b"));
        s.runUntil(12 * S);
        assertThat(s.sim.cluster().membership("a").contains("b")).isFalse();
    }

    @Nested
    class WriteFromFencedNode {
        @Test
        @DisplayName("a GOOD write from a node the owner (with quorum) removed from its view is WRITE_FROM_FENCED_NODE")
        void aWriteFromOutsideTheOwnersViewIsFlagged() {
            s.ctx("a").bringOnline("g", "test");
            partitionAFromB();
            assertThat(s.write("b", "data").isGood()).isTrue();
            assertThat(monitor.violations()).singleElement().satisfies(v -> {
                assertThat(v.kind()).isEqualTo(ViolationKind.WRITE_FROM_FENCED_NODE);
                assertThat(v.disk()).isEqualTo("data");
                assertThat(v.node()).isEqualTo("b");
                assertThat(v.other()).isEqualTo("a");
                assertThat(v.time()).isEqualTo(12 * S);
            });
            assertThat(s.events(IntegrityViolation.class)).isEqualTo(monitor.violations());
        }

        @Test
        void everySuchWriteIsAViolationOfItsOwn() {
            s.ctx("a").bringOnline("g", "test");
            partitionAFromB();
            s.write("b", "data");
            s.write("b", "data");
            assertThat(monitor.count()).isEqualTo(2);
        }

        @Test
        @DisplayName("a hung owner's frozen view does not decide who is fenced: the cluster moved on without it")
        void aHungOwnersFrozenViewDoesNotMakeTheNewOwnersWritesViolations() {
            s.ctx("a").bringOnline("g", "test");
            s.at(500 * MS, () -> s.sim.crash("b"));
            s.at(11 * S + 500 * MS, () -> s.sim.restart("b"));  // a removed b at 11 s and never hears it again:
            s.at(11 * S + 600 * MS, () -> s.sim.hang("a"));     // a hangs with the view [a, c]
            s.runUntil(24 * S);
            assertThat(s.sim.cluster().membership("a").members()).containsExactly("a", "c");
            assertThat(s.write("b", "data").isGood()).isTrue();
            assertThat(monitor.count()).isZero();
        }

        @Test
        void aWriteFromInsideTheOwnersViewIsFine() {
            s.ctx("a").bringOnline("g", "test");
            partitionAFromB();
            assertThat(s.write("c", "data").isGood()).isTrue();
            s.at(12 * S, () -> { });
            assertThat(monitor.count()).isZero();
        }

        @Test
        void beforeTheOwnerRemovesTheWriterItsWritesAreFine() {
            s.ctx("a").bringOnline("g", "test");
            s.at(500 * MS, () -> s.sim.cut("cluster", "a", "b"));
            s.runUntil(10 * S + 500 * MS);
            assertThat(s.write("b", "data").isGood()).isTrue();
            assertThat(monitor.count()).isZero();
        }

        @Test
        void anOwnerWithoutQuorumIsNotTheLegitimateOwner() {
            s.ctx("a").bringOnline("g", "test");
            partitionAFromB();
            s.ctx("a").quorum(false, 1);
            assertThat(s.write("b", "data").isGood()).isTrue();
            assertThat(monitor.count()).isZero();
        }

        @Test
        void anOwnerThatKnowsItLostTheDiskIsNotTheLegitimateOwner() {
            s.ctx("a").bringOnline("g", "test");
            s.register("b", "data", KEY_B);
            s.prOut("b", "data", PrOutAction.RESERVE, WRITE_EXCLUSIVE, KEY_B, 0);
            partitionAFromB();
            assertThat(s.ctx("a").storage().lost("data")).isTrue();
            assertThat(s.write("b", "data").isGood()).isTrue();
            assertThat(monitor.count()).isZero();
        }

        @Test
        void aWriteTheDiskRefusesIsNoViolation() {
            s.register("a", "data", KEY_A);
            s.prOut("a", "data", PrOutAction.RESERVE, WERO, KEY_A, 0);
            s.ctx("a").bringOnline("g", "test");
            partitionAFromB();
            assertThat(s.write("b", "data").isGood()).isFalse();
            assertThat(monitor.count()).isZero();
        }

        @Test
        void readsFromOutsideAreNoViolation() {
            s.ctx("a").bringOnline("g", "test");
            partitionAFromB();
            assertThat(s.read("b", "data").isGood()).isTrue();
            assertThat(monitor.count()).isZero();
        }

        @Test
        void theOwnersOwnWritesAreNoViolation() {
            s.ctx("a").bringOnline("g", "test");
            partitionAFromB();
            assertThat(s.goodWrites("a", "data", 11 * S, 13 * S)).isPositive();
            assertThat(monitor.count()).isZero();
        }

        @Test
        void aDiskWithoutAGroupIsNotWatched() {
            s.ctx("a").bringOnline("g", "test");
            partitionAFromB();
            assertThat(s.write("b", "spare").isGood()).isTrue();
            assertThat(monitor.count()).isZero();
        }

        @Test
        void onlyDataDisksAreWatched() {
            Sim w = new Sim(b -> b.group("quorum-group", "quorum", "a"), ctx -> { });
            w.ctx("a").bringOnline("quorum-group", "test");
            w.at(500 * MS, () -> w.sim.cut("cluster", "a", "b"));
            w.runUntil(12 * S);
            assertThat(w.write("b", "quorum").isGood()).isTrue();
            assertThat(w.sim.monitor().count()).isZero();
        }

        @Test
        void violationsAreCountedEvenWhenTheTimelineKeepsNothing() {
            Sim quiet = new Sim(b -> b.timeline(TimelineSink.DISCARD), ctx -> { });
            quiet.ctx("a").bringOnline("g", "test");
            quiet.at(500 * MS, () -> quiet.sim.cut("cluster", "a", "b"));
            quiet.runUntil(12 * S);
            quiet.write("b", "data");
            assertThat(quiet.sim.monitor().count()).isEqualTo(1);
            assertThat(quiet.timeline.size()).isZero();
        }
    }

    @Nested
    class SplitBrain {
        @Test
        @DisplayName("two nodes run the group, believe they own the disk and can both write: SPLIT_BRAIN")
        void twoBelieversThatCanBothWriteAreASplitBrain() {
            s.ctx("a").bringOnline("g", "test");
            s.ctx("c").bringOnline("g", "test");
            assertThat(monitor.violations()).singleElement().satisfies(v -> {
                assertThat(v.kind()).isEqualTo(ViolationKind.SPLIT_BRAIN);
                assertThat(v.disk()).isEqualTo("data");
                assertThat(v.node()).isEqualTo("c");
                assertThat(v.other()).isEqualTo("a");
                assertThat(v.detail()).contains("a and c both run g");
            });
        }

        @Test
        void aSplitBrainIsReportedOncePerEpisode() {
            s.ctx("a").bringOnline("g", "test");
            s.ctx("c").bringOnline("g", "test");
            s.register("b", "data", KEY_B);     // a reservation change re-checks the disk
            s.runUntil(10 * S);
            s.sim.failPath("a", "p2");          // so does a path change
            assertThat(monitor.count()).isEqualTo(1);
        }

        @Test
        void aSplitBrainThatEndsAndStartsAgainIsASecondEpisode() {
            s.ctx("a").bringOnline("g", "test");
            s.ctx("c").bringOnline("g", "test");
            s.ctx("c").takeOffline("g", "test");
            s.ctx("b").bringOnline("g", "test");
            assertThat(monitor.violations()).extracting(IntegrityViolation::kind)
                    .containsExactly(ViolationKind.SPLIT_BRAIN, ViolationKind.SPLIT_BRAIN);
            assertThat(monitor.violations().get(1).node()).isEqualTo("b");
        }

        @Test
        @DisplayName("silent when the loser cannot write: the other believer is not registered under WERO")
        void aBelieverThatCannotWriteIsNoSplitBrain() {
            s.register("a", "data", KEY_A);
            s.prOut("a", "data", PrOutAction.RESERVE, WERO, KEY_A, 0);
            s.ctx("a").bringOnline("g", "test");
            s.ctx("c").bringOnline("g", "test");
            s.runUntil(5 * S);
            assertThat(monitor.count()).isZero();
        }

        @Test
        void theSplitBrainStartsWhenTheLoserBecomesAbleToWrite() {
            s.register("a", "data", KEY_A);
            s.prOut("a", "data", PrOutAction.RESERVE, WERO, KEY_A, 0);
            s.ctx("a").bringOnline("g", "test");
            s.runUntil(2 * S + 500 * MS);
            s.ctx("c").bringOnline("g", "test");
            assertThat(monitor.count()).isZero();
            s.register("c", "data", KEY_C); // a registrant may write under WERO (before c's first write hits a conflict)
            assertThat(monitor.violations()).singleElement().extracting(IntegrityViolation::time).isEqualTo(2 * S + 500 * MS);
        }

        @Test
        void anSpc2ReservationKeepsTheOtherBelieverFromWriting() {
            s.sim.issue("a", null, "data", ScsiRequest.noData(Cdbs.reserve6()));
            s.ctx("a").bringOnline("g", "test");
            s.ctx("c").bringOnline("g", "test");
            assertThat(monitor.count()).isZero();
        }

        @Test
        @DisplayName("a bus reset that drops the SPC-2 reservation of the owner starts a split brain at once (MSCS challenge)")
        void aBusResetDroppingTheSpc2ReservationStartsTheSplitBrain() {
            s.sim.issue("a", null, "data", ScsiRequest.noData(Cdbs.reserve6()));
            s.ctx("a").bringOnline("g", "test");
            s.ctx("c").bringOnline("g", "test");
            s.runUntil(500 * MS);
            s.ctx("c").storage().claim("data"); // c's first write met the conflict; it claims the disk again
            s.ctx("c").busReset("data");
            assertThat(monitor.violations()).singleElement().extracting(IntegrityViolation::time).isEqualTo(500 * MS);
        }

        @Test
        void aBelieverWithEveryPathDownCannotWrite() {
            s.sim.failPath("b", "p1");
            s.ctx("a").bringOnline("g", "test");
            s.ctx("b").bringOnline("g", "test");
            assertThat(monitor.count()).isZero();
            s.sim.restorePath("b", "p1");
            assertThat(monitor.count()).isEqualTo(1);
        }

        @Test
        void aCrashedBelieverEndsTheEpisode() {
            s.ctx("a").bringOnline("g", "test");
            s.ctx("c").bringOnline("g", "test");
            s.sim.crash("c");
            s.ctx("b").bringOnline("g", "test");
            assertThat(monitor.count()).isEqualTo(2);
        }

        @Test
        @DisplayName("a believer that learns it lost the disk ends the episode; a later pair of writers is a new one")
        void learningOfTheLossEndsTheEpisode() {
            s.register("a", "data", KEY_A);
            s.register("b", "data", KEY_B);
            s.prOut("a", "data", PrOutAction.RESERVE, WERO, KEY_A, 0);
            s.ctx("a").bringOnline("g", "test");
            s.ctx("b").bringOnline("g", "test");          // both registrants: episode 1
            s.runUntil(500 * MS);
            // a releases: no reservation, b gets 2Ah/04h RESERVATIONS RELEASED and hears it at its next write (1 s).
            s.prOut("a", "data", PrOutAction.RELEASE, WERO, KEY_A, 0);
            s.runUntil(1 * S + 500 * MS);
            assertThat(s.ctx("b").storage().lost("data")).isTrue();
            s.ctx("c").bringOnline("g", "test");          // a and c both write: episode 2
            assertThat(monitor.violations()).extracting(IntegrityViolation::kind)
                    .containsExactly(ViolationKind.SPLIT_BRAIN, ViolationKind.SPLIT_BRAIN);
            assertThat(monitor.violations().get(1).detail()).contains("a and c");
        }
    }

    @Nested
    class Lesson {
        @Test
        @DisplayName("the hung owner, fenced with PREEMPT AND ABORT behind faithful passthrough, stops at RESERVATION CONFLICT")
        void faithfulPassthroughKeepsTheFencedOwnerOut() {
            Sim lesson = hungOwnerFencedAt(false);
            lesson.runUntil(30 * S);
            assertThat(lesson.sim.monitor().count()).isZero();
            assertThat(lesson.ctx("a").storage().lost("data")).isTrue();
        }

        @Test
        @DisplayName("behind lossy passthrough the fenced owner re-registers and writes again: both violations fire")
        void lossyPassthroughLetsTheFencedOwnerWriteAgain() {
            Sim lesson = hungOwnerFencedAt(true);
            lesson.runUntil(30 * S);
            assertThat(lesson.sim.monitor().violations()).extracting(IntegrityViolation::kind)
                    .contains(ViolationKind.SPLIT_BRAIN, ViolationKind.WRITE_FROM_FENCED_NODE);
            assertThat(lesson.sim.monitor().violations()).filteredOn(v -> v.kind() == ViolationKind.SPLIT_BRAIN).hasSize(1);
            assertThat(lesson.ctx("a").storage().believesOwner("data")).isTrue();
        }

        /**
         * a owns g (registered, WERO) and hangs at 2.5 s; b and c remove it at 13 s, when b fences a
         * with PREEMPT AND ABORT and brings g online.
         */
        private Sim hungOwnerFencedAt(boolean lossy) {
            Sim l = new Sim();
            if (lossy) for (String n : new String[] {"a", "b", "c"}) l.sim.passthrough(n, null, PassthroughMode.LOSSY);
            l.register("a", "data", KEY_A);
            l.prOut("a", "data", PrOutAction.RESERVE, WERO, KEY_A, 0);
            l.ctx("a").bringOnline("g", "test");
            l.at(2 * S + 500 * MS, () -> l.sim.hang("a"));
            l.at(13 * S + 500 * MS, () -> {
                assertThat(l.ctx("b").view().contains("a")).isFalse();
                l.register("b", "data", KEY_B);
                l.prOut("b", "data", PrOutAction.PREEMPT_AND_ABORT, WERO, KEY_B, KEY_A);
                l.ctx("b").fenced("a", "data", "PREEMPT AND ABORT");
                l.ctx("b").bringOnline("g", "failover");
            });
            return l;
        }
    }

    @Test
    void aWitnessRoleFromTheBuilderIsNotWatchedEither() {
        Sim w = new Sim(b -> b.disk("w2", Sim.DISK_SIZE, DiskRole.WITNESS, Set.of()).group("wg", "w2", "a"), ctx -> { });
        w.ctx("a").bringOnline("wg", "test");
        w.ctx("c").bringOnline("wg", "test");
        // Split brain is about any group's disk; write-from-fenced only about data disks.
        assertThat(w.sim.monitor().violations()).extracting(IntegrityViolation::kind).containsExactly(ViolationKind.SPLIT_BRAIN);
    }
}
