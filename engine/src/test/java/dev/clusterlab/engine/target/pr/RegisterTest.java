package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** REGISTER and REGISTER AND IGNORE EXISTING KEY: SPC-4 §5.13.7, Tables 67 and 68. */
class RegisterTest {
    final PrFixture f = PrFixture.create();

    @Test
    @DisplayName("Table 67: unregistered, RK=0, SARK≠0 registers the I_T nexus with SARK")
    void registerFromUnregisteredNexusWithZeroRkRegistersSark() {
        Expect.good(f.register(A1, 0, 0xA1));
        assertThat(f.keys(A1)).containsExactly(0xA1L);
        assertThat(f.lu.reservations().snapshot().registrants().get(0).targetPort()).isEqualTo(P1);
    }

    @Test
    @DisplayName("Table 67: unregistered with RK≠0 is a RESERVATION CONFLICT (corner case 2)")
    void registerFromUnregisteredNexusWithNonZeroRkConflicts() {
        Expect.conflict(f.register(A1, 0x99, 0xA1));
        assertThat(f.keys(A1)).isEmpty();
    }

    @Test
    @DisplayName("Table 67: unregistered, RK=0, SARK=0 is GOOD and registers nothing; key 0 is never stored (corner case 1)")
    void zeroKeyRegisterFromUnregisteredNexusRegistersNothing() {
        Expect.good(f.register(A1, 0, 0));
        assertThat(f.keys(A1)).isEmpty();
        assertThat(f.lu.reservations().snapshot().registrants()).isEmpty();
    }

    @Test
    @DisplayName("Table 67: registered, RK=0 (not its key) is a RESERVATION CONFLICT (ProutRegister.Simple)")
    void reRegisterWithZeroRkFromRegisteredNexusConflicts() {
        Expect.good(f.registerIgnore(A1, 0xA1));
        Expect.conflict(f.register(A1, 0, 0xA2));
        assertThat(f.keys(A1)).containsExactly(0xA1L);
    }

    @Test
    @DisplayName("Table 67: registered, RK matches, SARK≠0 replaces the key")
    void registerWithMatchingKeyReplacesKey() {
        f.registerIgnore(A1, 0xA1);
        Expect.good(f.register(A1, 0xA1, 0xA2));
        assertThat(f.keys(A1)).containsExactly(0xA2L);
    }

    @Test
    @DisplayName("Table 67: re-registering with the same key is not an error")
    void reRegisteringWithSameKeyIsGood() {
        f.registerIgnore(A1, 0xA1);
        Expect.good(f.register(A1, 0xA1, 0xA1));
        assertThat(f.keys(A1)).containsExactly(0xA1L);
    }

    @Test
    @DisplayName("Table 67: registered, RK matches, SARK=0 unregisters")
    void registerWithZeroSarkUnregisters() {
        f.registerIgnore(A1, 0xA1);
        Expect.good(f.register(A1, 0xA1, 0));
        assertThat(f.keys(A1)).isEmpty();
    }

    @Test
    @DisplayName("Table 67: registered with a wrong RK is a RESERVATION CONFLICT")
    void registerWithWrongKeyConflicts() {
        f.registerIgnore(A1, 0xA1);
        Expect.conflict(f.register(A1, 0xBAD, 0xA2));
        assertThat(f.keys(A1)).containsExactly(0xA1L);
    }

