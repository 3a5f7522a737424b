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
import org.junit.jupiter.params.provider.ValueSource;

/** RESERVE (SPC-4 §5.13.9) and RELEASE (§5.13.11.2.2). */
class ReserveReleaseTest {
    final PrFixture f = PrFixture.create();

    @ParameterizedTest
    @EnumSource(PrType.class)
    @DisplayName("RESERVE with no reservation creates one of the CDB's type; READ RESERVATION shows it (key 0 for AR)")
    void reserveCreatesReservation(PrType t) {
        f.registerIgnore(A1, 0xA1);
        Expect.good(f.reserve(A1, t, 0xA1));
        assertThat(f.reservation(A1)).containsExactly(t.allRegistrants() ? 0 : 0xA1, t.code());
    }

    @Test
    @DisplayName("RESERVE from an unregistered nexus is a RESERVATION CONFLICT, not NOT READY (corner case 12)")
    void reserveFromUnregisteredConflicts() {
        Expect.conflict(f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0));
        assertThat(f.reservation(A1)).isNull();
    }

    @Test
    @DisplayName("RESERVE with a RK that is not the nexus's key conflicts (Dev tgt: it never compares)")
    void reserveWithWrongKeyConflicts() {
        f.registerIgnore(A1, 0xA1);
        Expect.conflict(f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA2));
        assertThat(f.reservation(A1)).isNull();
    }

    @Test
    @DisplayName("RESERVE repeated by the holder with the same type is GOOD with no change (corner case 11)")
    void reserveRepeatedByHolderIsGood() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        Expect.good(f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1));
        assertThat(f.reservation(A1)).containsExactly(0xA1, 3);
    }

    @Test
    @DisplayName("RESERVE by the holder with another type conflicts: no implicit conversion (corner case 11)")
    void reserveByHolderWithOtherTypeConflicts() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        Expect.conflict(f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1));
        assertThat(f.reservation(A1)).containsExactly(0xA1, 3);
    }

    @Test
    @DisplayName("RESERVE from a registered non-holder conflicts")
    void reserveFromNonHolderConflicts() {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY, 0xA1);
        Expect.conflict(f.reserve(B1, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY, 0xB1));
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE_ALL_REGISTRANTS", "EXCLUSIVE_ACCESS_ALL_REGISTRANTS"})
    @DisplayName("Under AR types any registrant is a holder, so its RESERVE with the same type is GOOD (Dev LIO)")
    void reserveFromAnyRegistrantUnderAllRegistrantsIsGood(PrType t) {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, t, 0xA1);
        Expect.good(f.reserve(B1, t, 0xB1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0, 0x2, 0x4, 0x9, 0xF})
    @DisplayName("RESERVE with an obsolete or reserved TYPE gets 24h/00h pointing at TYPE")
    void reserveWithInvalidTypeIsInvalidFieldInCdb(int type) {
        f.registerIgnore(A1, 0xA1);
        Expect.illegalAt(f.prOut(A1, PrOutAction.RESERVE, type, Cdbs.prOutParameters(0xA1, 0, false, false)),
                AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 3);
    }

    @Test
    @DisplayName("RESERVE with SCOPE≠0 gets 24h/00h pointing at SCOPE")
    void reserveWithNonLuScopeIsInvalidFieldInCdb() {
        f.registerIgnore(A1, 0xA1);
        byte[] cdb = Cdbs.persistentReserveOut(PrOutAction.RESERVE, 1, 1, 24);
        Expect.illegalAt(f.run(A1, cdb, Cdbs.prOutParameters(0xA1, 0, false, false)), AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 7);
    }

    @Test
    @DisplayName("RESERVE does not change PRgeneration")
    void reserveLeavesGenerationAlone() {
        f.registerIgnore(A1, 0xA1);
        long g = f.generation(A1);
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        assertThat(f.generation(A1)).isEqualTo(g);
    }

    @ParameterizedTest
    @EnumSource(PrType.class)
    @DisplayName("RELEASE by the holder with matching type releases and keeps every registration")
    void releaseByHolderReleases(PrType t) {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, t, 0xA1);
        long g = f.generation(A1);
        Expect.good(f.release(A1, t, 0xA1));
        assertThat(f.reservation(A1)).isNull();
        assertThat(f.keys(A1)).containsExactly(0xA1L, 0xB1L);
        assertThat(f.generation(A1)).as("RELEASE never increments").isEqualTo(g);
    }

    @Test
    @DisplayName("RELEASE by the holder with the wrong type is 26h/04h and the reservation survives (corner case 9)")
    void releaseByHolderWithWrongTypeIsInvalidRelease_26h_04h() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        Expect.illegal(f.release(A1, PrType.WRITE_EXCLUSIVE, 0xA1), AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        assertThat(f.reservation(A1)).containsExactly(0xA1, 3);
    }

    @Test
    @DisplayName("RELEASE by the holder naming an invalid TYPE code is also 26h/04h (it does not match)")
    void releaseByHolderWithObsoleteTypeIsInvalidRelease() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        Expect.illegal(f.prOut(A1, PrOutAction.RELEASE, 0, Cdbs.prOutParameters(0xA1, 0, false, false)),
                AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
    }

    @Test
    @DisplayName("RELEASE with SCOPE≠0 gets 24h/00h")
    void releaseWithNonLuScopeIsInvalidFieldInCdb() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        byte[] cdb = Cdbs.persistentReserveOut(PrOutAction.RELEASE, 2, 3, 24);
        Expect.illegalAt(f.run(A1, cdb, Cdbs.prOutParameters(0xA1, 0, false, false)), AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 7);
        assertThat(f.reservation(A1)).isNotNull();
    }

    @Test
    @DisplayName("RELEASE from a registered non-holder is GOOD and changes nothing (corner case 10)")
    void releaseFromNonHolderIsNoOp() {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        Expect.good(f.release(B1, PrType.EXCLUSIVE_ACCESS, 0xB1));
        assertThat(f.reservation(A1)).containsExactly(0xA1, 3);
    }

    @Test
    @DisplayName("RELEASE with no reservation is GOOD (corner case 10)")
    void releaseWithoutReservationIsNoOp() {
        f.registerIgnore(A1, 0xA1);
        Expect.good(f.release(A1, PrType.EXCLUSIVE_ACCESS, 0xA1));
    }

    @Test
    @DisplayName("RELEASE verifies the RK even with no reservation (Dev LIO/SCST/tgt skip it)")
    void releaseChecksKeyEvenWithoutReservation() {
        f.registerIgnore(A1, 0xA1);
        Expect.conflict(f.release(A1, PrType.EXCLUSIVE_ACCESS, 0xBAD));
    }

    @Test
    @DisplayName("RELEASE from an unregistered nexus is a RESERVATION CONFLICT (corner case 10, 12)")
    void releaseFromUnregisteredConflicts() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        Expect.conflict(f.release(B1, PrType.EXCLUSIVE_ACCESS, 0));
        Expect.conflict(PrFixture.create().release(B1, PrType.EXCLUSIVE_ACCESS, 0));
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE_ALL_REGISTRANTS", "EXCLUSIVE_ACCESS_ALL_REGISTRANTS"})
    @DisplayName("Under AR types a RELEASE from any registrant releases the whole reservation")
    void releaseFromAnyRegistrantUnderAllRegistrantsReleases(PrType t) {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, t, 0xA1);
        Expect.good(f.release(B1, t, 0xB1));
        assertThat(f.reservation(B1)).isNull();
    }
}
