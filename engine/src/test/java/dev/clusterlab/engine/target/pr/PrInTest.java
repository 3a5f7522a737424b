package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.TransportId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PERSISTENT RESERVE IN: SPC-4 §6.15; allocation length per §4.2.5.6 (notes §2.2). */
class PrInTest {
    final PrFixture f = PrFixture.create();

    @Test
    @DisplayName("READ KEYS lists PRgeneration and one key per registered I_T nexus in registration order, duplicates included")
    void readKeysListsEveryRegistration() {
        f.registerIgnore(B1, 0x22);
        f.registerIgnore(A1, 0x11);
        f.registerIgnore(C1, 0x22);
        byte[] d = f.prInData(A1, PrInAction.READ_KEYS);
        assertThat(Bytes.u32(d, 0)).isEqualTo(3);
        assertThat(Bytes.u32(d, 4)).isEqualTo(24);
        assertThat(f.keys(A1)).containsExactly(0x22L, 0x11L, 0x22L);
    }

    @Test
    @DisplayName("READ RESERVATION with no reservation is 8 bytes with ADDITIONAL LENGTH 0")
    void readReservationWithoutReservation() {
        byte[] d = f.prInData(A1, PrInAction.READ_RESERVATION);
        assertThat(d).hasSize(8);
        assertThat(Bytes.u32(d, 4)).isZero();
    }

