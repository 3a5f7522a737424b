package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which PR actions raise which unit attention, and to whom: the conformance notes §4.1 table. */
class UnitAttentionRecipientsTest {
    final PrFixture f = PrFixture.create();

    @BeforeEach
    void threeRegistrantsAndABystander() {
        f.connectAll();
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.registerIgnore(C1, 0xC1);
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE_REGISTRANTS_ONLY", "EXCLUSIVE_ACCESS_REGISTRANTS_ONLY",
            "WRITE_EXCLUSIVE_ALL_REGISTRANTS", "EXCLUSIVE_ACCESS_ALL_REGISTRANTS"})
    @DisplayName("RELEASE of a RO/AR reservation: 2Ah/04h to every other registered nexus, none to the requester or bystanders")
    void releaseOfRegistrantsTypesNotifiesOtherRegistrants(PrType t) {
        f.reserve(A1, t, 0xA1);
        f.release(A1, t, 0xA1);
        assertThat(f.pending(B1)).containsExactly(AdditionalSense.RESERVATIONS_RELEASED);
        assertThat(f.pending(C1)).containsExactly(AdditionalSense.RESERVATIONS_RELEASED);
        assertThat(f.pending(A1)).isEmpty();
        assertThat(f.pending(D1)).isEmpty();
        assertThat(f.pending(A2)).as("unregistered nexus of a registrant's initiator").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE", "EXCLUSIVE_ACCESS"})
    @DisplayName("RELEASE of a WE/EA reservation raises no unit attention (Dev tgt: inverted)")
    void releaseOfExclusiveTypesIsSilent(PrType t) {
        f.reserve(A1, t, 0xA1);
        f.release(A1, t, 0xA1);
        for (var n : ALL_NEXUSES) assertThat(f.pending(n)).as(n.toString()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE_REGISTRANTS_ONLY", "EXCLUSIVE_ACCESS_REGISTRANTS_ONLY"})
    @DisplayName("The RO holder unregistering releases with 2Ah/04h to the others only, never to itself (corner case 3)")
    void roHolderUnregisterNotifiesOthers(PrType t) {
        f.reserve(A1, t, 0xA1);
        f.register(A1, 0xA1, 0);
        assertThat(f.pending(A1)).isEmpty();
        assertThat(f.pending(B1)).containsExactly(AdditionalSense.RESERVATIONS_RELEASED);
        assertThat(f.reservation(A1)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE", "EXCLUSIVE_ACCESS"})
    @DisplayName("The WE/EA holder unregistering releases silently (corner case 3)")
    void exclusiveHolderUnregisterIsSilent(PrType t) {
        f.reserve(A1, t, 0xA1);
        f.register(A1, 0xA1, 0);
        for (var n : ALL_NEXUSES) assertThat(f.pending(n)).isEmpty();
        assertThat(f.reservation(B1)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE_ALL_REGISTRANTS", "EXCLUSIVE_ACCESS_ALL_REGISTRANTS"})
    @DisplayName("An AR registrant unregistering raises nothing; the reservation lasts until the last registrant goes")
    void allRegistrantsUnregisterKeepsReservationSilently(PrType t) {
        f.reserve(A1, t, 0xA1);
        f.register(A1, 0xA1, 0);
        f.register(B1, 0xB1, 0);
        assertThat(f.reservation(C1)).containsExactly(0, t.code());
        f.register(C1, 0xC1, 0);
        assertThat(f.reservation(C1)).isNull();
        for (var n : ALL_NEXUSES) assertThat(f.pending(n)).isEmpty();
    }

    @Test
    @DisplayName("A non-holder unregistering raises nothing and keeps the reservation")
    void nonHolderUnregisterIsSilent() {
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY, 0xA1);
        f.register(B1, 0xB1, 0);
        for (var n : ALL_NEXUSES) assertThat(f.pending(n)).isEmpty();
        assertThat(f.reservation(A1)).containsExactly(0xA1, 6);
    }

    @Test
    @DisplayName("REGISTER AND MOVE raises no unit attention")
    void registerAndMoveIsSilent() {
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        f.registerAndMove(A1, 0xA1, 0xD1, true, 1, D.transportId());
        for (var n : ALL_NEXUSES) assertThat(f.pending(n)).isEmpty();
    }

    @Test
    @DisplayName("UAs go to every I_T nexus of a removed ALL_TG_PT registration except the requester")
    void allTargetPortRegistrationsAreToldOnEveryPort() {
        f.prOut(D1, PrOutAction.REGISTER, 0, Cdbs.prOutParameters(0, 0xD1, true, false));
        f.preempt(A1, PrType.WRITE_EXCLUSIVE, 0xA1, 0xD1);
        assertThat(f.pending(D1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(f.pending(D2)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
    }

    @Test
    @DisplayName("Each removed nexus sees exactly one 2Ah/05h even if preempted twice before it looks (duplicates coalesce)")
    void repeatedPreemptionCoalesces() {
        f.preempt(A1, PrType.WRITE_EXCLUSIVE, 0xA1, 0xB1);
        f.registerIgnore(B2, 0xB1);
        f.prOut(B1, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, Cdbs.prOutParameters(0, 0xB1, false, false)); // UA reported, not run
        f.preempt(A1, PrType.WRITE_EXCLUSIVE, 0xA1, 0xB1);
        assertThat(f.pending(B2)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
    }

    @Test
    @DisplayName("RESERVATION CONFLICT takes precedence over a pending PR unit attention, which stays pending (SAM-5 §5.3.2)")
    void conflictBeforeUnitAttention() {
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        f.preempt(A1, PrType.EXCLUSIVE_ACCESS, 0xA1, 0xC1);
        Expect.conflict(f.read(C1));
        assertThat(f.pending(C1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
        Expect.good(f.run(C1, Cdbs.inquiry(36)));
        Expect.unitAttention(f.prIn(C1, 0, 8), AdditionalSense.REGISTRATIONS_PREEMPTED); // PR IN is not exempt
        Expect.good(f.prIn(C1, 0, 8));
    }
}
