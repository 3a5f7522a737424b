package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PERSISTENT RESERVE OUT CDB and parameter list checks, in the order of the conformance notes §1.5. */
class PrOutValidationTest {
    final PrFixture f = PrFixture.create();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 23})
    @DisplayName("Step 2: a parameter list shorter than 24 bytes gets 1Ah/00h (pointing at PARAMETER LIST LENGTH)")
    void shortParameterListIsLengthError(int length) {
        byte[] cdb = Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, length);
        Expect.illegalAt(f.run(A1, cdb, new byte[length]), AdditionalSense.PARAMETER_LIST_LENGTH_ERROR, true, 5, -1);
    }

    @ParameterizedTest
    @EnumSource(value = PrOutAction.class, names = {"REGISTER_AND_MOVE"}, mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("SPEC_I_PT=0: any length other than exactly 24 gets 1Ah/00h, for every basic-list service action (corner case 15)")
    void basicListMustBeExactly24Bytes(PrOutAction a) {
        f.registerIgnore(A1, 0xA1);
        byte[] p = java.util.Arrays.copyOf(Cdbs.prOutParameters(0xA1, 0xA2, false, false), 32);
        Expect.illegal(f.run(A1, Cdbs.persistentReserveOut(a, 0, 1, 32), p), AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        assertThat(f.keys(A1)).containsExactly(0xA1L);
    }

    @Test
    @DisplayName("The parameter list length is the full 32-bit field of bytes 5-8 (Dev early LIO: bytes 7-8)")
    void parameterListLengthIsFourBytes() {
        byte[] cdb = Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 0x0001_0018L); // 65560, low 16 bits = 24
        Expect.illegal(f.run(A1, cdb, new byte[0x0001_0018]), AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }

    @Test
    @DisplayName("A data-out buffer shorter than the announced list is a parameter list length error")
    void truncatedDataOutIsLengthError() {
        byte[] cdb = Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24);
        Expect.illegal(f.run(A1, cdb, new byte[10]), AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x09, 0x0A, 0x10, 0x1F})
    @DisplayName("Step 3: reserved service actions 09h-1Fh get 24h/00h pointing at SERVICE ACTION")
    void reservedServiceActionIsInvalidFieldInCdb(int sa) {
        Expect.illegalAt(f.run(A1, Cdbs.persistentReserveOut(sa, 0, 0, 24), new byte[24]), AdditionalSense.INVALID_FIELD_IN_CDB, true, 1, 4);
    }

    @Test
    @DisplayName("Step 2 before step 3: a short list with a reserved service action is still 1Ah/00h")
    void lengthCheckedBeforeServiceAction() {
        Expect.illegal(f.run(A1, Cdbs.persistentReserveOut(0x1F, 0, 0, 8), new byte[8]), AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }

    @ParameterizedTest
    @EnumSource(value = PrOutAction.class, names = {"RESERVE", "RELEASE", "CLEAR", "PREEMPT", "PREEMPT_AND_ABORT", "REGISTER_AND_MOVE"})
    @DisplayName("Step 4: from an unregistered nexus every SA but REGISTER/REGISTER AND IGNORE conflicts (corner case 12)")
    void unregisteredNexusConflicts(PrOutAction a) {
        f.registerIgnore(B1, 0xB1);
        byte[] p = a == PrOutAction.REGISTER_AND_MOVE
                ? Cdbs.registerAndMoveParameters(0, 0xC1, false, false, 1, C.transportId())
                : Cdbs.prOutParameters(0, 0xB1, false, false);
        Expect.conflict(f.run(A1, Cdbs.persistentReserveOut(a, 0, 1, p.length), p));
    }

    @Test
    @DisplayName("Step 4 before step 5: an unregistered RESERVE with a bad TYPE conflicts rather than 24h/00h")
    void registrationCheckedBeforeScopeAndType() {
        Expect.conflict(f.prOut(A1, PrOutAction.RESERVE, 0xF, Cdbs.prOutParameters(0, 0, false, false)));
    }

    @Test
    @DisplayName("Step 6 before step 7: bad flags get 26h/00h even when the RK is wrong")
    void flagsCheckedBeforeKey() {
        f.registerIgnore(A1, 0xA1);
        byte[] p = Cdbs.prOutParameters(0xBAD, 0xA2, false, false, B.transportId());
        Expect.illegal(f.prOut(A1, PrOutAction.REGISTER, 0, p), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST);
    }

    @ParameterizedTest
    @EnumSource(value = PrOutAction.class, names = {"RESERVE", "RELEASE", "CLEAR", "PREEMPT", "PREEMPT_AND_ABORT"})
    @DisplayName("SPEC_I_PT=1 with any SA other than REGISTER gets 26h/00h (§1.2)")
    void specIptOnOtherActionsIsInvalidField(PrOutAction a) {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        byte[] p = Cdbs.prOutParameters(0xA1, 0xB1, false, false, C.transportId());
        Expect.illegalAt(f.prOut(A1, a, 1, p), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 3);
    }

    @ParameterizedTest
    @EnumSource(value = PrOutAction.class, names = {"RESERVE", "RELEASE", "PREEMPT"})
    @DisplayName("ALL_TG_PT and APTPL are ignored by service actions they do not apply to")
    void allTgPtAndAptplIgnoredElsewhere(PrOutAction a) {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        byte[] p = Cdbs.prOutParameters(0xA1, 0xB1, true, true);
        Expect.good(f.prOut(A1, a, 1, p));
    }

    @Test
    @DisplayName("APTPL=1 without a persistence store gets 26h/00h pointing at APTPL (PTPL_C=0)")
    void aptplWithoutStoreIsInvalidField() {
        Expect.illegalAt(f.prOut(A1, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, Cdbs.prOutParameters(0, 0xA1, false, true)),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 0);
        assertThat(f.keys(A1)).isEmpty();
    }

    @Test
    @DisplayName("A CDB shorter than 10 bytes gets 24h/00h, never an exception")
    void shortCdbIsInvalidField() {
        Expect.illegal(f.run(A1, new byte[] {0x5F, 0, 0, 0, 0, 0}, new byte[24]), AdditionalSense.INVALID_FIELD_IN_CDB);
    }

    @Test
    @DisplayName("Reserved bits of the flags byte and obsolete fields are ignored")
    void reservedParameterBitsIgnored() {
        byte[] p = Cdbs.prOutParameters(0, 0xA1, false, false);
        p[20] |= 0x02;
        Bytes.put32(p, 16, 0xFFFF_FFFFL);
        Expect.good(f.prOut(A1, PrOutAction.REGISTER, 0, p));
        assertThat(f.keys(A1)).containsExactly(0xA1L);
    }

    @Test
    @DisplayName("Every RK mismatch is a conflict whatever SCOPE/TYPE say (§6.16.3)")
    void keyMismatchIsConflictEvenWithOddScopeAndType() {
        f.registerIgnore(A1, 0xA1);
        Expect.conflict(f.run(A1, Cdbs.persistentReserveOut(PrOutAction.CLEAR, 0xF, 0xF, 24), Cdbs.prOutParameters(0xBAD, 0, false, false)));
        Expect.conflict(f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xBAD));
    }
}
