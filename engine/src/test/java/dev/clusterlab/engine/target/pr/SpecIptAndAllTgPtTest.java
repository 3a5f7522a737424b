package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.TransportId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC_I_PT (SPC-4 §6.16.3, Table 67) and ALL_TG_PT. */
class SpecIptAndAllTgPtTest {
    final PrFixture f = PrFixture.create();

    ScsiResponse registerWithList(ItNexus n, long sark, boolean allTgPt, TransportId... ids) {
        return f.prOut(n, PrOutAction.REGISTER, 0, Cdbs.prOutParameters(0, sark, allTgPt, false, ids));
    }

    @Test
    @DisplayName("SPEC_I_PT registers the requester and every listed initiator port through the requester's target port")
    void specIptRegistersListedPortsThroughRequestersPort() {
        Expect.good(registerWithList(A1, 0x77, false, B.transportId(), D.transportId()));
        assertThat(f.keys(A1)).containsExactly(0x77L, 0x77L, 0x77L);
        // B is registered through P1 only.
        Expect.good(f.register(B1, 0x77, 0x78));
        Expect.conflict(f.register(B2, 0x77, 0x79));
    }

    @Test
    @DisplayName("SPEC_I_PT with ALL_TG_PT registers the listed ports through all target ports")
    void specIptWithAllTgPtRegistersEverywhere() {
        Expect.good(registerWithList(A1, 0x77, true, B.transportId()));
        assertThat(f.keys(A1)).as("two initiators x two ports").hasSize(4);
        Expect.good(f.register(B2, 0x77, 0x78));
    }

    @Test
    @DisplayName("SPEC_I_PT listing an already registered port fails as a whole: 26h/00h and no registration at all (corner case 16)")
    void specIptIsAllOrNothing() {
        f.registerIgnore(C1, 0xC1);
        long g = f.generation(C1);
        byte[] p = Cdbs.prOutParameters(0, 0x77, false, false, B.transportId(), C.transportId());
        var r = f.prOut(A1, PrOutAction.REGISTER, 0, p);
        int cOffset = 28 + B.transportId().encode().length;
        Expect.illegalAt(r, AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, cOffset, -1);
        assertThat(f.keys(C1)).containsExactly(0xC1L);
        assertThat(f.generation(C1)).isEqualTo(g);
    }

    @Test
    @DisplayName("An iSCSI TransportID in format 00b names every known port of that initiator")
    void iscsiDeviceNameMatchesEveryPortOfThatInitiator() {
        InitiatorPort b2 = InitiatorPort.iscsi("iqn.2026-11.lab:node-b", 0x23d0000000FFL);
        f.run(B1, Cdbs.inquiry(36));
        f.run(new ItNexus(b2, P2), Cdbs.inquiry(36));
        Expect.good(registerWithList(A1, 0x77, false, TransportId.Iscsi.device("iqn.2026-11.lab:node-b")));
        assertThat(f.lu.reservations().snapshot().registrants()).extracting(x -> x.initiator()).containsExactly(A, B, b2);
        Expect.good(f.register(new ItNexus(b2, P1), 0x77, 0x78));
    }

    @Test
    @DisplayName("An iSCSI device name matching no known initiator port gets 26h/00h")
    void unknownIscsiDeviceNameIsInvalidField() {
        Expect.illegal(registerWithList(A1, 0x77, false, TransportId.Iscsi.device("iqn.2026-11.lab:nobody")),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST);
        assertThat(f.keys(A1)).isEmpty();
    }

    @Test
    @DisplayName("TRANSPORTID PARAMETER DATA LENGTH must account for the list exactly: 26h/00h at byte 24")
    void transportIdLengthMismatchIsInvalidField() {
        byte[] p = Cdbs.prOutParameters(0, 0x77, false, false, B.transportId());
        Bytes.put32(p, 24, Bytes.u32(p, 24) - 4);
        Expect.illegalAt(f.prOut(A1, PrOutAction.REGISTER, 0, p), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 24, -1);
    }

