package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CLEAR (§5.13.11.2.7) and PREEMPT cases A-F (§5.13.11.2.4-5, Table 72, Figure 9). */
class PreemptTest {
    final PrFixture f = PrFixture.create();

    void registerAbc() {
        f.connectAll();
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.registerIgnore(C1, 0xC1);
    }

    @Test
    @DisplayName("CLEAR releases the reservation, removes every registration and bumps PRgeneration by exactly 1")
    void clearRemovesEverything() {
        registerAbc();
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        long g = f.generation(A1);
        Expect.good(f.clear(B1, 0xB1));
        assertThat(f.keys(B1)).isEmpty();
        assertThat(f.reservation(B1)).isNull();
        assertThat(f.generation(B1)).isEqualTo(g + 1);
    }

    @Test
    @DisplayName("CLEAR sends 2Ah/03h to every other registered nexus and none to the requester (§4.1)")
    void clearNotifiesOthersWithReservationsPreempted() {
        registerAbc();
        f.clear(B1, 0xB1);
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.RESERVATIONS_PREEMPTED);
        assertThat(f.pending(C1)).containsExactly(AdditionalSense.RESERVATIONS_PREEMPTED);
        assertThat(f.pending(B1)).isEmpty();
        assertThat(f.pending(D1)).as("never registered").isEmpty();
    }

    @Test
    @DisplayName("CLEAR ignores SCOPE and TYPE; from an unregistered nexus or with a wrong RK it conflicts")
    void clearPreconditions() {
        registerAbc();
        Expect.conflict(f.clear(D1, 0));
        Expect.conflict(f.clear(A1, 0xBAD));
        Expect.good(f.run(A1, Cdbs.persistentReserveOut(PrOutAction.CLEAR, 7, 0xF, 24), Cdbs.prOutParameters(0xA1, 0, false, false)));
        assertThat(f.keys(A1)).isEmpty();
    }

    @Test
    @DisplayName("Case A: no reservation, PREEMPT removes the registrations with SARK, ignores TYPE (ProutPreempt)")
    void caseA_noReservationRemovesMatchingRegistrations() {
        registerAbc();
        long g = f.generation(A1);
        Expect.good(f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0xA1));
        assertThat(f.keys(B1)).containsExactly(0xB1L, 0xC1L);
        assertThat(f.reservation(B1)).as("no reservation is created").isNull();
        assertThat(f.generation(B1)).isEqualTo(g + 1);
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(B1)).isEmpty();
        assertThat(f.pending(C1)).as("only removed nexuses are told (corner case 7)").isEmpty();
    }

    @Test
    @DisplayName("Case A: SARK matching no registration is a RESERVATION CONFLICT (corner case 6)")
    void caseA_unknownSarkConflicts() {
        registerAbc();
        long g = f.generation(A1);
        Expect.conflict(f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0x999));
        assertThat(f.generation(A1)).isEqualTo(g);
    }

    @Test
    @DisplayName("Case A: SARK=0 with no reservation is not GOOD: it matches nothing, so RESERVATION CONFLICT (corner case 5)")
    void caseA_zeroSarkConflicts() {
        registerAbc();
        Expect.conflict(f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0));
    }

    @Test
    @DisplayName("PREEMPT with RK=SARK removes the requester's own registration without a UA to it (§5.13.11.2.5)")
    void preemptOwnKeyRemovesRequester() {
        registerAbc();
        f.registerIgnore(A2, 0xB1); // another registrant with the same key
        Expect.good(f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0xB1));
        assertThat(f.keys(A1)).containsExactly(0xA1L, 0xC1L);
        assertThat(f.pending(B1)).isEmpty();
        assertThat(f.pending(A2)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE_ALL_REGISTRANTS", "EXCLUSIVE_ACCESS_ALL_REGISTRANTS"})
    @DisplayName("Case B: AR with SARK=0 removes every other registrant and the requester takes a new reservation")
    void caseB_allRegistrantsZeroSarkPreemptsEveryone(PrType t) {
        registerAbc();
        f.reserve(A1, t, 0xA1);
        Expect.good(f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0));
        assertThat(f.keys(B1)).containsExactly(0xB1L);
        assertThat(f.reservation(B1)).containsExactly(0xB1, 3);
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(C1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(B1)).isEmpty();
    }

    @Test
    @DisplayName("Case B: the new reservation may itself be AR, then the requester is its only registrant")
    void caseB_newReservationMayBeAllRegistrants() {
        registerAbc();
        f.reserve(A1, PrType.WRITE_EXCLUSIVE_ALL_REGISTRANTS, 0xA1);
        Expect.good(f.preempt(B1, PrType.EXCLUSIVE_ACCESS_ALL_REGISTRANTS, 0xB1, 0));
        assertThat(f.reservation(B1)).containsExactly(0, 8);
    }

    @Test
    @DisplayName("Case C: AR with SARK≠0 removes those registrations and keeps the reservation")
    void caseC_allRegistrantsNonZeroSarkRemovesRegistrationsOnly() {
        registerAbc();
        f.reserve(A1, PrType.WRITE_EXCLUSIVE_ALL_REGISTRANTS, 0xA1);
        Expect.good(f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0xA1));
        assertThat(f.keys(B1)).containsExactly(0xB1L, 0xC1L);
        assertThat(f.reservation(B1)).as("type unchanged, CDB TYPE ignored").containsExactly(0, 7);
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(C1)).isEmpty();
    }

    @Test
    @DisplayName("Case D: non-AR reservation with SARK=0 gets 26h/00h pointing at SARK (corner case 5)")
    void caseD_nonAllRegistrantsZeroSarkIsInvalidField() {
        registerAbc();
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        long g = f.generation(A1);
        Expect.illegalAt(f.preempt(B1, PrType.WRITE_EXCLUSIVE, 0xB1, 0), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 8, -1);
        assertThat(f.reservation(A1)).containsExactly(0xA1, 1);
        assertThat(f.generation(A1)).isEqualTo(g);
    }

    @Test
    @DisplayName("Case E: SARK = holder's key releases, removes every nexus with that key but the requester, and reserves (corner case 8)")
    void caseE_holderKeyTakesReservation() {
        registerAbc();
        f.registerIgnore(C2, 0xA1); // shares the holder's key
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        f.drainAll();
        Expect.good(f.preempt(B1, PrType.WRITE_EXCLUSIVE, 0xB1, 0xA1));
        assertThat(f.keys(B1)).containsExactly(0xB1L, 0xC1L);
        assertThat(f.reservation(B1)).containsExactly(0xB1, 1);
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(C2)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(C1)).as("same type: no release UA to the remaining").isEmpty();
    }

    @Test
    @DisplayName("Case E: a type change sends 2Ah/04h to every remaining registrant except the requester")
    void caseE_typeChangeNotifiesRemainingRegistrants() {
        registerAbc();
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        f.drainAll();
        Expect.good(f.preempt(B1, PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY, 0xB1, 0xA1));
        assertThat(f.reservation(B1)).containsExactly(0xB1, 6);
        assertThat(f.pending(C1)).containsExactly(AdditionalSense.RESERVATIONS_RELEASED);
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(B1)).isEmpty();
    }

    @Test
    @DisplayName("Case E: a holder preempting its own key keeps its registration and gets the new type")
    void caseE_holderPreemptingItselfChangesType() {
        registerAbc();
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        f.drainAll();
        Expect.good(f.preempt(A1, PrType.EXCLUSIVE_ACCESS, 0xA1, 0xA1));
        assertThat(f.keys(A1)).containsExactly(0xA1L, 0xB1L, 0xC1L);
        assertThat(f.reservation(A1)).containsExactly(0xA1, 3);
        assertThat(f.pending(A1)).isEmpty();
        assertThat(f.pending(B1)).containsExactly(AdditionalSense.RESERVATIONS_RELEASED);
    }

    @Test
    @DisplayName("Case F: SARK = another registrant's key removes those registrations only; reservation unchanged")
    void caseF_otherKeyRemovesRegistrationsOnly() {
        registerAbc();
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        f.drainAll();
        Expect.good(f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0xC1));
        assertThat(f.keys(A1)).containsExactly(0xA1L, 0xB1L);
        assertThat(f.reservation(A1)).containsExactly(0xA1, 1);
        assertThat(f.pending(C1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(A1)).isEmpty();
    }

    @Test
    @DisplayName("Case F: SARK matching nothing is a RESERVATION CONFLICT")
    void caseF_unknownKeyConflicts() {
        registerAbc();
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        Expect.conflict(f.preempt(B1, PrType.WRITE_EXCLUSIVE, 0xB1, 0x12345));
    }

    @Test
    @DisplayName("PREEMPT from an unregistered nexus or with a wrong RK is a RESERVATION CONFLICT")
    void preemptPreconditions() {
        registerAbc();
        Expect.conflict(f.preempt(D1, PrType.WRITE_EXCLUSIVE, 0, 0xA1));
        Expect.conflict(f.preempt(B1, PrType.WRITE_EXCLUSIVE, 0xA1, 0xC1));
        assertThat(f.keys(A1)).hasSize(3);
    }

    @Test
    @DisplayName("PREEMPT validates TYPE and SCOPE even when it only removes registrations (as LIO and SCST)")
    void preemptValidatesTypeAndScope() {
        registerAbc();
        Expect.illegalAt(f.prOut(B1, PrOutAction.PREEMPT, 0, Cdbs.prOutParameters(0xB1, 0xA1, false, false)),
                AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 3);
        Expect.illegalAt(f.run(B1, Cdbs.persistentReserveOut(PrOutAction.PREEMPT, 1, 1, 24), Cdbs.prOutParameters(0xB1, 0xA1, false, false)),
                AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 7);
        assertThat(f.keys(A1)).hasSize(3);
    }

    @Test
    @DisplayName("Removing the non-AR holder's registration by PREEMPT of a shared key releases its reservation")
    void preemptingHolderAlsoSharingKeyWithRequesterKeepsRequester() {
        f.registerIgnore(A1, 0x55);
        f.registerIgnore(B1, 0x55);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0x55);
        Expect.good(f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0x55, 0x55)); // case E: requester spared
        assertThat(f.keys(B1)).containsExactly(0x55L);
        assertThat(f.reservation(B1)).containsExactly(0x55, 3);
        assertThat(f.lu.reservations().snapshot().registrants().get(0).initiator()).isEqualTo(B);
    }
}
