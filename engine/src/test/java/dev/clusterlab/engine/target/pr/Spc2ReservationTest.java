package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrType;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPC-2 RESERVE/RELEASE (SPC-2 §5.5.1, §7.21-7.24) and how they mix with PR (SPC-4 §5.13.3; notes §5). */
class Spc2ReservationTest {
    final PrFixture f = PrFixture.create();

    @Test
    @DisplayName("RESERVE(6) on an unreserved LU makes the nexus its owner; the owner may repeat it")
    void reserveMakesOwnerAndRepeatsAreGood() {
        Expect.good(f.run(A1, Cdbs.reserve6()));
        Expect.good(f.run(A1, Cdbs.reserve6()));
        assertThat(f.lu.reservations().snapshot().spc2Holder()).isEqualTo(A1);
    }

    @Test
    @DisplayName("RESERVE from another nexus conflicts, even the same initiator through another port")
    void reserveFromOtherNexusConflicts() {
        f.run(A1, Cdbs.reserve10());
        Expect.conflict(f.run(B1, Cdbs.reserve6()));
        Expect.conflict(f.run(A2, Cdbs.reserve10()));
    }

    @Test
    @DisplayName("RELEASE from a non-owner or with nothing reserved is GOOD with no effect")
    void releaseFromNonOwnerIsNoOp() {
        Expect.good(f.run(B1, Cdbs.release6()));
        f.run(A1, Cdbs.reserve6());
        Expect.good(f.run(B1, Cdbs.release10()));
        assertThat(f.lu.reservations().spc2Holder()).isEqualTo(A1);
        Expect.good(f.run(A1, Cdbs.release10()));
        assertThat(f.lu.reservations().spc2Holder()).isNull();
        assertThat(f.pending(B1)).as("no UA on release").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "RESERVE(6) third-party, 161000000000, 1, 4",
            "RESERVE(6) third-party device id, 160400000000, 1, 3",
            "RESERVE(6) extent, 160100000000, 1, 0",
            "RESERVE(6) extent list length, 160000000800, 3, -1",
            "RESERVE(10) 3RDPTY, 56100000000000000000, 1, 4",
            "RESERVE(10) LONGID, 56020000000000000000, 1, 1",
            "RESERVE(10) extent, 56010000000000000000, 1, 0",
            "RESERVE(10) third-party device id, 56000005000000000000, 3, -1",
            "RESERVE(10) parameter list length, 56000000000000000800, 7, -1",
            "RELEASE(6) third-party, 171000000000, 1, 4",
            "RELEASE(10) LONGID, 57020000000000000000, 1, 1"})
    @DisplayName("Third-party, extent and LONGID forms are rejected with 24h/00h pointing at the field")
    void thirdPartyAndExtentFormsAreInvalidFieldInCdb(String name, String cdb, int b, int bit) {
        Expect.illegalAt(f.run(A1, HexFormat.of().parseHex(cdb)), AdditionalSense.INVALID_FIELD_IN_CDB, true, b, bit);
        assertThat(f.lu.reservations().spc2Holder()).isNull();
    }

    @ParameterizedTest(name = "{0} from another nexus: {2}")
    @CsvSource({
            "INQUIRY, 120000002400, A",
            "REQUEST SENSE, 030000001200, A",
            "REPORT LUNS, A00000000000000010000000, A",
            "RELEASE(6), 170000000000, A",
            "RELEASE(10), 57000000000000000000, A",
            "PREVENT ALLOW (PREVENT=0), 1E0000000000, A",
            "LOG SENSE, 4D000000000000100000, A",
            "REPORT TARGET PORT GROUPS, A30A0000000000001000000000, A",
            "MODE SENSE(6), 1A003F00FF00, C",
            "TEST UNIT READY, 000000000000, C",
            "READ CAPACITY(10), 25000000000000000000, C",
            "READ(10), 28000000000100000100, C",
            "WRITE(10), 2A000000000100000100, C",
            "PREVENT ALLOW (PREVENT=1), 1E0000000100, C",
            "START STOP UNIT, 1B0000000100, C",
            "RESERVE(6), 160000000000, C",
            "PERSISTENT RESERVE IN, 5E000000000000100000, C",
            "PERSISTENT RESERVE OUT, 5F000000000000001800, C",
            "REPORT SUPPORTED OPERATION CODES, A30C0000000000001000000000, C"})
    @DisplayName("While another nexus holds an SPC-2 reservation only the SPC-2 allow-list passes (corner case 20)")
    void spc2NonOwnerAccess(String name, String cdb, char expected) {
        f.run(A1, Cdbs.reserve6());
        assertThat(f.lu.reservations().conflicts(B1, HexFormat.of().parseHex(cdb))).isEqualTo(expected == 'C');
    }

    @ParameterizedTest(name = "{0} from the owner: {2}")
    @CsvSource({
            "READ(10), 28000000000100000100, A",
            "WRITE(10), 2A000000000100000100, A",
            "MODE SENSE(6), 1A003F00FF00, A",
            "RESERVE(6), 160000000000, A",
            "PERSISTENT RESERVE IN, 5E000000000000100000, C",
            "PERSISTENT RESERVE OUT, 5F000000000000001800, C"})
    @DisplayName("The owner may do anything except PR IN/OUT, which conflict while an SPC-2 reservation exists (§5.3 rule 1)")
    void spc2OwnerAccess(String name, String cdb, char expected) {
        f.run(A1, Cdbs.reserve6());
        assertThat(f.lu.reservations().conflicts(A1, HexFormat.of().parseHex(cdb))).isEqualTo(expected == 'C');
    }

    @Test
    @DisplayName("PR IN and PR OUT conflict for everyone, owner included, while an SPC-2 reservation exists (corner case 18)")
    void persistentReserveCommandsConflictUnderSpc2() {
        f.run(A1, Cdbs.reserve6());
        Expect.conflict(f.registerIgnore(A1, 0xA1));
        Expect.conflict(f.registerIgnore(B1, 0xB1));
        Expect.conflict(f.prIn(A1, 0, 255));
        Expect.conflict(f.prIn(B1, 2, 255));
        f.run(A1, Cdbs.release6());
        Expect.good(f.registerIgnore(B1, 0xB1));
    }

    @Test
    @DisplayName("RESERVE/RELEASE conflict while registrations exist and the requester has no PR access (§5.3 rule 2c)")
    void reserveConflictsWhileRegistrationsExist() {
        f.registerIgnore(A1, 0xA1);
        Expect.conflict(f.run(B1, Cdbs.reserve6()));
        Expect.conflict(f.run(A1, Cdbs.reserve6())); // registered, but no reservation
        Expect.conflict(f.run(B1, Cdbs.release6()));
        assertThat(f.lu.reservations().spc2Holder()).isNull();
    }

    @Test
    @DisplayName("RESERVE/RELEASE from the persistent reservation holder are GOOD no-ops (CRH, §5.3 rule 2a)")
    void reserveFromPersistentHolderIsNoOp() {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        Expect.good(f.run(A1, Cdbs.reserve6()));
        Expect.good(f.run(A1, Cdbs.release10()));
        assertThat(f.lu.reservations().spc2Holder()).isNull();
        assertThat(f.reservation(A1)).containsExactly(0xA1, 1);
        Expect.conflict(f.run(B1, Cdbs.reserve6())); // WE: a registered non-holder gets no no-op
    }

    @Test
    @DisplayName("RESERVE from a registrant under a RO or AR reservation is a GOOD no-op (§5.3 rule 2b; Dev LIO)")
    void reserveFromRegistrantUnderRegistrantsOnlyIsNoOp() {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY, 0xA1);
        Expect.good(f.run(B1, Cdbs.reserve6()));
        assertThat(f.lu.reservations().spc2Holder()).isNull();
        Expect.conflict(f.run(C1, Cdbs.reserve6()));
    }

    @Test
    @DisplayName("With no registrations at all, RESERVE/RELEASE follow plain SPC-2 rules (§5.3 rule 2d)")
    void withoutRegistrationsSpc2IsNormal() {
        f.registerIgnore(A1, 0xA1);
        f.register(A1, 0xA1, 0);
        Expect.good(f.run(B1, Cdbs.reserve6()));
        assertThat(f.lu.reservations().spc2Holder()).isEqualTo(B1);
    }

    @Test
    @DisplayName("SPC-2 reservation conflict is reported before a pending unit attention, which stays pending (SAM-5 §5.3.2)")
    void conflictTakesPrecedenceOverUnitAttention() {
        f.run(A1, Cdbs.reserve6());
        f.lu.unitAttentions().queue(B1, AdditionalSense.MODE_PARAMETERS_CHANGED);
        Expect.conflict(f.tur(B1));
        assertThat(f.pending(B1)).containsExactly(AdditionalSense.MODE_PARAMETERS_CHANGED);
        Expect.unitAttention(f.run(B1, Cdbs.release6()), AdditionalSense.MODE_PARAMETERS_CHANGED);
    }

    @Test
    @DisplayName("INQUIRY never conflicts and never reports a UA")
    void inquiryAlwaysWorks() {
        f.run(A1, Cdbs.reserve6());
        f.lu.unitAttentions().queue(B1, AdditionalSense.MODE_PARAMETERS_CHANGED);
        Expect.good(f.run(B1, Cdbs.inquiry(36)));
        assertThat(f.pending(B1)).hasSize(1);
    }
}
