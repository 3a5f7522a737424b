package dev.clusterlab.engine.cluster.storage;

import static dev.clusterlab.engine.cluster.storage.San.WERO;
import static dev.clusterlab.engine.cluster.storage.San.WRITE_EXCLUSIVE;
import static dev.clusterlab.engine.cluster.storage.San.assertGood;
import static dev.clusterlab.engine.cluster.storage.San.assertUnitAttention;
import static dev.clusterlab.engine.cluster.storage.San.keysIn;
import static dev.clusterlab.engine.cluster.storage.San.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandStarted;
import dev.clusterlab.engine.timeline.TimelineEvent.TaskManagement;
import dev.clusterlab.engine.timeline.TimelineEvent.TaskManagementKind;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The simulated SAN: nexus naming, passthrough modes, path faults, resets, restarts and the disk quirk. */
class StorageFabricTest {
    private static final long KEY_A = 0xA1L;
    private static final long KEY_B = 0xB1L;

    private final San san = new San();
    private final StorageFabric fabric = san.fabric;

    @Nested
    class Naming {
        @Test
        void eachPathOfANodeIsDescribedAsNodeSlashPath() {
            assertThat(fabric.describe(fabric.initiator("a", 0))).isEqualTo("a/p1");
            assertThat(fabric.describe(fabric.initiator("a", 1))).isEqualTo("a/p2");
            assertThat(fabric.describe(fabric.initiator("b", 0))).isEqualTo("b/p1");
            assertThat(fabric.nodeOf(fabric.initiator("a", 1))).isEqualTo("a");
        }

        @Test
        void aPortThatIsNotALabNodesIsNeitherDescribedNorOwned() {
            InitiatorPort stranger = InitiatorPort.iscsi("iqn.1998-01.com.example:host", 1);
            assertThat(fabric.describe(stranger)).isNull();
            assertThat(fabric.nodeOf(stranger)).isNull();
        }

        @Test
        @DisplayName("a node's paths share its iSCSI name and differ by ISID: one I_T nexus per path, as MPIO registers them")
        void pathsOfOneNodeShareTheIscsiNameAndDifferByIsid() {
            InitiatorPort p1 = fabric.initiator("a", 0);
            InitiatorPort p2 = fabric.initiator("a", 1);
            assertThat(p1).isNotEqualTo(p2);
            assertThat(p1.displayName()).startsWith(StorageFabric.IQN_PREFIX + "a");
            assertThat(p2.displayName()).startsWith(StorageFabric.IQN_PREFIX + "a");
            assertThat(fabric.initiator("b", 0)).isNotEqualTo(p1);
        }

        @Test
        void pathKOfEveryNodeGoesThroughTargetPortK() {
            SharedDisk data = fabric.disk("data");
            assertThat(fabric.nexus("a", 0, data).target().relativeId()).isEqualTo(1);
            assertThat(fabric.nexus("a", 1, data).target().relativeId()).isEqualTo(2);
            assertThat(fabric.nexus("b", 0, data).target().relativeId()).isEqualTo(1);
            assertThat(fabric.nexus("a", 1, data).initiator()).isEqualTo(fabric.initiator("a", 1));
        }

        @Test
        void aRegistrationMadeDownPathTwoIsHeldThroughTargetPortTwo() {
            assertGood(san.send("a", 1, "data", San.register(KEY_A)));
            ReservationSnapshot.Registrant r = san.snapshot("data").registrants().get(0);
            assertThat(r.initiator()).isEqualTo(fabric.initiator("a", 1));
            assertThat(r.targetPort().relativeId()).isEqualTo(2);
        }

        @Test
        void pathNamesAreOneBasedAndUnknownPathsHaveNoIndex() {
            assertThat(StorageFabric.pathName(0)).isEqualTo("p1");
            assertThat(fabric.pathIndex("a", "p2")).isEqualTo(1);
            assertThat(fabric.pathIndex("b", "p2")).isEqualTo(-1);
            assertThat(fabric.pathIndex("a", "x")).isEqualTo(-1);
            assertThat(fabric.pathCount("a")).isEqualTo(2);
        }

