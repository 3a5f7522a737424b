package dev.clusterlab.engine.target;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Checks every command gets: reserved bits (SPC-4 §4.4.2), the CONTROL byte (SAM-5 §5.2). */
class CdbChecksTest {
    private final LogicalUnit lu = TestLus.small();

    @Test
    @DisplayName("NACA=1: ACA is not supported -> 24h/00h, field pointer CONTROL bit 2")
    void nacaIsInvalidFieldInCdb() {
        byte[] c = Cdbs.testUnitReady();
        c[5] = 0x04;
        assertInvalidCdbField(noData(lu, c), 5, 2);
    }

    @Test
    @DisplayName("LINK=1: linked commands are not supported -> 24h/00h, field pointer CONTROL bit 0")
    void linkIsInvalidFieldInCdb() {
        byte[] c = Cdbs.read16(0, 1);
        c[15] = 0x01;
        assertInvalidCdbField(dataIn(lu, c, 512), 15, 0);
    }

    @Test
    @DisplayName("Unsupported service action of a supported opcode -> 24h/00h at byte 1, not 20h/00h (SPC-4 §4.3.4.7)")
    void unsupportedServiceActionIsInvalidFieldInCdbByte1() {
        byte[] c = Cdbs.readCapacity16(32);
        c[1] = 0x1F;
        assertInvalidCdbField(dataIn(lu, c, 32), 1, 4);
        byte[] m = Cdbs.reportSupportedOperationCodes(0, 0, 0, 512);
        m[1] = 0x1E;
        assertInvalidCdbField(dataIn(lu, m, 512), 1, 4);
    }

    @Test
    void vendorSpecificControlBitsAreIgnored() {
        byte[] c = Cdbs.testUnitReady();
        c[5] = (byte) 0xC0;
        assertGood(noData(lu, c));
    }

    @Test
    void reservedCdbByteIsInvalidFieldInCdbPointingAtItsHighestSetBit() {
        byte[] c = Cdbs.readCapacity10();
        c[6] = 0x12;
        assertInvalidCdbField(dataIn(lu, c, 8), 6, 4);
    }

    @Test
    void reservedBitsAboveTheServiceActionAreInvalidFieldInCdb() {
        byte[] c = Cdbs.readCapacity16(32);
        c[1] |= (byte) 0x20;
        assertInvalidCdbField(dataIn(lu, c, 32), 1, 5);
    }

    @Test
    void bytesBeyondTheCdbLengthAreIgnored() {
        byte[] c = java.util.Arrays.copyOf(Cdbs.testUnitReady(), 16); // iSCSI pads CDBs to 16 bytes
        c[10] = 0x55;
        assertGood(noData(lu, c));
    }

    @Test
    void unsupportedOpcodeIsInvalidCommandOperationCode_20h_00h() {
        assertCheck(noData(lu, new byte[] {(byte) 0xC5, 0, 0, 0, 0, 0}), SenseKey.ILLEGAL_REQUEST, 0x20, 0x00);
    }

    @Test
    void reservationCommandsAreRegisteredAndDelegated() {
        for (byte[] c : new byte[][] {Cdbs.reserve6(), Cdbs.release6(), Cdbs.reserve10(), Cdbs.release10(),
                Cdbs.persistentReserveIn(0, 8)}) {
            assertThat(lu.commands().lookup(c)).as("entry for %02X", c[0]).isNotNull();
            ScsiResponse r = lu.execute(A1, ScsiRequest.dataIn(c, 8));
            assertThat(r.sense() == null || r.sense().asc() != 0x44).as("no internal target failure").isTrue();
        }
    }
}
