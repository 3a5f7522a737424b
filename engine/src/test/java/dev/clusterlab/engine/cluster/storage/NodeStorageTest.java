package dev.clusterlab.engine.cluster.storage;

import static dev.clusterlab.engine.cluster.storage.San.WERO;
import static dev.clusterlab.engine.cluster.storage.San.assertGood;
import static dev.clusterlab.engine.cluster.storage.San.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.TimelineEvent.CommandStarted;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One node's storage stack: multipath, the path checker, reservation-loss detection and lossy recovery. */
class NodeStorageTest {
    private static final long KEY_A = 0xA1L;
    private static final long KEY_B = 0xB1L;
    /** EXCLUSIVE ACCESS: reads conflict too. */
    private static final int EXCLUSIVE_ACCESS = 3;

    private final San san = new San();
    private final StorageFabric fabric = san.fabric;
    private final List<String> logA = new ArrayList<>();
    private final List<String> lostA = new ArrayList<>();
    private final NodeStorage a = new NodeStorage("a", fabric, logA::add);
    private final NodeStorage b = new NodeStorage("b", fabric, line -> { });

    {
        a.listener((disk, reason) -> lostA.add(disk + ": " + reason));
    }

    /** Which paths of node a carried commands to {@code disk} since {@code from} (timeline index). */
    private List<String> pathsUsedByA(int from, String disk) {
        List<String> paths = new ArrayList<>();
        List<CommandStarted> started = san.timeline.ofType(CommandStarted.class);
        for (CommandStarted c : started.subList(from, started.size())) {
            String name = fabric.describe(c.nexus().initiator());
            if (c.lu().equals(disk) && name.startsWith("a/")) paths.add(name.substring(2));
        }
        return paths;
    }

    private int commandsSoFar() { return san.timeline.ofType(CommandStarted.class).size(); }

    /** b registers and reserves "data" WRITE EXCLUSIVE: a's writes now get RESERVATION CONFLICT, with no unit attention. */
    private void bReservesData() {
        assertGood(b.executeOn("data", 0, San.register(KEY_B)));
        assertGood(b.executeOn("data", 0, San.reserve(KEY_B, San.WRITE_EXCLUSIVE)));
    }

    /** a registers KEY_A down p1, remembers it and claims "data". */
    private void aOwnsData() {
        assertGood(a.executeOn("data", 0, San.register(KEY_A)));
        a.rememberKey("data", KEY_A);
        a.claim("data");
    }

    @Nested
    class Multipath {
        @Test
        void commandsGoDownTheFirstPath() {
            assertThat(a.execute("data", San.write()).path()).isEqualTo("p1");
            assertThat(a.pathCount()).isEqualTo(2);
        }

        @Test
        void aPathThatDoesNotAnswerIsMarkedFailedAndTheCommandFailsOverToTheNext() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            IoOutcome outcome = a.execute("data", San.write());
            assertThat(outcome.path()).isEqualTo("p2");
            assertThat(outcome.isGood()).isTrue();
            assertThat(logA).containsExactly("multipath: path p1 to data failed");
        }

