package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** APTPL (SPC-4 §5.13.5) and REPLACE LOST RESERVATION (§5.13.11.3). */
class AptplTest {
    final TestAptplStore store = new TestAptplStore();
    final PrFixture f = PrFixture.withStore(store);

    void registerPersistent(dev.clusterlab.engine.scsi.ItNexus n, long key) {
        Expect.good(f.prOut(n, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, Cdbs.prOutParameters(0, key, false, true)));
    }

    @Test
    @DisplayName("REGISTER with APTPL=1 writes the state before GOOD; later changes are written while APTPL is active")
    void stateIsSavedWhileAptplActive() {
        registerPersistent(A1, 0xA1);
        assertThat(store.stored.registrations()).containsExactly(new PersistedReservations.Registration(A.transportId(), 1, 0xA1));
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        assertThat(store.stored.reservation()).isEqualTo(new PersistedReservations.Reservation(3, 0, A.transportId(), 1));
        f.registerIgnore(B2, 0xB2); // APTPL=0 now: the store is cleared
        assertThat(store.stored).isNull();
        assertThat(store.clears).isEqualTo(1);
    }

    @Test
    @DisplayName("Without APTPL nothing is written")
    void nothingWrittenWithoutAptpl() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        assertThat(store.saves + store.clears).isZero();
    }

    @Test
    @DisplayName("A failed write fails the command (NOT READY 08h/00h) and rolls the state back so LU and store agree")
    void saveFailureRollsBack() {
        registerPersistent(A1, 0xA1);
        var before = f.lu.reservations().snapshot();
        store.failSave = true;
        Expect.check(f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1), SenseKey.NOT_READY, AdditionalSense.LU_COMMUNICATION_FAILURE);
        Expect.check(f.registerIgnore(B1, 0xB1), SenseKey.NOT_READY, AdditionalSense.LU_COMMUNICATION_FAILURE);
        assertThat(f.lu.reservations().snapshot()).isEqualTo(before);
        assertThat(store.stored.registrations()).hasSize(1);
    }

    @Test
    @DisplayName("A failed write queues no unit attention: the command had no effect")
    void saveFailureRaisesNoUnitAttention() {
        f.connectAll();
        registerPersistent(A1, 0xA1);
        registerPersistent(B1, 0xB1);
        store.failSave = true;
        f.clear(A1, 0xA1);
        assertThat(f.pending(B1)).isEmpty();
        assertThat(f.keys(B1)).hasSize(2);
    }

    @Test
    @DisplayName("Power on with APTPL active restores registrations and reservation; PRgeneration restarts at 0")
    void powerOnRestoresFromStore() {
        registerPersistent(A1, 0xA1);
        f.prOut(B2, PrOutAction.REGISTER, 0, Cdbs.prOutParameters(0, 0xB2, true, true));
        f.reserve(A1, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY, 0xA1);
        var before = f.lu.reservations().snapshot();
        f.lu.powerOn();
        var after = f.lu.reservations().snapshot();
        assertThat(after.registrants()).isEqualTo(before.registrants());
        assertThat(after.reservationType()).isEqualTo(5);
        assertThat(after.generation()).isZero();
        assertThat(after.aptplActive()).isTrue();
        f.drain(A1);
        assertThat(f.reservation(A1)).containsExactly(0xA1, 5);
    }

    @Test
    @DisplayName("Power on after APTPL was turned off drops everything")
    void powerOnAfterAptplOffDropsEverything() {
        registerPersistent(A1, 0xA1);
        f.registerIgnore(A1, 0xA2); // APTPL=0
        f.lu.powerOn();
        assertThat(f.lu.reservations().snapshot().registrants()).isEmpty();
    }

    @Test
    @DisplayName("A store that cannot be read at power on puts the LU in the lost state: DATA PROTECT 44h/01h except the allow-list")
    void unreadableStoreEntersLostState() {
        registerPersistent(A1, 0xA1);
        store.failLoad = true;
        f.lu.powerOn();
        f.drain(A1);
        assertThat(f.lu.reservations().informationLost()).isTrue();
        Expect.check(f.tur(A1), SenseKey.DATA_PROTECT, AdditionalSense.PERSISTENT_RESERVATION_INFORMATION_LOST);
        Expect.check(f.read(A1), SenseKey.DATA_PROTECT, AdditionalSense.PERSISTENT_RESERVATION_INFORMATION_LOST);
        Expect.check(f.registerIgnore(A1, 1), SenseKey.DATA_PROTECT, AdditionalSense.PERSISTENT_RESERVATION_INFORMATION_LOST);
        Expect.good(f.run(A1, Cdbs.inquiry(36)));
        Expect.good(f.run(A1, Cdbs.reportLuns(16)));
        Expect.good(f.prIn(A1, 2, 8));
    }

    @Test
    @DisplayName("A store that fails when the LU is built also means the information was lost")
    void unreadableStoreAtBuildEntersLostState() {
        TestAptplStore bad = new TestAptplStore();
        bad.failLoad = true;
        assertThat(PrFixture.withStore(bad).lu.reservations().informationLost()).isTrue();
    }

    @Test
    @DisplayName("A stored state naming an unknown target port is unusable: information lost")
    void storedStateWithUnknownPortEntersLostState() {
        TestAptplStore odd = new TestAptplStore();
        odd.stored = new PersistedReservations(List.of(new PersistedReservations.Registration(A.transportId(), 77, 1)), null);
        assertThat(PrFixture.withStore(odd).lu.reservations().informationLost()).isTrue();
    }

    @Test
    @DisplayName("A valid stored state is loaded when the LU is built (first power on)")
    void storedStateLoadedAtBuild() {
        TestAptplStore s = new TestAptplStore();
        s.stored = new PersistedReservations(List.of(new PersistedReservations.Registration(A.transportId(), 0, 7)),
                new PersistedReservations.Reservation(8, 0, null, 0));
        PrFixture g = PrFixture.withStore(s);
        assertThat(g.keys(A2)).containsExactly(7L, 7L);
        assertThat(g.reservation(A2)).containsExactly(0, 8);
        Expect.good(g.write(A2));
        Expect.conflict(g.read(B1));
    }

    @Test
    @DisplayName("REPLACE LOST RESERVATION in the lost state registers SARK, reserves, sets PRgeneration 0 and leaves the state")
    void replaceLostReservationRecovers() {
        registerPersistent(A1, 0xA1);
        store.failLoad = true;
        f.lu.powerOn();
        f.drainAll();
        store.failLoad = false;
        Expect.good(f.prOut(B1, PrOutAction.REPLACE_LOST_RESERVATION, PrType.EXCLUSIVE_ACCESS, 0, 0xB1));
        assertThat(f.lu.reservations().informationLost()).isFalse();
        assertThat(f.keys(B1)).containsExactly(0xB1L);
        assertThat(f.reservation(B1)).containsExactly(0xB1, 3);
        assertThat(f.generation(B1)).isZero();
        assertThat(f.pending(A1)).as("no UA for REPLACE LOST RESERVATION").isEmpty();
        Expect.good(f.write(B1));
    }

    @Test
    @DisplayName("REPLACE LOST RESERVATION needs RK=0 (else conflict) and SARK≠0 (else 26h/00h)")
    void replaceLostReservationKeyRules() {
        registerPersistent(A1, 0xA1);
        store.failLoad = true;
        f.lu.powerOn();
        f.drainAll();
        Expect.conflict(f.prOut(B1, PrOutAction.REPLACE_LOST_RESERVATION, PrType.EXCLUSIVE_ACCESS, 5, 0xB1));
        Expect.illegalAt(f.prOut(B1, PrOutAction.REPLACE_LOST_RESERVATION, PrType.EXCLUSIVE_ACCESS, 0, 0),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 8, -1);
        Expect.illegalAt(f.prOut(B1, PrOutAction.REPLACE_LOST_RESERVATION, 0, dev.clusterlab.engine.scsi.Cdbs.prOutParameters(0, 1, false, false)),
                AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 3);
        Expect.illegalAt(f.prOut(B1, PrOutAction.REPLACE_LOST_RESERVATION, 3, Cdbs.prOutParameters(0, 1, true, false)),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 2);
        assertThat(f.lu.reservations().informationLost()).isTrue();
    }

    @Test
    @DisplayName("REPLACE LOST RESERVATION when nothing was lost gets 26h/04h from a registrant with RK=0")
    void replaceLostReservationWithoutLossIsInvalidRelease() {
        PrFixture g = PrFixture.create();
        g.registerIgnore(A1, 0xA1);
        Expect.illegal(g.prOut(A1, PrOutAction.REPLACE_LOST_RESERVATION, PrType.EXCLUSIVE_ACCESS, 0, 0xA2),
                AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION);
        Expect.conflict(g.prOut(B1, PrOutAction.REPLACE_LOST_RESERVATION, PrType.EXCLUSIVE_ACCESS, 0, 0xB1));
    }

    @Test
    @DisplayName("CLEAR keeps APTPL active and persists the empty state")
    void clearPersistsEmptyState() {
        registerPersistent(A1, 0xA1);
        f.clear(A1, 0xA1);
        assertThat(store.stored).isEqualTo(PersistedReservations.EMPTY);
    }
}
