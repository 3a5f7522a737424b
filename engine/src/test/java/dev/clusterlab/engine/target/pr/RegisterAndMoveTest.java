package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.TransportId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** REGISTER AND MOVE: SPC-4 §5.13.8, Table 70; corner case 17. */
class RegisterAndMoveTest {
    final PrFixture f = PrFixture.create();

    @BeforeEach
    void holderA1() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY, 0xA1);
    }

    @Test
    @DisplayName("Moves the reservation to an unregistered destination, which inherits type and scope and is registered with SARK")
    void moveToUnregisteredDestination() {
        long g = f.generation(A1);
        Expect.good(f.registerAndMove(A1, 0xA1, 0xB1, false, 2, B.transportId()));
        assertThat(f.reservation(B2)).containsExactly(0xB1, 5);
        assertThat(f.keys(A1)).containsExactly(0xA1L, 0xB1L);
        assertThat(f.generation(A1)).isEqualTo(g + 1);
        assertThat(f.pending(B2)).as("no UA is defined for REGISTER AND MOVE").isEmpty();
        Expect.good(f.write(B2));
    }

    @Test
    @DisplayName("An already registered destination gets its key updated, which is not an error")
    void moveToRegisteredDestinationUpdatesKey() {
        f.registerIgnore(B1, 0xB0);
        Expect.good(f.registerAndMove(A1, 0xA1, 0xB1, false, 1, B.transportId()));
        assertThat(f.keys(A1)).containsExactly(0xA1L, 0xB1L);
        assertThat(f.reservation(B1)).containsExactly(0xB1, 5);
    }

    @Test
    @DisplayName("UNREG=1 unregisters the requester after the move")
    void unregRemovesRequester() {
        Expect.good(f.registerAndMove(A1, 0xA1, 0xB1, true, 1, B.transportId()));
        assertThat(f.keys(B1)).containsExactly(0xB1L);
        assertThat(f.reservation(B1)).containsExactly(0xB1, 5);
    }

    @Test
    @DisplayName("SARK=0 gets 26h/00h pointing at SARK")
    void zeroSarkIsInvalidField() {
        Expect.illegalAt(f.registerAndMove(A1, 0xA1, 0, false, 1, B.transportId()), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 8, -1);
    }

    @Test
    @DisplayName("No reservation gets 24h/00h")
    void noReservationIsInvalidFieldInCdb() {
        f.release(A1, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY, 0xA1);
        Expect.illegal(f.registerAndMove(A1, 0xA1, 0xB1, false, 1, B.transportId()), AdditionalSense.INVALID_FIELD_IN_CDB);
    }

    @Test
    @DisplayName("An all-registrants reservation cannot be moved: RESERVATION CONFLICT")
    void allRegistrantsConflicts() {
        f.release(A1, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY, 0xA1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS_ALL_REGISTRANTS, 0xA1);
        Expect.conflict(f.registerAndMove(A1, 0xA1, 0xB1, false, 1, B.transportId()));
    }

    @Test
    @DisplayName("A registered non-holder or a wrong RK gets RESERVATION CONFLICT")
    void nonHolderOrWrongKeyConflicts() {
        f.registerIgnore(C1, 0xC1);
        Expect.conflict(f.registerAndMove(C1, 0xC1, 0xB1, false, 1, B.transportId()));
        Expect.conflict(f.registerAndMove(A1, 0xBAD, 0xB1, false, 1, B.transportId()));
        assertThat(f.reservation(A1)).containsExactly(0xA1, 5);
    }

    @Test
    @DisplayName("The destination being the requester's own I_T nexus gets 26h/00h")
    void moveToSelfIsInvalidField() {
        Expect.illegal(f.registerAndMove(A1, 0xA1, 0xB1, false, 1, A.transportId()), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST);
    }

    @Test
    @DisplayName("An unknown relative target port gets 26h/00h pointing at bytes 18-19")
    void unknownTargetPortIsInvalidField() {
        Expect.illegalAt(f.registerAndMove(A1, 0xA1, 0xB1, false, 9, B.transportId()), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 18, -1);
    }

    @Test
    @DisplayName("TRANSPORTID LENGTH that does not fill the list exactly gets 26h/00h pointing at byte 20")
    void transportIdLengthMismatchIsInvalidField() {
        byte[] p = Cdbs.registerAndMoveParameters(0xA1, 0xB1, false, false, 1, B.transportId());
        Bytes.put32(p, 20, 20);
        Expect.illegalAt(f.prOut(A1, PrOutAction.REGISTER_AND_MOVE, 0, p), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, -1);
    }

    @Test
    @DisplayName("An iSCSI destination without an ISID (format 00b) does not name a port: 26h/00h")
    void iscsiDeviceNameDestinationIsInvalidField() {
        Expect.illegalAt(f.registerAndMove(A1, 0xA1, 0xB1, false, 1, TransportId.Iscsi.device("iqn.2026-11.lab:node-b")),
                AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 24, -1);
    }

    @Test
    @DisplayName("The CDB's SCOPE and TYPE are ignored by REGISTER AND MOVE")
    void scopeAndTypeIgnored() {
        byte[] p = Cdbs.registerAndMoveParameters(0xA1, 0xB1, false, false, 1, B.transportId());
        Expect.good(f.run(A1, Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_MOVE, 3, 0xF, p.length), p));
        assertThat(f.reservation(B1)).containsExactly(0xB1, 5);
    }

    @Test
    @DisplayName("APTPL=1 in the move list without persistence support gets 26h/00h at byte 17 bit 0")
    void aptplWithoutStoreIsInvalidField() {
        byte[] p = Cdbs.registerAndMoveParameters(0xA1, 0xB1, false, true, 1, B.transportId());
        Expect.illegalAt(f.prOut(A1, PrOutAction.REGISTER_AND_MOVE, 0, p), AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 17, 0);
    }
}
