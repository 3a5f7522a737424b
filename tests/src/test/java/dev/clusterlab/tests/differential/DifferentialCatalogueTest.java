package dev.clusterlab.tests.differential;

import static dev.clusterlab.tests.differential.DifferentialComparatorTest.UA_REGISTRATIONS_PREEMPTED;
import static dev.clusterlab.tests.differential.DifferentialComparatorTest.UA_RESERVATIONS_PREEMPTED;
import static dev.clusterlab.tests.differential.DifferentialComparatorTest.check;
import static dev.clusterlab.tests.differential.DifferentialComparatorTest.conflict;
import static dev.clusterlab.tests.differential.DifferentialComparatorTest.good;
import static dev.clusterlab.tests.differential.DifferentialComparatorTest.keys;
import static dev.clusterlab.tests.differential.DifferentialComparatorTest.withUas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.tests.differential.Observation.Sense;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's matchers on hand-made steps and answers (no tgtd): each known tgt deviation is
 * recognised where it applies, and the look-alike where ClusterLab would be the one off SPC-4 is not.
 */
class DifferentialCatalogueTest {
    private static final TargetPort PORT = new TargetPort(1, "tpg1", 1);
    private static final Sequence SEQ = new Sequence(7,
            List.of(new InitiatorIdentity("iqn.2026-11.test:a", 1), new InitiatorIdentity("iqn.2026-11.test:b", 1),
                    new InitiatorIdentity("iqn.2026-11.test:c", 1)),
            List.of());
    private static final long A = 0xA1, B = 0xB2;