    @Test
    @DisplayName("A truncated or malformed TransportID gets 26h/00h pointing at it")
    void malformedTransportIdIsInvalidField() {
        byte[] p = Cdbs.prOutParameters(0, 0x77, false, false, B.transportId());
        p[28] = 0x0F; // unknown protocol
        Expect.illegalAt(f.prOut(A1, PrOutAction.REGISTER, 0, p), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 28, -1);
        byte[] q = Cdbs.prOutParameters(0, 0x77, false, false, B.transportId());
        byte[] cut = java.util.Arrays.copyOf(q, q.length - 8);
        Bytes.put32(cut, 24, cut.length - 28);
        Expect.illegal(f.prOut(A1, PrOutAction.REGISTER, 0, cut), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST);
    }

    @Test
    @DisplayName("SPEC_I_PT=1 with a list shorter than the 28-byte header gets 1Ah/00h")
    void specIptListShorterThanHeaderIsLengthError() {
        byte[] p = Cdbs.prOutParameters(0, 0x77, false, false);
        p[20] |= 0x08;
        Expect.illegal(f.prOut(A1, PrOutAction.REGISTER, 0, p), AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }

    @Test
    @DisplayName("Listing the requester itself or a port twice is harmless: each port is registered once")
    void duplicatesInListAreRegisteredOnce() {
        Expect.good(registerWithList(A1, 0x77, false, A.transportId(), B.transportId(), B.transportId()));
        assertThat(f.keys(A1)).hasSize(2);
    }

    @Test
    @DisplayName("ALL_TG_PT=1 registers the initiator port through every target port; READ KEYS lists one key per I_T nexus")
    void allTgPtRegistersEveryTargetPort() {
        Expect.good(f.prOut(A1, PrOutAction.REGISTER, 0, Cdbs.prOutParameters(0, 0xA1, true, false)));
        assertThat(f.keys(A2)).containsExactly(0xA1L, 0xA1L);
        assertThat(f.lu.reservations().snapshot().registrants().get(0).allTargetPorts()).isTrue();
        Expect.good(f.reserve(A2, PrType.WRITE_EXCLUSIVE, 0xA1));
    }

    @Test
    @DisplayName("An ALL_TG_PT registration is one registration: a key change or unregister through any port applies to all")
    void allTgPtRegistrationChangesTogether() {
        f.prOut(A1, PrOutAction.REGISTER, 0, Cdbs.prOutParameters(0, 0xA1, true, false));
        Expect.good(f.register(A2, 0xA1, 0xA2));
        assertThat(f.keys(A1)).containsExactly(0xA2L, 0xA2L);
        Expect.good(f.register(A1, 0xA2, 0));
        assertThat(f.keys(A1)).isEmpty();
    }

    @Test
    @DisplayName("ALL_TG_PT=1 when the port is already registered through another target port gets 26h/00h")
    void allTgPtOverlappingExistingRegistrationIsInvalidField() {
        f.registerIgnore(A1, 0xA1);
        Expect.illegalAt(f.prOut(A2, PrOutAction.REGISTER, 0, Cdbs.prOutParameters(0, 0xA2, true, false)),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 2);
    }

    @Test
    @DisplayName("READ FULL STATUS reports ALL_TG_PT registrations per port with ALL_TG_PT set and R_HOLDER only on the holding nexus")
    void readFullStatusShowsAllTgPtPerPort() {
        f.prOut(A1, PrOutAction.REGISTER, 0, Cdbs.prOutParameters(0, 0xA1, true, false));
        f.reserve(A2, PrType.EXCLUSIVE_ACCESS, 0xA1);
        byte[] d = f.prInData(A2, PrInAction.READ_FULL_STATUS);
        int tid = A.transportId().encode().length;
        assertThat(Bytes.u32(d, 4)).isEqualTo(2L * (24 + tid));
        assertThat(d[8 + 12]).isEqualTo((byte) 0x02); // port 1: ALL_TG_PT, not holder
        assertThat(Bytes.u16(d, 8 + 18)).isEqualTo(1);
        int second = 8 + 24 + tid;
        assertThat(d[second + 12]).isEqualTo((byte) 0x03); // port 2: ALL_TG_PT and R_HOLDER
        assertThat(d[second + 13]).isEqualTo((byte) 0x03);
        assertThat(Bytes.u16(d, second + 18)).isEqualTo(2);
    }
}