        @Test
        void disksAreListedInDeclarationOrderWithTheirIndexAsLun() {
            assertThat(fabric.disks()).extracting(SharedDisk::name).containsExactly("data", "other");
            assertThat(fabric.disk("other").index()).isEqualTo(1);
            assertThat(fabric.disk("other").lu().lun()).isEqualTo(1);
            assertThat(fabric.nodeNames()).containsExactly("a", "b");
        }

        @Test
        void badTopologyIsRefused() {
            assertThatThrownBy(() -> fabric.addDisk("data", San.DISK_SIZE, DiskRole.DATA, Set.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fabric.addDisk("odd", 1000, DiskRole.DATA, Set.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fabric.addDisk("empty", 0, DiskRole.DATA, Set.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fabric.addNode("a", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fabric.addNode("c", 3)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fabric.addNode("c", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fabric.disk("nope")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fabric.pathCount("nope")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new StorageFabric(san.clock, san.timeline, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Faithful {
        @Test
        void aNewPathIsUpAndFaithful() {
            assertThat(fabric.isUp("a", 1)).isTrue();
            assertThat(fabric.mode("a", 1)).isEqualTo(PassthroughMode.FAITHFUL);
        }

        @Test
        void reservationConflictReachesTheNodeUnchanged() {
            assertGood(san.send("b", 0, "data", San.reserve6()));
            IoOutcome outcome = san.send("a", 0, "data", San.write());
            assertThat(response(outcome).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            assertThat(outcome.path()).isEqualTo("p1");
            assertThat(outcome.isGood()).isFalse();
        }

        @Test
        @DisplayName("a unit attention reaches the node as CHECK CONDITION, once (SPC-4 §4.5.5: reporting clears it)")
        void unitAttentionReachesTheNodeUnchanged() {
            assertGood(san.send("a", 0, "data", San.testUnitReady())); // the LU now knows the nexus
            fabric.logicalUnitReset("data");
            assertUnitAttention(san.send("a", 0, "data", San.testUnitReady()), AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
            assertGood(san.send("a", 0, "data", San.testUnitReady()));
        }

        @Test
        void aGoodCommandIsCompletedOnThePathItTook() {
            IoOutcome outcome = san.send("a", 1, "data", San.write());
            assertThat(outcome).isInstanceOf(IoOutcome.Completed.class);
            assertThat(outcome.isGood()).isTrue();
            assertThat(outcome.path()).isEqualTo("p2");
        }
    }

    @Nested
    class Lossy {
        @Test
        @DisplayName("LOSSY: RESERVATION CONFLICT becomes a generic I/O error; the node never sees status 18h")
        void reservationConflictBecomesAnIoError() {
            assertGood(san.send("b", 0, "data", San.reserve6()));
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            IoOutcome outcome = san.send("a", 0, "data", San.write());
            assertThat(outcome).isEqualTo(new IoOutcome.IoError("p1", "RESERVATION CONFLICT"));
            assertThat(outcome.isGood()).isFalse();
        }

        @Test
        void aPersistentReservationConflictBecomesAnIoErrorToo() {
            assertGood(san.send("b", 0, "data", San.register(KEY_B)));
            assertGood(san.send("b", 0, "data", San.reserve(KEY_B, WRITE_EXCLUSIVE)));
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            assertThat(san.send("a", 0, "data", San.write())).isInstanceOf(IoOutcome.IoError.class);
        }

        @Test
        void aUnitAttentionIsSwallowedByRetryingTheCommandOnce() {
            assertGood(san.send("a", 0, "data", San.testUnitReady()));
            fabric.logicalUnitReset("data");
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            int before = san.timeline.ofType(CommandStarted.class).size();
            assertGood(san.send("a", 0, "data", San.read()));
            // The host sent it twice: once answered with the unit attention, once for real.
            assertThat(san.timeline.ofType(CommandStarted.class)).hasSize(before + 2);
            assertGood(san.send("a", 0, "data", San.read()));
            assertThat(san.timeline.ofType(CommandStarted.class)).hasSize(before + 3);
        }

        @Test
        void twoUnitAttentionsInARowBecomeAnIoError() {
            assertGood(san.send("a", 0, "data", San.testUnitReady()));
            fabric.logicalUnitReset("data");   // 29h/03h
            fabric.busReset(null);             // 29h/02h, queued behind it
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            assertThat(san.send("a", 0, "data", San.read())).isEqualTo(new IoOutcome.IoError("p1", "UNIT ATTENTION"));
        }

        @Test
        void aLossyPathLeavesTheNodesOtherPathsFaithful() {
            assertGood(san.send("b", 0, "data", San.reserve6()));
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            assertThat(response(san.send("a", 1, "data", San.write())).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        }

        @Test
        void lossyPassesOtherCheckConditionsAndGoodDataUnchanged() {
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            assertGood(san.send("a", 0, "data", San.register(KEY_A)));
            ScsiResponse keys = response(san.send("a", 0, "data", San.readKeys()));
            assertThat(keysIn(keys)).containsExactly(KEY_A);
            ScsiResponse outOfRange = response(san.send("a", 0, "data",
                    ScsiRequest.dataIn(Cdbs.read10(1L << 30, 1), 512)));
            assertThat(outOfRange.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
            assertThat(outOfRange.sense().additional()).isEqualTo(AdditionalSense.LBA_OUT_OF_RANGE);
        }
    }

    @Nested
    class PathFaults {
        @Test
        void aDownPathAnswersNoPathWithoutReachingTheDisk() {
            int before = san.timeline.ofType(CommandStarted.class).size();
            fabric.setPathUp("a", 0, false, "cable pulled");
            assertThat(fabric.isUp("a", 0)).isFalse();
            assertThat(san.send("a", 0, "data", San.write())).isEqualTo(new IoOutcome.NoPath("p1"));
            assertThat(san.timeline.ofType(CommandStarted.class)).hasSize(before);
            assertGood(san.send("a", 1, "data", San.write()));
        }

        @Test
        @DisplayName("a path going down is an I_T nexus loss at every disk (SAM-5 §6.3.4)")
        void aPathGoingDownIsAnItNexusLossAtEveryDisk() {
            fabric.setPathUp("a", 1, false, "HBA died");
            List<TaskManagement> losses = san.timeline.ofType(TaskManagement.class);
            assertThat(losses).extracting(TaskManagement::lu).containsExactly("data", "other");
            assertThat(losses).allSatisfy(tm -> {
                assertThat(tm.kind()).isEqualTo(TaskManagementKind.I_T_NEXUS_LOSS);
                assertThat(tm.requester()).isEqualTo(fabric.nexus("a", 1, fabric.disk(tm.lu())));
            });
        }

        @Test
        @DisplayName("back up, the path's first command on each disk reports 29h/07h I_T NEXUS LOSS OCCURRED")
        void aRestoredPathReportsTheNexusLossOnEachDisk() {
            fabric.setPathUp("a", 1, false, "HBA died");
            fabric.setPathUp("a", 1, true, "HBA replaced");
            assertUnitAttention(san.send("a", 1, "data", San.testUnitReady()), AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
            assertUnitAttention(san.send("a", 1, "other", San.testUnitReady()), AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
            assertGood(san.send("a", 1, "data", San.testUnitReady()));
        }

        @Test
        @DisplayName("registrations survive an I_T nexus loss (SPC-4 §5.13.1); an SPC-2 reservation does not")
        void registrationsSurviveAPathLossButTheSpc2ReservationDoesNot() {
            assertGood(san.send("a", 0, "data", San.register(KEY_A)));
            assertGood(san.send("a", 0, "other", San.reserve6()));
            fabric.setPathUp("a", 0, false, "cable pulled");
            assertThat(san.keys("data")).containsExactly(KEY_A);
            assertThat(san.snapshot("other").spc2Holder()).isNull();
        }

        @Test
        void pathChangesAreRecordedOncePerChange() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            fabric.setPathUp("a", 0, false, "cable pulled again");
            fabric.setPathUp("a", 0, true, "cable back");
            fabric.setPathUp("a", 0, true, "cable back again");
            assertThat(san.timeline.ofType(TimelineEvent.PathChanged.class)).containsExactly(
                    new TimelineEvent.PathChanged(0, "a", "p1", false, "cable pulled"),
                    new TimelineEvent.PathChanged(0, "a", "p1", true, "cable back"));
        }

        @Test
        void aPathComingBackIsNotANexusLoss() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            int losses = san.timeline.ofType(TaskManagement.class).size();
            fabric.setPathUp("a", 0, true, "cable back");
            assertThat(san.timeline.ofType(TaskManagement.class)).hasSize(losses);
        }

        @Test
        void passthroughChangesAreRecordedOncePerChange() {
            fabric.setMode("a", 1, PassthroughMode.LOSSY);
            fabric.setMode("a", 1, PassthroughMode.LOSSY);
            fabric.setMode("a", 1, PassthroughMode.FAITHFUL);
            fabric.setMode("a", 1, PassthroughMode.FAITHFUL);
            assertThat(san.timeline.ofType(TimelineEvent.PassthroughChanged.class)).containsExactly(
                    new TimelineEvent.PassthroughChanged(0, "a", "p2", PassthroughMode.LOSSY),
                    new TimelineEvent.PassthroughChanged(0, "a", "p2", PassthroughMode.FAITHFUL));
            assertThat(fabric.mode("a", 0)).isEqualTo(PassthroughMode.FAITHFUL);
        }

        @Test
        void eventsCarryTheFabricClocksTime() {
            san.clock.setNanos(7_000);
            fabric.setPathUp("b", 0, false, "cut");
            assertThat(san.timeline.ofType(TimelineEvent.PathChanged.class).get(0).time()).isEqualTo(7_000);
        }
    }

    @Nested
    class ResetsAndRestarts {
        @Test
        @DisplayName("a bus reset drops the SPC-2 reservation of every disk and keeps persistent reservations (SPC-4 §5.13.1)")
        void busResetDropsSpc2ReservationsOnEveryDiskButKeepsPersistentOnes() {
            assertGood(san.send("a", 0, "data", San.reserve6()));
            assertGood(san.send("b", 0, "other", San.reserve6()));
            fabric.busReset(fabric.nexus("b", 0, fabric.disk("data")));
            assertThat(san.snapshot("data").spc2Holder()).isNull();
            assertThat(san.snapshot("other").spc2Holder()).isNull();
            assertGood(san.send("b", 0, "data", San.write()));
        }

        @Test
        void busResetKeepsRegistrationsAndThePersistentReservation() {
            assertGood(san.send("a", 0, "data", San.register(KEY_A)));
            assertGood(san.send("a", 0, "data", San.reserve(KEY_A, WERO)));
            ReservationSnapshot before = san.snapshot("data");
            fabric.busReset(null);
            assertThat(san.snapshot("data")).isEqualTo(before);
            assertThat(response(san.send("b", 0, "data", San.write())).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        }

        @Test
        void busResetReportsScsiBusResetOccurredToEveryKnownNexus() {
            assertGood(san.send("a", 0, "data", San.testUnitReady()));
            assertGood(san.send("b", 0, "other", San.testUnitReady()));
            fabric.busReset(null);
            assertUnitAttention(san.send("a", 0, "data", San.testUnitReady()), AdditionalSense.SCSI_BUS_RESET_OCCURRED);
            assertUnitAttention(san.send("b", 0, "other", San.testUnitReady()), AdditionalSense.SCSI_BUS_RESET_OCCURRED);
        }

        @Test
        void logicalUnitResetTouchesOnlyTheNamedDisk() {
            assertGood(san.send("a", 0, "data", San.reserve6()));
            assertGood(san.send("a", 0, "other", San.reserve6()));
            fabric.logicalUnitReset("data");
            assertThat(san.snapshot("data").spc2Holder()).isNull();
            assertThat(san.snapshot("other").spc2Holder()).isNotNull();
            assertGood(san.send("a", 0, "other", San.testUnitReady()));
        }

        @Test
        @DisplayName("a target restart keeps only registrations made with APTPL=1, disk by disk (SPC-4 §5.13.5)")
        void targetRestartKeepsOnlyAptplRegistrations() {
            assertGood(san.send("a", 0, "data", San.registerAptpl(KEY_A)));
            assertGood(san.send("a", 0, "data", San.reserve(KEY_A, WERO)));
            assertGood(san.send("b", 0, "other", San.register(KEY_B)));
            assertGood(san.send("b", 0, "other", San.reserve(KEY_B, WERO)));
            fabric.targetRestart();
            assertThat(san.keys("data")).containsExactly(KEY_A);
            assertThat(san.snapshot("data").reservationType()).isEqualTo(WERO);
            assertThat(san.keys("other")).isEmpty();
            assertThat(san.snapshot("other").reserved()).isFalse();
        }

        @Test
        void eachDiskKeepsItsOwnAptplState() {
            assertGood(san.send("a", 0, "data", San.registerAptpl(KEY_A)));
            assertGood(san.send("b", 0, "other", San.registerAptpl(KEY_B)));
            fabric.targetRestart();
            assertThat(san.keys("data")).containsExactly(KEY_A);
            assertThat(san.keys("other")).containsExactly(KEY_B);
        }

        @Test
        void targetRestartDropsSpc2ReservationsAndReportsPowerOn() {
            assertGood(san.send("a", 0, "data", San.reserve6()));
            fabric.targetRestart();
            assertThat(san.snapshot("data").spc2Holder()).isNull();
            assertUnitAttention(san.send("b", 0, "data", San.testUnitReady()), AdditionalSense.POWER_ON_OCCURRED);
        }
    }

    @Nested
    class ForgetsReservation {
        private final San quirky = new San(Set.of(DiskQuirk.FORGETS_RESERVATION));

        private void aReservesData() {
            assertGood(quirky.send("a", 0, "data", San.register(KEY_A)));
            assertGood(quirky.send("a", 0, "data", San.reserve(KEY_A, WERO)));
        }

        @Test
        @DisplayName("forgets-reservation: READ RESERVATION says 'no reservation' (SPC-4 §6.15.3 wants the holder)")
        void readReservationReportsNoneWithTheCurrentGeneration() {
            aReservesData();
            ScsiResponse r = response(quirky.send("b", 0, "data", San.readReservation()));
            assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
            assertThat(Bytes.u32(r.dataIn(), 0)).isEqualTo(quirky.snapshot("data").generation());
            assertThat(Bytes.u32(r.dataIn(), 4)).isZero();
            assertThat(r.dataIn()).hasSize(8);
        }

        @Test
        void theForgottenReservationIsStillEnforced() {
            aReservesData();
            assertThat(response(quirky.send("b", 0, "data", San.write())).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            assertThat(quirky.snapshot("data").reservationType()).isEqualTo(WERO);
        }

        @Test
        void spc2ReserveIsStillEnforced() {
            assertGood(quirky.send("a", 0, "data", San.reserve6()));
            assertThat(response(quirky.send("b", 0, "data", San.write())).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        }

        @Test
        void readKeysStaysCorrect() {
            aReservesData();
            assertGood(quirky.send("b", 0, "data", San.register(KEY_B)));
            assertThat(keysIn(response(quirky.send("b", 0, "data", San.readKeys())))).containsExactly(KEY_A, KEY_B);
        }

        @Test
        void readFullStatusStillShowsTheHolder() {
            aReservesData();
            ScsiResponse full = response(quirky.send("b", 0, "data", San.prIn(PrInAction.READ_FULL_STATUS)));
            assertThat(full.status()).isEqualTo(ScsiStatus.GOOD);
            byte[] d = full.dataIn();
            assertThat(Bytes.u64(d, 8)).isEqualTo(KEY_A);
            assertThat(d[8 + 12] & 0x01).as("R_HOLDER").isEqualTo(1);
            assertThat(d[8 + 13] & 0x0F).as("TYPE").isEqualTo(WERO);
        }

        @Test
        void aDiskWithoutTheQuirkReportsTheHolder() {
            assertGood(quirky.send("a", 0, "other", San.register(KEY_A)));
            assertGood(quirky.send("a", 0, "other", San.reserve(KEY_A, WERO)));
            ScsiResponse r = response(quirky.send("b", 0, "other", San.readReservation()));
            assertThat(Bytes.u32(r.dataIn(), 4)).isEqualTo(16);
            assertThat(Bytes.u64(r.dataIn(), 8)).isEqualTo(KEY_A);
            assertThat(r.dataIn()[21] & 0x0F).isEqualTo(WERO);
        }

        @Test
        void withNoReservationTheQuirkyAnswerIsTheTruth() {
            ScsiResponse r = response(quirky.send("b", 0, "data", San.readReservation()));
            assertThat(Bytes.u32(r.dataIn(), 4)).isZero();
        }
    }
}