    @Test
    @DisplayName("READ RESERVATION shows the holder's key, scope and type in a 24-byte response")
    void readReservationShowsHolder() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY, 0xA1);
        byte[] d = f.prInData(B1, PrInAction.READ_RESERVATION);
        assertThat(d).hasSize(24);
        assertThat(Bytes.u32(d, 4)).isEqualTo(0x10);
        assertThat(Bytes.u64(d, 8)).isEqualTo(0xA1);
        assertThat(d[21]).isEqualTo((byte) 0x06);
    }

    @Test
    @DisplayName("REPORT CAPABILITIES: LENGTH 8, RLR_C CRH SIP_C ATP_C, TMV with ALLOW COMMANDS 011b, all six types; PTPL_C=0 without a store")
    void reportCapabilitiesWithoutStore() {
        byte[] d = f.prInData(A1, PrInAction.REPORT_CAPABILITIES);
        assertThat(d).hasSize(8);
        assertThat(Bytes.u16(d, 0)).isEqualTo(8);
        assertThat(d[2] & 0xFF).isEqualTo(0x80 | 0x10 | 0x08 | 0x04);
        assertThat(d[3] & 0xFF).isEqualTo(0x80 | (0b011 << 4));
        assertThat(d[4] & 0xFF).isEqualTo(0xEA);
        assertThat(d[5] & 0xFF).isEqualTo(0x01);
    }

    @Test
    @DisplayName("REPORT CAPABILITIES: PTPL_C=1 with a store, PTPL_A follows the last APTPL value")
    void reportCapabilitiesWithStore() {
        PrFixture g = PrFixture.withStore(new TestAptplStore());
        assertThat(g.prInData(A1, PrInAction.REPORT_CAPABILITIES)[2] & 0x01).isEqualTo(1);
        assertThat(g.prInData(A1, PrInAction.REPORT_CAPABILITIES)[3] & 0x01).isZero();
        g.prOut(A1, dev.clusterlab.engine.scsi.PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, Cdbs.prOutParameters(0, 0xA1, false, true));
        assertThat(g.prInData(A1, PrInAction.REPORT_CAPABILITIES)[3] & 0x01).isEqualTo(1);
    }

    @Test
    @DisplayName("READ FULL STATUS: key, R_HOLDER with scope/type, RTPI and TransportID per registration")
    void readFullStatusDescribesEachRegistrant() {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(D2, 0xD2);
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        byte[] d = f.prInData(A1, PrInAction.READ_FULL_STATUS);
        byte[] tidA = A.transportId().encode();
        byte[] tidD = D.transportId().encode();
        assertThat(Bytes.u32(d, 4)).isEqualTo(24 + tidA.length + 24 + tidD.length);
        assertThat(Bytes.u64(d, 8)).isEqualTo(0xA1);
        assertThat(d[8 + 12]).isEqualTo((byte) 0x01);
        assertThat(d[8 + 13]).isEqualTo((byte) 0x01);
        assertThat(Bytes.u16(d, 8 + 18)).isEqualTo(1);
        assertThat(Bytes.u32(d, 8 + 20)).isEqualTo(tidA.length);
        assertThat(TransportId.decode(d, 8 + 24, tidA.length)).isEqualTo(A.transportId());
        int second = 8 + 24 + tidA.length;
        assertThat(Bytes.u64(d, second)).isEqualTo(0xD2);
        assertThat(d[second + 12]).isZero();
        assertThat(d[second + 13]).as("scope/type only for holders").isZero();
        assertThat(Bytes.u16(d, second + 18)).isEqualTo(2);
        assertThat(TransportId.decode(d, second + 24, tidD.length)).isEqualTo(D.transportId());
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE_ALL_REGISTRANTS", "EXCLUSIVE_ACCESS_ALL_REGISTRANTS"})
    @DisplayName("READ FULL STATUS marks every registrant R_HOLDER under AR types (corner case 4)")
    void readFullStatusAllRegistrantsAreHolders(PrType t) {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, t, 0xA1);
        byte[] d = f.prInData(A1, PrInAction.READ_FULL_STATUS);
        int second = 8 + 24 + A.transportId().encode().length;
        assertThat(d[8 + 12] & 1).isEqualTo(1);
        assertThat(d[second + 12] & 1).isEqualTo(1);
        assertThat(d[second + 13]).isEqualTo((byte) t.code());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 7, 8, 12})
    @DisplayName("Allocation lengths below the data truncate without error; ADDITIONAL LENGTH still counts every key (corner case 14)")
    void smallAllocationTruncates(int allocation) {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        ScsiResponse r = f.prIn(A1, 0, allocation);
        Expect.good(r);
        assertThat(r.dataIn()).hasSize(allocation);
        if (allocation >= 8) assertThat(Bytes.u32(r.dataIn(), 4)).isEqualTo(16);
    }

    @Test
    @DisplayName("A large allocation returns exactly the data with no padding; the residual reports the rest (PrinReadKeys.Simple)")
    void largeAllocationReturnsExactData() {
        f.registerIgnore(A1, 0xA1);
        ScsiResponse r = f.lu.execute(A1, ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 16384), 16384));
        assertThat(r.dataIn()).hasSize(16);
        assertThat(Bytes.u32(r.dataIn(), 4)).isEqualTo(r.dataIn().length - 8);
        assertThat(r.residual()).isEqualTo(16384 - 16);
    }

    @ParameterizedTest
    @EnumSource(PrInAction.class)
    @DisplayName("Every defined PR IN service action returns GOOD with no registrations (PrinServiceactionRange)")
    void definedServiceActionsAreGood(PrInAction a) { Expect.good(f.prIn(A1, a.code(), 255)); }

    @ParameterizedTest
    @ValueSource(ints = {0x04, 0x05, 0x08, 0x10, 0x1F})
    @DisplayName("PR IN service actions 04h-1Fh get 24h/00h pointing at SERVICE ACTION")
    void reservedServiceActionIsInvalidField(int sa) {
        Expect.illegalAt(f.prIn(A1, sa, 255), AdditionalSense.INVALID_FIELD_IN_CDB, true, 1, 4);
    }

    @Test
    @DisplayName("PR IN changes nothing, not even PRgeneration")
    void prInChangesNothing() {
        f.registerIgnore(A1, 0xA1);
        var before = f.lu.reservations().snapshot();
        for (PrInAction a : PrInAction.values()) f.prInData(A1, a);
        assertThat(f.lu.reservations().snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("PR IN is allowed under every reservation type from anyone (Table 65)")
    void prInNeverConflictsWithPersistentReservation() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
        Expect.good(f.prIn(C1, 0, 255));
    }
}
