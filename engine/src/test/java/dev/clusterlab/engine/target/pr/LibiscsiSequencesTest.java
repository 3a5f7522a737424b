package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The libiscsi test-tool sequences of the conformance notes §7.2, reproduced in-process. */
class LibiscsiSequencesTest {
    final PrFixture f = PrFixture.create();
    static final ItNexus I1 = A1, I2 = B1;

    /** libiscsi's test_iscsi_tur_until_good. */
    void turUntilGood(ItNexus n) {
        for (int i = 0; i < 10; i++) if (f.tur(n).isGood()) return;
        throw new AssertionError("TUR never GOOD on " + n);
    }

    /** libiscsi's cleanup: for each key, REGISTER AND IGNORE(key) then REGISTER(RK=key, SARK=0). */
    void cleanup(ItNexus n) {
        for (long k : f.keys(n)) {
            Expect.good(f.registerIgnore(n, k));
            Expect.good(f.register(n, k, 0));
        }
    }

    @Test
    @DisplayName("PrinReadKeys.Simple: allocation 16384, ADDITIONAL LENGTH == received - 8")
    void prinReadKeysSimple() {
        ScsiResponse r = f.lu.execute(I1, ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 16384), 16384));
        Expect.good(r);
        assertThat(r.dataIn().length).isGreaterThanOrEqualTo(8);
        assertThat(Bytes.u32(r.dataIn(), 4)).isEqualTo(r.dataIn().length - 8);
    }

    @Test
    @DisplayName("PrinReadKeys.Truncate: allocation 8 returns the header with ADDITIONAL LENGTH ≠ 0")
    void prinReadKeysTruncate() {
        Expect.good(f.registerIgnore(I1, 0x1234));
        ScsiResponse r = f.prIn(I1, 0, 8);
        Expect.good(r);
        assertThat(r.dataIn()).hasSize(8);
        assertThat(Bytes.u32(r.dataIn(), 4)).isNotZero();
        Expect.good(f.register(I1, 0x1234, 0));
    }

    @Test
    @DisplayName("PrinServiceactionRange.Range: SA 0-3 GOOD, 4-1Fh fail")
    void prinServiceActionRange() {
        for (int sa = 0; sa <= 3; sa++) Expect.good(f.prIn(I1, sa, 8192));
        for (int sa = 4; sa <= 0x1F; sa++) assertThat(f.prIn(I1, sa, 8192).status()).isNotEqualTo(ScsiStatus.GOOD);
    }

    @Test
    @DisplayName("PrinReportCapabilities.Simple: every advertised type reserves, reads back and releases")
    void prinReportCapabilitiesSimple() {
        Expect.good(f.registerIgnore(I1, 0x77));
        byte[] caps = f.prInData(I1, PrInAction.REPORT_CAPABILITIES);
        assertThat(Bytes.u16(caps, 0)).isEqualTo(8);
        assertThat((caps[3] >> 4) & 7).isLessThanOrEqualTo(5);
        int mask = Bytes.u16(caps, 4);
        assertThat(mask & ~0xEA01).isZero();
        for (PrType t : PrType.values()) {
            int bit = switch (t) {
                case WRITE_EXCLUSIVE -> 0x0200; case EXCLUSIVE_ACCESS -> 0x0800; case WRITE_EXCLUSIVE_REGISTRANTS_ONLY -> 0x2000;
                case EXCLUSIVE_ACCESS_REGISTRANTS_ONLY -> 0x4000; case WRITE_EXCLUSIVE_ALL_REGISTRANTS -> 0x8000;
                case EXCLUSIVE_ACCESS_ALL_REGISTRANTS -> 0x0001;
            };
            assertThat(mask & bit).as(t.name()).isNotZero();
            Expect.good(f.reserve(I1, t, 0x77));
            assertThat(f.reservation(I1)).containsExactly(t.allRegistrants() ? 0 : 0x77, t.code());
            Expect.good(f.release(I1, t, 0x77));
        }
        Expect.good(f.register(I1, 0x77, 0));
    }

    @Test
    @DisplayName("ProutRegister.Simple: re-register with RK=0 from a registered nexus is RESERVATION CONFLICT")
    void proutRegisterSimple() {
        Expect.good(f.registerIgnore(I1, 0x55));
        assertThat(f.keys(I1)).contains(0x55L);
        Expect.conflict(f.register(I1, 0, 0x56));
        Expect.good(f.register(I1, 0x55, 0));
        assertThat(f.keys(I1)).doesNotContain(0x55L);
    }

    @Test
    @DisplayName("ProutReserve.Simple: each type reserves and releases")
    void proutReserveSimple() {
        Expect.good(f.registerIgnore(I1, 0x99));
        for (int code : new int[] {1, 3, 5, 6, 7, 8}) {
            PrType t = PrType.fromCode(code);
            Expect.good(f.reserve(I1, t, 0x99));
            assertThat(f.reservation(I1)).containsExactly(code >= 7 ? 0 : 0x99, code);
            Expect.good(f.release(I1, t, 0x99));
        }
        cleanup(I1);
    }

    @ParameterizedTest
    @EnumSource(PrType.class)
    @DisplayName("ProutReserve.Access*: I2's READ/WRITE before and after it unregisters match the notes §3.3 table")
    void proutReserveAccess(PrType t) {
        turUntilGood(I1);
        turUntilGood(I2);
        Expect.good(f.registerIgnore(I1, 0x11));
        Expect.good(f.registerIgnore(I2, 0x22));
        Expect.good(f.reserve(I1, t, 0x11));
        assertThat(f.reservation(I1)).containsExactly(t.allRegistrants() ? 0 : 0x11, t.code());
        Expect.good(f.read(I1));
        Expect.good(f.write(I1));
        boolean regRead = !(t == PrType.EXCLUSIVE_ACCESS);
        boolean regWrite = t != PrType.EXCLUSIVE_ACCESS && t != PrType.WRITE_EXCLUSIVE;
        boolean unregRead = !t.exclusiveAccess();
        assertThat(f.read(I2).isGood()).isEqualTo(regRead);
        assertThat(f.write(I2).isGood()).isEqualTo(regWrite);
        Expect.good(f.register(I2, 0x22, 0));
        assertThat(f.read(I2).isGood()).isEqualTo(unregRead);
        assertThat(f.write(I2).isGood()).isFalse();
        Expect.good(f.release(I1, t, 0x11));
        Expect.good(f.register(I1, 0x11, 0));
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"EXCLUSIVE_ACCESS", "WRITE_EXCLUSIVE", "EXCLUSIVE_ACCESS_REGISTRANTS_ONLY", "WRITE_EXCLUSIVE_REGISTRANTS_ONLY"})
    @DisplayName("ProutReserve.Ownership (non-AR): the holder unregisters, READ RESERVATION from it is GOOD with no UA (tgt fails this)")
    void proutReserveOwnershipNonAllRegistrants(PrType t) {
        turUntilGood(I1);
        turUntilGood(I2);
        f.registerIgnore(I1, 0x11);
        f.registerIgnore(I2, 0x22);
        Expect.good(f.reserve(I1, t, 0x11));
        Expect.good(f.register(I1, 0x11, 0));
        assertThat(f.pending(I1)).isEmpty();
        assertThat(f.reservation(I1)).isNull();
        assertThat(f.pending(I2)).isEqualTo(t.registrantsOnly()
                ? java.util.List.of(AdditionalSense.RESERVATIONS_RELEASED) : java.util.List.of());
        f.tur(I2);
        Expect.good(f.register(I2, 0x22, 0));
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"EXCLUSIVE_ACCESS_ALL_REGISTRANTS", "WRITE_EXCLUSIVE_ALL_REGISTRANTS"})
    @DisplayName("ProutReserve.Ownership (AR): the reservation outlives the reserving registrant; the other can release it")
    void proutReserveOwnershipAllRegistrants(PrType t) {
        turUntilGood(I1);
        turUntilGood(I2);
        f.registerIgnore(I1, 0x11);
        f.registerIgnore(I2, 0x22);
        Expect.good(f.reserve(I1, t, 0x11));
        Expect.good(f.register(I1, 0x11, 0));
        assertThat(f.reservation(I1)).containsExactly(0, t.code());
        Expect.good(f.release(I2, t, 0x22));
        Expect.good(f.register(I2, 0x22, 0));
    }

    @Test
    @DisplayName("ProutClear.Simple: CLEAR after REGISTER+RESERVE leaves no keys and generation g+1")
    void proutClearSimple() {
        Expect.good(f.registerIgnore(I1, 0x33));
        long g = f.generation(I1);
        Expect.good(f.reserve(I1, PrType.EXCLUSIVE_ACCESS, 0x33));
        assertThat(f.reservation(I1)).isNotNull();
        Expect.good(f.clear(I1, 0x33));
        assertThat(f.reservation(I1)).isNull();
        assertThat(f.keys(I1)).isEmpty();
        assertThat(f.generation(I1)).isEqualTo(g + 1);
    }

    @Test
    @DisplayName("ProutPreempt.RemoveRegistration: PREEMPT without a reservation removes one key, +1 generation, I1 sees 2Ah/05h")
    void proutPreemptRemoveRegistration() {
        Expect.good(f.registerIgnore(I1, 0x41));
        Expect.good(f.clear(I1, 0x41));
        Expect.good(f.registerIgnore(I1, 0x41));
        Expect.good(f.registerIgnore(I2, 0x42));
        assertThat(f.keys(I2)).hasSize(2);
        long g = f.generation(I2);
        Expect.good(f.preempt(I2, PrType.EXCLUSIVE_ACCESS, 0x42, 0x41));
        Expect.unitAttention(f.tur(I1), AdditionalSense.REGISTRATIONS_PREEMPTED);
        turUntilGood(I1);
        turUntilGood(I2);
        assertThat(f.keys(I2)).containsExactly(0x42L);
        assertThat(f.generation(I2)).isEqualTo(g + 1);
        Expect.good(f.register(I2, 0x42, 0));
    }

    @Test
    @DisplayName("Reserve6.Simple: RESERVE(6) then RELEASE(6)")
    void reserve6Simple() {
        Expect.good(f.run(I1, Cdbs.reserve6()));
        Expect.good(f.run(I1, Cdbs.release6()));
    }

    @Test
    @DisplayName("Reserve6.2Initiators: I2 conflicts on RESERVE and MODE SENSE(6); RELEASE is a no-op (tgt fails MODE SENSE)")
    void reserve6TwoInitiators() {
        Expect.good(f.run(I1, Cdbs.reserve6()));
        Expect.good(f.run(I1, Cdbs.reserve6()));
        Expect.conflict(f.run(I2, Cdbs.reserve6()));
        Expect.good(f.run(I2, Cdbs.release6()));
        Expect.good(f.run(I1, Cdbs.modeSense6(false, 0, 0x3F, 0, 255)));
        Expect.conflict(f.run(I2, Cdbs.modeSense6(false, 0, 0x3F, 0, 255)));
        Expect.conflict(f.run(I2, Cdbs.reserve6()));
        Expect.good(f.run(I1, Cdbs.release6()));
        Expect.good(f.run(I2, Cdbs.reserve6()));
        Expect.good(f.run(I2, Cdbs.release6()));
    }

    @Test
    @DisplayName("Reserve6.Logout / ITNexusLoss: after I1's nexus is lost, I2 can reserve and release")
    void reserve6NexusLoss() {
        Expect.good(f.run(I1, Cdbs.reserve6()));
        Expect.conflict(f.run(I2, Cdbs.reserve6()));
        f.lu.itNexusLoss(I1);
        Expect.good(f.run(I2, Cdbs.reserve6()));
        Expect.good(f.run(I2, Cdbs.release6()));
    }

    @Test
    @DisplayName("Reserve6.LUNReset: after an LU reset a fresh initiator reserves and releases (after draining its UA)")
    void reserve6LunReset() {
        Expect.good(f.run(I1, Cdbs.reserve6()));
        f.lu.logicalUnitReset(I1);
        ItNexus fresh = C1;
        Expect.good(f.run(fresh, Cdbs.reserve6()));
        Expect.good(f.run(fresh, Cdbs.release6()));
    }

    @Test
    @DisplayName("Reserve6.TargetColdReset / TargetWarmReset: the target reset is supported and releases the reservation")
    void reserve6TargetReset() {
        Expect.good(f.run(I1, Cdbs.reserve6()));
        Expect.conflict(f.tur(I2)); // I2 is now known to the LU
        f.lu.targetReset(I1);
        Expect.unitAttention(f.run(I2, Cdbs.reserve6()), AdditionalSense.SCSI_BUS_RESET_OCCURRED);
        Expect.good(f.run(I2, Cdbs.reserve6()));
        Expect.good(f.run(I2, Cdbs.release6()));
    }

    @Test
    @DisplayName("Login sequence: standard INQUIRY and VPD 80h work under any reservation")
    void inquiryWorksUnderAnyReservation() {
        f.registerIgnore(I1, 1);
        f.reserve(I1, PrType.EXCLUSIVE_ACCESS, 1);
        Expect.good(f.run(I2, Cdbs.inquiry(255)));
        Expect.good(f.run(I2, Cdbs.inquiry(true, 0x80, 255)));
    }
}