    /** State with {@code keys[i]} for nexus i (0 = unregistered), reservation {@code type} held by {@code holder}. */
    static ReservationSnapshot state(int type, int holder, long... keys) {
        List<ReservationSnapshot.Registrant> regs = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == 0) continue;
            boolean isHolder = type != 0 && (type == 7 || type == 8 || i == holder);
            regs.add(new ReservationSnapshot.Registrant(SEQ.nexuses().get(i).port(), PORT, keys[i], isHolder));
        }
        return new ReservationSnapshot(0, regs, type, 0, null, false);
    }

    static StepResult done(int index, Step step, Observation ours, Observation tgt, ReservationSnapshot before, ReservationSnapshot after) {
        return new StepResult(index, step, ours, tgt, before, after, List.of(), List.of());
    }

    static StepContext now(Step step, Observation ours, Observation tgt, ReservationSnapshot before, ReservationSnapshot after,
                           List<Sense> pending, StepResult... history) {
        return new StepContext(SEQ, history.length, step, ours, tgt, before, after, pending, List.of(history));
    }

    /** The first catalogue entry that explains every difference the comparator finds (null when one is left unexplained). */
    static String explanation(StepContext c) {
        List<Difference> diffs = new ResponseComparator().compare(c.index(), c.ours(), c.tgt());
        assertThat(diffs).as("the hand-made answers must differ").isNotEmpty();
        String first = null;
        for (Difference d : diffs) {
            KnownDeviation k = null;
            for (KnownDeviation candidate : TgtDeviations.ALL) if (candidate.explains(d, c)) { k = candidate; break; }
            if (k == null) return null;
            if (first == null) first = k.id();
        }
        return first;
    }

    private static final Step.PrOut B_PREEMPTS_A = new Step.PrOut(1, PrOutAction.PREEMPT, 1, B, A);
    private static final StepResult PREEMPTED = done(0, B_PREEMPTS_A, good(), good(), state(1, 0, A, B, 0), state(1, 1, 0, B, 0));

    /** SPC-4 §5.13.11.2.4.4: a nexus whose registration a PREEMPT removed is told 2Ah/05h; tgt says 2Ah/03h. */
    @Test
    void tgtsReservationsPreemptedForARemovedRegistrationIsKnown() {
        StepContext c = now(new Step.TestUnitReady(0), withUas(good(), UA_REGISTRATIONS_PREEMPTED), withUas(good(), UA_RESERVATIONS_PREEMPTED),
                state(1, 1, 0, B, 0), state(1, 1, 0, B, 0), List.of(), PREEMPTED);
        assertThat(explanation(c)).isEqualTo(TgtDeviations.PREEMPT_UA);
    }

    @Test
    void ourTargetSending2Ah03hWhereTgtSends2Ah05hIsNotExplained() {
        StepContext c = now(new Step.TestUnitReady(0), withUas(good(), UA_RESERVATIONS_PREEMPTED), withUas(good(), UA_REGISTRATIONS_PREEMPTED),
                state(1, 1, 0, B, 0), state(1, 1, 0, B, 0), List.of(), PREEMPTED);
        assertThat(explanation(c)).isNull();
    }

    @Test
    void a2Ah05hWithNoPreemptBehindItIsNotExplained() {
        StepContext c = now(new Step.TestUnitReady(0), withUas(good(), UA_REGISTRATIONS_PREEMPTED), withUas(good(), UA_RESERVATIONS_PREEMPTED),
                state(0, -1, A, B, 0), state(0, -1, A, B, 0), List.of());
        assertThat(explanation(c)).isNull();
    }

    @Test
    void readFullStatusRefusedByTgtIsKnownButReadKeysRefusedIsNot() {
        ReservationSnapshot s = state(0, -1, A, 0, 0);
        assertThat(explanation(now(new Step.PrIn(0, PrInAction.READ_FULL_STATUS), good(), check(5, 0x24, 0), s, s, List.of())))
                .isEqualTo(TgtDeviations.READ_FULL_STATUS);
        assertThat(explanation(now(new Step.PrIn(0, PrInAction.READ_KEYS), keys(1, A), check(5, 0x24, 0), s, s, List.of()))).isNull();
    }

    /** SPC-4 §5.13.9: RESERVE with a key other than the nexus's is a conflict; tgt never compares it. */
    @Test
    void reserveWithAWrongKeyGoodOnTgtIsKnownAndEndsTheComparison() {
        Step.PrOut wrongKey = new Step.PrOut(0, PrOutAction.RESERVE, 1, B, 0);
        ReservationSnapshot s = state(0, -1, A, 0, 0);
        StepContext c = now(wrongKey, conflict(), good(), s, s, List.of());
        assertThat(explanation(c)).isEqualTo(TgtDeviations.RESERVE_KEY);
        KnownDeviation k = entry(TgtDeviations.RESERVE_KEY);
        assertThat(k.divergesWhen().diverges(c)).as("tgt now holds a reservation SPC-4 refused").isTrue();
    }

    @Test
    void reserveWithTheRightKeyRefusedByUsIsNotExplained() {
        Step.PrOut rightKey = new Step.PrOut(0, PrOutAction.RESERVE, 1, A, 0);
        ReservationSnapshot s = state(0, -1, A, 0, 0);
        assertThat(explanation(now(rightKey, conflict(), good(), s, s, List.of()))).isNull();
    }

    /** SPC-4 §6.15.2: one increment per REGISTER; tgt adds one when an unregister also releases the reservation. */
    @Test
    void oneExtraGenerationAfterAHolderUnregisterIsKnownTwoAreNot() {
        Step.PrOut unregister = new Step.PrOut(0, PrOutAction.REGISTER, 0, A, 0);
        StepResult released = done(0, unregister, good(), good(), state(3, 0, A, B, 0), state(0, -1, 0, B, 0));
        ReservationSnapshot s = state(0, -1, 0, B, 0);
        assertThat(explanation(now(new Step.PrIn(1, PrInAction.READ_KEYS), keys(1, B), keys(2, B), s, s, List.of(), released)))
                .isEqualTo(TgtDeviations.GENERATION_TWICE);
        assertThat(explanation(now(new Step.PrIn(1, PrInAction.READ_KEYS), keys(1, B), keys(3, B), s, s, List.of(), released))).isNull();
    }

    /** SPC-4 §5.13.1: registrations survive I_T nexus loss; tgt ties them to the session, so a registered reconnect diverges. */
    @Test
    void reconnectOfARegisteredNexusIsASilentDivergenceOnlyWhenRegistered() {
        KnownDeviation k = entry(TgtDeviations.RECONNECT);
        ReservationSnapshot registered = state(0, -1, A, 0, 0);
        Observation ours = withUas(good(), new Sense(6, 0x29, 0x07)), tgt = withUas(good(), new Sense(6, 0x29, 0x00));
        assertThat(k.divergesWhen().diverges(now(new Step.Reconnect(0), ours, tgt, registered, registered, List.of()))).isTrue();
        assertThat(k.divergesWhen().diverges(now(new Step.Reconnect(1), ours, tgt, registered, registered, List.of()))).isFalse();
        assertThat(explanation(now(new Step.Reconnect(1), ours, tgt, registered, registered, List.of()))).isEqualTo(TgtDeviations.NEXUS_LOSS_UA);
    }

    /** A silent entry must be shown by its probe: the reconnected nexus re-registering its own key is GOOD only on ClusterLab. */
    @Test
    void theReconnectProbeReRegistersTheOwnKeyAndNeedsConflictFromTgt() {
        ReservationSnapshot registered = state(0, -1, A, 0, 0);
        StepContext c = now(new Step.Reconnect(0), good(), good(), registered, registered, List.of());
        TgtDeviations.Probe probe = TgtDeviations.probe(entry(TgtDeviations.RECONNECT));
        assertThat(probe.step().apply(c)).isEqualTo(new Step.PrOut(0, PrOutAction.REGISTER, 0, A, A));
        assertThat(probe.confirms().test(good(), conflict())).isTrue();
        assertThat(probe.confirms().test(good(), good())).as("tgt still registered: the entry would not hold").isFalse();
        assertThat(TgtDeviations.probe(entry(TgtDeviations.PREEMPT_UA))).as("not a silent entry").isNull();
    }

    /** SAM-5 §5.3.2: RESERVATION CONFLICT wins and the unit attention stays pending; tgt reports the unit attention first. */
    @Test
    void aUnitAttentionTgtReportsAheadOfAConflictIsKnownOnlyIfOursStillHoldsIt() {
        ReservationSnapshot s = state(1, 1, 0, B, 0);
        Observation tgt = withUas(conflict(), UA_RESERVATIONS_PREEMPTED);
        assertThat(explanation(now(new Step.Write(0), conflict(), tgt, s, s, List.of(UA_REGISTRATIONS_PREEMPTED), PREEMPTED)))
                .isEqualTo(TgtDeviations.UA_PRECEDENCE);
        assertThat(explanation(now(new Step.Write(2), conflict(), tgt, s, s, List.of()))).isNull();
    }

    @Test
    void catalogueEntriesHaveUniqueIdsADescriptionAndAClause() {
        Set<String> ids = new HashSet<>();
        for (KnownDeviation k : TgtDeviations.ALL) {
            assertThat(ids.add(k.id())).as("duplicate id %s", k.id()).isTrue();
            assertThat(k.description()).isNotBlank();
            assertThat(k.clause()).matches(".*(SPC-4|SAM-5).*");
        }
        assertThat(ids).contains(TgtDeviations.PREEMPT_UA, TgtDeviations.READ_FULL_STATUS, TgtDeviations.RECONNECT);
    }

    private static KnownDeviation entry(String id) {
        for (KnownDeviation k : TgtDeviations.ALL) if (k.id().equals(id)) return k;
        throw new AssertionError("no catalogue entry " + id);
    }
}