        @Test
        void theFailureIsLoggedOnceNotForEveryCommand() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            a.execute("data", San.write());
            a.execute("data", San.write());
            assertThat(logA).containsExactly("multipath: path p1 to data failed");
        }

        @Test
        void aFailedPathIsNotUsedAgainUntilThePathCheckerReinstatesIt() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            a.execute("data", San.write());
            fabric.setPathUp("a", 0, true, "cable back");
            int from = commandsSoFar();
            assertThat(a.execute("data", San.write()).path()).isEqualTo("p2");
            assertThat(pathsUsedByA(from, "data")).containsExactly("p2");
        }

        @Test
        void withEveryPathDownTheCommandHasNoPath() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            fabric.setPathUp("a", 1, false, "cable pulled");
            assertThat(a.execute("data", San.write())).isEqualTo(new IoOutcome.NoPath(null));
            assertThat(logA).containsExactly("multipath: path p1 to data failed", "multipath: path p2 to data failed");
            assertThat(a.execute("data", San.write())).isEqualTo(new IoOutcome.NoPath(null));
        }

        @Test
        void pathFailuresAreRememberedPerDisk() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            a.execute("data", San.write());
            fabric.setPathUp("a", 0, true, "cable back");
            assertThat(a.execute("other", San.write()).path()).isEqualTo("p1");
            assertThat(a.execute("data", San.write()).path()).isEqualTo("p2");
        }

        @Test
        void anErrorThatIsNotAMissingPathDoesNotFailOver() {
            assertGood(b.executeOn("data", 0, San.reserve6()));
            IoOutcome outcome = a.execute("data", San.write());
            assertThat(outcome.path()).isEqualTo("p1");
            assertThat(response(outcome).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            assertThat(logA).isEmpty();
        }

        @Test
        void executeOnUsesExactlyThePathItIsGivenWithoutFailover() {
            fabric.setPathUp("a", 1, false, "cable pulled");
            assertThat(a.executeOn("data", 1, San.write())).isEqualTo(new IoOutcome.NoPath("p2"));
            assertThat(a.executeOn("data", 0, San.write()).path()).isEqualTo("p1");
            assertThat(logA).isEmpty();
        }
    }

    @Nested
    class EveryPath {
        @Test
        @DisplayName("executeOnEveryPath registers each I_T nexus, as MPIO does")
        void registersDownEveryPath() {
            List<IoOutcome> outcomes = new ArrayList<>();
            assertThat(a.executeOnEveryPath("data", San.register(KEY_A), outcomes::add)).isEqualTo(2);
            assertThat(outcomes).extracting(IoOutcome::path).containsExactly("p1", "p2");
            assertThat(san.keys("data")).containsExactly(KEY_A, KEY_A);
        }

        @Test
        void skipsAPathThatIsDown() {
            fabric.setPathUp("a", 1, false, "cable pulled");
            assertThat(a.executeOnEveryPath("data", San.register(KEY_A), o -> { })).isEqualTo(1);
            assertThat(san.keys("data")).containsExactly(KEY_A);
        }

        @Test
        void skipsAPathMultipathHasFailedEvenOnceItIsBackUp() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            a.execute("data", San.write());
            fabric.setPathUp("a", 0, true, "cable back");
            List<IoOutcome> outcomes = new ArrayList<>();
            a.executeOnEveryPath("data", San.register(KEY_A), outcomes::add);
            assertThat(outcomes).extracting(IoOutcome::path).containsExactly("p2");
        }
    }

    @Nested
    class PathChecker {
        /** Fails both paths to "data" in multipath's eyes, then brings p2 back physically. */
        private void bothFailedThenP2Back() {
            fabric.setPathUp("a", 0, false, "cable pulled");
            fabric.setPathUp("a", 1, false, "cable pulled");
            assertThat(a.execute("data", San.read())).isInstanceOf(IoOutcome.NoPath.class);
            fabric.setPathUp("a", 1, true, "cable back");
            logA.clear();
        }

        @Test
        void reinstatesAFailedPathThatAnswersAndLogsIt() {
            bothFailedThenP2Back();
            a.checkPaths();
            assertThat(logA).containsExactly("multipath: path p2 to data reinstated");
            assertThat(a.execute("data", San.write()).path()).isEqualTo("p2");
        }

        @Test
        void leavesAPathThatStillDoesNotAnswerFailed() {
            bothFailedThenP2Back();
            a.checkPaths();
            fabric.setPathUp("a", 0, true, "cable back");
            int from = commandsSoFar();
            a.execute("data", San.write());
            assertThat(pathsUsedByA(from, "data")).containsExactly("p2");
            a.checkPaths();
            assertThat(a.execute("data", San.write()).path()).isEqualTo("p1");
        }

        @Test
        @DisplayName("a reinstated path gets the node's key again when the key is still registered (multipathd)")
        void reRegistersTheKeyOnAReinstatedPathWhenItIsStillRegistered() {
            assertGood(a.executeOn("data", 0, San.register(KEY_A)));
            a.rememberKey("data", KEY_A);
            bothFailedThenP2Back();
            a.checkPaths();
            assertThat(san.snapshot("data").registrants()).extracting(r -> fabric.describe(r.initiator()))
                    .containsExactly("a/p1", "a/p2");
            assertThat(san.keys("data")).containsExactly(KEY_A, KEY_A);
        }

        @Test
        @DisplayName("the re-registration keeps APTPL as it was: the last APTPL received rules the whole LU (SPC-4 §5.13.5)")
        void reRegistrationKeepsPersistThroughPowerLossActive() {
            assertGood(a.executeOn("data", 0, San.registerAptpl(KEY_A)));
            a.rememberKey("data", KEY_A);
            bothFailedThenP2Back();
            a.checkPaths();
            assertThat(san.keys("data")).containsExactly(KEY_A, KEY_A);
            assertThat(san.snapshot("data").aptplActive()).isTrue();
            fabric.targetRestart();
            assertThat(san.keys("data")).containsExactly(KEY_A, KEY_A);
        }

        @Test
        void reRegistrationWithoutAptplLeavesItOff() {
            assertGood(a.executeOn("data", 0, San.register(KEY_A)));
            a.rememberKey("data", KEY_A);
            bothFailedThenP2Back();
            a.checkPaths();
            assertThat(san.snapshot("data").aptplActive()).isFalse();
        }

        @Test
        void doesNotReRegisterAKeyThatWasPreemptedMeanwhile() {
            assertGood(a.executeOn("data", 0, San.register(KEY_A)));
            a.rememberKey("data", KEY_A);
            bothFailedThenP2Back();
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.preemptAbort(KEY_B, KEY_A, WERO)));
            a.checkPaths();
            assertThat(san.keys("data")).containsExactly(KEY_B);
            assertThat(logA).containsExactly("multipath: path p2 to data reinstated");
        }

        @Test
        void doesNotRegisterWithoutARememberedKey() {
            assertGood(a.executeOn("data", 0, San.register(KEY_A)));
            bothFailedThenP2Back();
            a.checkPaths();
            assertThat(san.keys("data")).containsExactly(KEY_A);
        }

        @Test
        void leavesPathsThatNeverFailedAlone() {
            int before = commandsSoFar();
            a.execute("data", San.write());
            a.checkPaths();
            assertThat(commandsSoFar()).isEqualTo(before + 1);
        }
    }

    @Nested
    class ReservationLoss {
        @Test
        @DisplayName("RESERVATION CONFLICT on a claimed disk: lost, the listener hears it once (clusdisk)")
        void reservationConflictOnAClaimedDiskMarksItLostAndTellsTheListenerOnce() {
            aOwnsData();
            bReservesData();
            assertThat(response(a.execute("data", San.write())).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            assertThat(a.lost("data")).isTrue();
            assertThat(a.believesOwner("data")).isFalse();
            assertThat(a.claims("data")).isTrue();
            a.execute("data", San.write());
            assertThat(lostA).containsExactly("data: RESERVATION CONFLICT");
            assertThat(logA).containsExactly("ownership of data has been unexpectedly lost by this node (RESERVATION CONFLICT)");
        }

        @Test
        void reservationConflictOnADiskTheNodeDoesNotClaimIsJustAnAnswer() {
            assertGood(b.executeOn("data", 0, San.reserve6()));
            assertThat(response(a.execute("data", San.write())).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            assertThat(a.lost("data")).isFalse();
            assertThat(lostA).isEmpty();
            assertThat(logA).isEmpty();
        }

        @Test
        @DisplayName("2Ah/05h REGISTRATIONS PREEMPTED on a claimed disk: lost; the command is retried and succeeds")
        void registrationsPreemptedMarksAClaimedDiskLost() {
            aOwnsData();
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.prOut(PrOutAction.PREEMPT, WERO, KEY_B, KEY_A, false)));
            assertGood(a.execute("data", San.read()));
            assertThat(a.lost("data")).isTrue();
            assertThat(lostA).hasSize(1).allSatisfy(line -> assertThat(line).startsWith("data: unit attention 2Ah/05h"));
        }

        @Test
        @DisplayName("2Ah/03h RESERVATIONS PREEMPTED (another node's CLEAR) on a claimed disk: lost")
        void reservationsPreemptedMarksAClaimedDiskLost() {
            aOwnsData();
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.prOut(PrOutAction.CLEAR, 0, KEY_B, 0, false)));
            a.execute("data", San.read());
            assertThat(a.lost("data")).isTrue();
            assertThat(lostA).hasSize(1).allSatisfy(line -> assertThat(line).contains("2Ah/03h"));
        }

        @Test
        @DisplayName("2Ah/04h RESERVATIONS RELEASED (holder released a registrants-only reservation) on a claimed disk: lost")
        void reservationsReleasedMarksAClaimedDiskLost() {
            aOwnsData();
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.reserve(KEY_B, WERO)));
            assertGood(b.executeOn("data", 0, San.release(KEY_B, WERO)));
            a.execute("data", San.read());
            assertThat(a.lost("data")).isTrue();
            assertThat(lostA).hasSize(1).allSatisfy(line -> assertThat(line).contains("2Ah/04h"));
        }

        @Test
        void aReservationLossAttentionOnAnUnclaimedDiskIsRetriedSilently() {
            assertGood(a.executeOn("data", 0, San.register(KEY_A)));
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.prOut(PrOutAction.PREEMPT, WERO, KEY_B, KEY_A, false)));
            assertGood(a.execute("data", San.read()));
            assertThat(a.lost("data")).isFalse();
            assertThat(lostA).isEmpty();
        }

        @Test
        @DisplayName("other unit attentions (29h/07h, 29h/03h) are retried once, silently, as the sd driver does")
        void otherUnitAttentionsAreRetriedSilently() {
            aOwnsData();
            assertGood(a.execute("data", San.read()));
            fabric.setPathUp("a", 0, false, "cable pulled");
            fabric.setPathUp("a", 0, true, "cable back");
            assertGood(a.executeOn("data", 0, San.read()));
            fabric.logicalUnitReset("data");
            int from = commandsSoFar();
            assertGood(a.execute("data", San.write()));
            assertThat(pathsUsedByA(from, "data")).containsExactly("p1", "p1");
            assertThat(a.lost("data")).isFalse();
            assertThat(lostA).isEmpty();
        }

        @Test
        @DisplayName("a reservation-loss attention queued behind another unit attention still marks the disk lost")
        void aReservationLossAttentionBehindAnotherUnitAttentionStillCounts() {
            aOwnsData();
            fabric.logicalUnitReset("data");  // 29h/03h first in a's queue
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.prOut(PrOutAction.PREEMPT, WERO, KEY_B, KEY_A, false))); // then 2Ah/05h
            a.execute("data", San.read());
            assertThat(a.lost("data")).isTrue();
            assertThat(lostA).hasSize(1).allSatisfy(line -> assertThat(line).startsWith("data: unit attention 2Ah/05h"));
        }

        @Test
        void claimingADiskAgainForgetsThatItWasLost() {
            aOwnsData();
            bReservesData();
            a.execute("data", San.write());
            a.claim("data");
            assertThat(a.lost("data")).isFalse();
            assertThat(a.believesOwner("data")).isTrue();
        }

        @Test
        void releasingADiskEndsTheClaimAndTheLoss() {
            aOwnsData();
            bReservesData();
            a.execute("data", San.write());
            a.release("data");
            assertThat(a.claims("data")).isFalse();
            assertThat(a.lost("data")).isFalse();
            a.execute("data", San.write());
            assertThat(lostA).hasSize(1);
        }

        @Test
        void lossyPassthroughHidesTheLossFromTheNode() {
            aOwnsData();
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            fabric.setMode("a", 1, PassthroughMode.LOSSY);
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.prOut(PrOutAction.PREEMPT, 3, KEY_B, KEY_A, false)));
            a.execute("data", San.read());
            assertThat(a.lost("data")).isFalse();
            assertThat(lostA).isEmpty();
        }
    }

    @Nested
    class LossyRecovery {
        /** a owned "data" (WERO) and b fenced it with PREEMPT AND ABORT; a's paths are lossy. */
        private void aFencedBehindLossyPassthrough() {
            aOwnsData();
            assertGood(a.executeOn("data", 0, San.reserve(KEY_A, WERO)));
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.preemptAbort(KEY_B, KEY_A, WERO)));
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            fabric.setMode("a", 1, PassthroughMode.LOSSY);
        }

        @Test
        @DisplayName("[A] a lossy write error on a claimed disk: REGISTER AND IGNORE EXISTING KEY, retry, and the fenced node writes again")
        void aWriteErrorOnAClaimedDiskReRegistersTheKeyAndTheRetrySucceeds() {
            aFencedBehindLossyPassthrough();
            IoOutcome outcome = a.execute("data", San.write());
            assertGood(outcome);
            assertThat(outcome.path()).isEqualTo("p1");
            assertThat(san.keys("data")).containsExactlyInAnyOrder(KEY_B, KEY_A);
            assertThat(a.believesOwner("data")).isTrue();
            assertThat(lostA).isEmpty();
            assertThat(logA).containsExactly("I/O error on data (the cause is hidden from this node): restarting the disk resource here,"
                    + " re-registering key 0xa1 and retrying");
        }

        @Test
        void theRecoveryRegistersOnThePathTheWriteTook() {
            aFencedBehindLossyPassthrough();
            a.executeOn("data", 1, San.write());
            assertThat(san.snapshot("data").registrants()).extracting(r -> fabric.describe(r.initiator()))
                    .containsExactlyInAnyOrder("b/p1", "a/p2");
        }

        @Test
        void anUnclaimedDiskIsNeverRecovered() {
            aFencedBehindLossyPassthrough();
            a.release("data");
            assertThat(a.execute("data", San.write())).isEqualTo(new IoOutcome.IoError("p1", "RESERVATION CONFLICT"));
            assertThat(san.keys("data")).containsExactly(KEY_B);
        }

        @Test
        void withoutARememberedKeyThereIsNothingToReRegister() {
            aFencedBehindLossyPassthrough();
            a.rememberKey("data", 0);
            assertThat(a.key("data")).isZero();
            assertThat(a.execute("data", San.write())).isInstanceOf(IoOutcome.IoError.class);
            assertThat(san.keys("data")).containsExactly(KEY_B);
        }

        @Test
        void aReadErrorIsNotRecovered() {
            aOwnsData();
            assertGood(a.executeOn("data", 0, San.reserve(KEY_A, WERO)));
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.preemptAbort(KEY_B, KEY_A, EXCLUSIVE_ACCESS)));
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            assertThat(a.execute("data", San.read())).isInstanceOf(IoOutcome.IoError.class);
            assertThat(san.keys("data")).containsExactly(KEY_B);
        }

        @Test
        void aDiskTheNodeKnowsItLostIsNotRecovered() {
            aOwnsData();
            assertGood(a.executeOn("data", 0, San.reserve(KEY_A, WERO)));
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.preemptAbort(KEY_B, KEY_A, WERO)));
            assertThat(response(a.execute("data", San.write())).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            fabric.setMode("a", 0, PassthroughMode.LOSSY);
            assertThat(a.execute("data", San.write())).isInstanceOf(IoOutcome.IoError.class);
            assertThat(san.keys("data")).containsExactly(KEY_B);
        }

        @Test
        void faithfulPassthroughNeverTriggersTheRecovery() {
            aOwnsData();
            assertGood(a.executeOn("data", 0, San.reserve(KEY_A, WERO)));
            assertGood(b.executeOn("data", 0, San.register(KEY_B)));
            assertGood(b.executeOn("data", 0, San.preemptAbort(KEY_B, KEY_A, WERO)));
            a.execute("data", San.write());
            assertThat(san.keys("data")).containsExactly(KEY_B);
        }
    }

    @Nested
    class State {
        @Test
        void aRememberedKeyIsPerDiskAndZeroForgetsIt() {
            a.rememberKey("data", KEY_A);
            assertThat(a.key("data")).isEqualTo(KEY_A);
            assertThat(a.key("other")).isZero();
            a.rememberKey("data", 0);
            assertThat(a.key("data")).isZero();
        }

        @Test
        void resetForgetsClaimsKeysLossesFailedPathsAndTheListener() {
            aOwnsData();
            bReservesData();
            a.execute("data", San.write());
            fabric.setPathUp("a", 0, false, "cable pulled");
            a.execute("other", San.write());
            fabric.setPathUp("a", 0, true, "cable back");
            a.reset();
            assertThat(a.claims("data")).isFalse();
            assertThat(a.lost("data")).isFalse();
            assertThat(a.key("data")).isZero();
            assertThat(a.execute("other", San.write()).path()).isEqualTo("p1");
            a.claim("data");
            a.execute("data", San.write());
            assertThat(lostA).hasSize(1);
        }

        @Test
        void aNullListenerIsTheSilentOne() {
            a.listener(null);
            aOwnsData();
            bReservesData();
            a.execute("data", San.write());
            assertThat(a.lost("data")).isTrue();
            assertThat(lostA).isEmpty();
        }
    }

    @Nested
    class Helpers {
        @ParameterizedTest(name = "opcode {0} writes the medium")
        @ValueSource(ints = {Opcode.WRITE_6, Opcode.WRITE_10, 0xAA, Opcode.WRITE_16, 0x2E, 0xAE, 0x8E, 0x41, 0x93, 0x89, 0x42})
        void writeLikeOpcodesWriteTheMedium(int opcode) {
            assertThat(NodeStorage.writesMedium(new byte[] {(byte) opcode, 0, 0, 0, 0, 0})).isTrue();
        }

        @ParameterizedTest(name = "opcode {0} does not write the medium")
        @ValueSource(ints = {0x00, 0x03, 0x08, 0x12, 0x16, 0x17, 0x1A, 0x25, 0x28, 0x2F, 0x35, 0x5E, 0x5F, 0x88, 0x8F, 0x9E, 0xA0, 0xA8})
        void otherOpcodesDoNotWriteTheMedium(int opcode) {
            assertThat(NodeStorage.writesMedium(new byte[] {(byte) opcode, 0, 0, 0, 0, 0})).isFalse();
        }

        @Test
        void anEmptyCdbWritesNothing() {
            assertThat(NodeStorage.writesMedium(new byte[0])).isFalse();
        }

        @Test
        void theBuildersCdbsAreClassifiedAsTheyShouldBe() {
            assertThat(NodeStorage.writesMedium(Cdbs.write10(0, 1))).isTrue();
            assertThat(NodeStorage.writesMedium(Cdbs.writeSame16(0, 1, false))).isTrue();
            assertThat(NodeStorage.writesMedium(Cdbs.compareAndWrite(0, 1))).isTrue();
            assertThat(NodeStorage.writesMedium(Cdbs.unmap(24))).isTrue();
            assertThat(NodeStorage.writesMedium(Cdbs.read10(0, 1))).isFalse();
            assertThat(NodeStorage.writesMedium(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8))).isFalse();
        }

        @Test
        @DisplayName("registerIgnore is REGISTER AND IGNORE EXISTING KEY with the key as SERVICE ACTION RESERVATION KEY (SPC-4 §6.16.3)")
        void registerIgnoreCarriesTheKeyAsServiceActionReservationKey() {
            var request = NodeStorage.registerIgnore(0x1234L);
            assertThat(request.cdb()[0] & 0xFF).isEqualTo(Opcode.PERSISTENT_RESERVE_OUT);
            assertThat(request.cdb()[1] & 0x1F).isEqualTo(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY.code());
            assertThat(Bytes.u32(request.cdb(), 5)).isEqualTo(24);
            assertThat(Bytes.u64(request.dataOut(), 0)).isZero();
            assertThat(Bytes.u64(request.dataOut(), 8)).isEqualTo(0x1234L);
        }

        @Test
        void containsKeyReadsOnlyTheListedKeys() {
            byte[] answer = new byte[8 + 24];
            Bytes.put32(answer, 4, 16);
            Bytes.put64(answer, 8, KEY_A);
            Bytes.put64(answer, 16, KEY_B);
            Bytes.put64(answer, 24, 0xC1L); // beyond ADDITIONAL LENGTH: not a key
            assertThat(NodeStorage.containsKey(answer, KEY_B)).isTrue();
            assertThat(NodeStorage.containsKey(answer, 0xC1L)).isFalse();
        }

        @Test
        void containsKeyCopesWithATruncatedOrShortAnswer() {
            byte[] truncated = new byte[16];
            Bytes.put32(truncated, 4, 800);
            Bytes.put64(truncated, 8, KEY_A);
            assertThat(NodeStorage.containsKey(truncated, KEY_A)).isTrue();
            assertThat(NodeStorage.containsKey(truncated, KEY_B)).isFalse();
            assertThat(NodeStorage.containsKey(new byte[4], 0)).isFalse();
        }
    }
}