    @Test
    @DisplayName("Changing a key keeps the reservation: it follows the I_T nexus, not the key")
    void keyChangeKeepsReservation() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        Expect.good(f.register(A1, 0xA1, 0xA9));
        assertThat(f.reservation(A1)).containsExactly(0xA9, 1);
    }

    @Test
    @DisplayName("A registration never affects other registrations with the same key")
    void sameKeyOnTwoNexusesIsIndependent() {
        f.registerIgnore(A1, 0x77);
        f.registerIgnore(B1, 0x77);
        Expect.good(f.register(A1, 0x77, 0));
        assertThat(f.keys(B1)).containsExactly(0x77L);
    }

    @Test
    @DisplayName("Registrations are per I_T nexus: the same initiator through another target port is unregistered")
    void registrationIsPerTargetPort() {
        f.registerIgnore(A1, 0xA1);
        Expect.conflict(f.register(A2, 0xA1, 0xA2)); // A2 is not registered, so RK must be 0
        Expect.good(f.register(A2, 0, 0xA2));
        assertThat(f.keys(A1)).containsExactly(0xA1L, 0xA2L);
    }

    @Test
    @DisplayName("Table 68: REGISTER AND IGNORE ignores RK, registers an unregistered nexus")
    void registerAndIgnoreRegistersWhateverRk() {
        Expect.good(f.prOut(A1, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, null, 0xDEAD, 0xA1));
        assertThat(f.keys(A1)).containsExactly(0xA1L);
    }

    @Test
    @DisplayName("Table 68: REGISTER AND IGNORE from a registered nexus replaces the key whatever RK says")
    void registerAndIgnoreReplacesKeyWithoutCheckingRk() {
        f.registerIgnore(A1, 0xA1);
        Expect.good(f.prOut(A1, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, null, 0x1234, 0xA2));
        assertThat(f.keys(A1)).containsExactly(0xA2L);
    }

    @Test
    @DisplayName("Table 68: REGISTER AND IGNORE with SARK=0 unregisters a registered nexus, is a no-op otherwise")
    void registerAndIgnoreWithZeroSark() {
        Expect.good(f.registerIgnore(B1, 0));
        assertThat(f.keys(B1)).isEmpty();
        f.registerIgnore(A1, 0xA1);
        Expect.good(f.registerIgnore(A1, 0));
        assertThat(f.keys(A1)).isEmpty();
    }

    @Test
    @DisplayName("SPEC_I_PT on REGISTER AND IGNORE gets 26h/00h pointing at SPEC_I_PT (corner case 16)")
    void specIptOnRegisterAndIgnoreIsInvalidField() {
        byte[] p = Cdbs.prOutParameters(0, 0xA1, false, false, B.transportId());
        Expect.illegalAt(f.prOut(A1, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, p),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 3);
        assertThat(f.keys(A1)).isEmpty();
    }

    @Test
    @DisplayName("SPEC_I_PT on REGISTER from a registered nexus gets 26h/00h (Table 67)")
    void specIptFromRegisteredNexusIsInvalidField() {
        f.registerIgnore(A1, 0xA1);
        byte[] p = Cdbs.prOutParameters(0xA1, 0xA2, false, false, B.transportId());
        Expect.illegalAt(f.prOut(A1, PrOutAction.REGISTER, 0, p), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 3);
        assertThat(f.keys(A1)).containsExactly(0xA1L);
    }

    @Test
    @DisplayName("REGISTER's SCOPE and TYPE fields are ignored")
    void registerIgnoresScopeAndType() {
        byte[] p = Cdbs.prOutParameters(0, 0xA1, false, false);
        Expect.good(f.run(A1, Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0xF, 0xF, 24), p));
        assertThat(f.keys(A1)).containsExactly(0xA1L);
    }

    @Test
    @DisplayName("More registrations than the device can hold get 55h/04h and change nothing")
    void registrationBeyondCapacityIsInsufficientResources() {
        PrFixture small = PrFixture.withMaxRegistrations(2);
        Expect.good(small.registerIgnore(A1, 1));
        Expect.good(small.registerIgnore(B1, 2));
        long g = small.generation(A1);
        Expect.illegal(small.registerIgnore(C1, 3), AdditionalSense.INSUFFICIENT_REGISTRATION_RESOURCES);
        assertThat(small.keys(A1)).containsExactly(1L, 2L);
        assertThat(small.generation(A1)).isEqualTo(g);
        // A key change needs no new resources.
        Expect.good(small.register(A1, 1, 5));
    }

    @Test
    @DisplayName("Registrations survive I_T nexus loss: the same port reconnecting is still registered (corner case 21)")
    void registrationSurvivesNexusLoss() {
        f.registerIgnore(A1, 0xA1);
        f.lu.itNexusLoss(A1);
        f.drain(A1);
        Expect.good(f.register(A1, 0xA1, 0xA2));
    }

    @Test
    @DisplayName("An iSCSI re-login with a new ISID is another initiator port, hence unregistered (SPDK #989)")
    void newIsidIsAnotherInitiatorPort() {
        f.registerIgnore(A1, 0xA1);
        var relogged = new dev.clusterlab.engine.scsi.ItNexus(
                dev.clusterlab.engine.scsi.InitiatorPort.iscsi("iqn.2026-11.lab:node-a", 0x23d000000099L), P1);
        Expect.conflict(f.register(relogged, 0xA1, 0xA2));
    }
}
