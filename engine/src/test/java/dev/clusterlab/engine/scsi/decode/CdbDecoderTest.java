package dev.clusterlab.engine.scsi.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.lang.reflect.Field;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CdbDecoderTest {

    private static DecodedField field(DecodedField root, String name) {
        DecodedField f = root.find(name);
        assertThat(f).as("field %s in%n%s", name, ScsiDecoder.render(root)).isNotNull();
        return f;
    }

    private static void assertAt(DecodedField f, int offset, int length, int bitOffset, int bitWidth) {
        assertThat(f.offset()).as("offset of %s", f.name()).isEqualTo(offset);
        assertThat(f.length()).as("length of %s", f.name()).isEqualTo(length);
        assertThat(f.bitOffset()).as("bit offset of %s", f.name()).isEqualTo(bitOffset);
        assertThat(f.bitWidth()).as("bit width of %s", f.name()).isEqualTo(bitWidth);
    }

    @Test
    @DisplayName("SPC-4 §6.16.1: PR OUT CDB fields at bytes 1, 2 and 5-8")
    void persistentReserveOutCdbFields() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.persistentReserveOut(PrOutAction.PREEMPT_AND_ABORT, 0, 5, 24));
        assertThat(root.name()).isEqualTo("PERSISTENT RESERVE OUT CDB");
        assertThat(field(root, "Operation code").value()).isEqualTo("PERSISTENT RESERVE OUT (5Fh)");
        DecodedField sa = field(root, "Service action");
        assertAt(sa, 1, 1, 0, 5);
        assertThat(sa.value()).isEqualTo("PREEMPT AND ABORT (05h)");
        assertThat(sa.numeric()).hasValue(5);
        assertAt(field(root, "Scope"), 2, 1, 4, 4);
        assertThat(field(root, "Scope").value()).isEqualTo("LU_SCOPE (0h)");
        assertAt(field(root, "Type"), 2, 1, 0, 4);
        assertThat(field(root, "Type").value()).isEqualTo("Write Exclusive, registrants only (5h)");
        assertAt(field(root, "Parameter list length"), 5, 4, 0, 0);
        assertThat(field(root, "Parameter list length").numeric()).hasValue(24);
        assertAt(field(root, "Control"), 9, 1, 0, 0);
    }

    @Test
    @DisplayName("SPC-4 §6.15.1: PR IN CDB service action and 16-bit allocation length at 7-8")
    void persistentReserveInCdbFields() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.persistentReserveIn(PrInAction.READ_FULL_STATUS, 8192));
        assertThat(field(root, "Service action").value()).isEqualTo("READ FULL STATUS (03h)");
        assertAt(field(root, "Allocation length"), 7, 2, 0, 0);
        assertThat(field(root, "Allocation length").numeric()).hasValue(8192);
    }

    @Test
    void obsoleteAndReservedPrTypesAreNamedAsSuch() {
        assertThat(field(ScsiDecoder.decodeCdb(Cdbs.persistentReserveOut(1, 0, 2, 24)), "Type").value()).isEqualTo("Obsolete (2h)");
        assertThat(field(ScsiDecoder.decodeCdb(Cdbs.persistentReserveOut(1, 0, 9, 24)), "Type").value()).isEqualTo("Reserved (9h)");
        assertThat(field(ScsiDecoder.decodeCdb(Cdbs.persistentReserveOut(0x0A, 0, 0, 24)), "Service action").value()).isEqualTo("Reserved (0Ah)");
    }

    @Test
    @DisplayName("SBC-3 §5.11: READ(10) LBA at 2-5, transfer length at 7-8")
    void read10Fields() {
        byte[] cdb = Cdbs.read10(2048, 8);
        cdb[1] = 0x08; // FUA
        DecodedField root = ScsiDecoder.decodeCdb(cdb);
        assertAt(field(root, "Logical block address"), 2, 4, 0, 0);
        assertThat(field(root, "Logical block address").numeric()).hasValue(2048);
        assertAt(field(root, "Transfer length"), 7, 2, 0, 0);
        assertThat(field(root, "Transfer length").numeric()).hasValue(8);
        assertAt(field(root, "FUA"), 1, 1, 3, 1);
        assertThat(field(root, "FUA").numeric()).hasValue(1);
        assertAt(field(root, "RDPROTECT"), 1, 1, 5, 3);
    }

    @Test
    @DisplayName("SBC-3 §5.13: READ(16) has a 64-bit LBA")
    void read16Fields() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.read16(0x1_0000_0000L, 16));
        assertAt(field(root, "Logical block address"), 2, 8, 0, 0);
        assertThat(field(root, "Logical block address").numeric()).hasValue(0x1_0000_0000L);
        assertAt(field(root, "Transfer length"), 10, 4, 0, 0);
        assertAt(field(root, "Control"), 15, 1, 0, 0);
    }

    @Test
    @DisplayName("SBC-3 §5.10: READ(6) has a 21-bit LBA across bytes 1-3 and 0 blocks means 256")
    void read6LbaSpansThreeBytes() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.read6(0x12345, 0));
        assertAt(field(root, "Logical block address"), 1, 3, 0, 21);
        assertThat(field(root, "Logical block address").numeric()).hasValue(0x12345);
        assertThat(field(root, "Transfer length").value()).startsWith("0 (means 256 blocks");
    }

    @Test
    @DisplayName("SPC-4 §6.6: INQUIRY EVPD names the VPD page")
    void inquiryVpdPage() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.inquiry(true, 0x83, 255));
        assertThat(field(root, "EVPD").numeric()).hasValue(1);
        assertThat(field(root, "Page code").value()).isEqualTo("Device identification (83h)");
        assertAt(field(root, "Allocation length"), 3, 2, 0, 0);
    }

    @Test
    @DisplayName("SPC-4 §6.12: MODE SENSE(10) page control and page code share byte 2")
    void modeSense10PageFields() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.modeSense10(true, 1, 0x0A, 0, 512));
        assertAt(field(root, "Page control"), 2, 1, 6, 2);
        assertThat(field(root, "Page control").value()).isEqualTo("Changeable values (1h)");
        assertAt(field(root, "Page code"), 2, 1, 0, 6);
        assertThat(field(root, "Page code").value()).isEqualTo("Control (0Ah)");
        assertThat(field(root, "DBD").numeric()).hasValue(1);
        assertAt(field(root, "Allocation length"), 7, 2, 0, 0);
    }

    @Test
    @DisplayName("SPC-4 §6.33: REPORT SUPPORTED OPERATION CODES names the requested opcode")
    void reportSupportedOperationCodes() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.reportSupportedOperationCodes(2, 0x5F, 5, 512));
        assertThat(root.name()).isEqualTo("REPORT SUPPORTED OPERATION CODES CDB");
        assertThat(field(root, "Reporting options").value()).isEqualTo("One command with service action (2h)");
        assertThat(field(root, "Requested operation code").value()).isEqualTo("PERSISTENT RESERVE OUT (5Fh)");
        assertAt(field(root, "Requested service action"), 4, 2, 0, 0);
        assertAt(field(root, "Allocation length"), 6, 4, 0, 0);
    }

    @Test
    @DisplayName("SBC-3 §5.16: READ CAPACITY(16) is SERVICE ACTION IN(16) service action 10h")
    void readCapacity16() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.readCapacity16(32));
        assertThat(root.name()).isEqualTo("READ CAPACITY(16) CDB");
        assertThat(field(root, "Service action").value()).isEqualTo("READ CAPACITY(16) (10h)");
        assertAt(field(root, "Allocation length"), 10, 4, 0, 0);
    }

    @Test
    void reportLunsSelectReport() {
        DecodedField root = ScsiDecoder.decodeCdb(Cdbs.reportLuns(4096));
        assertThat(field(root, "Select report").value()).isEqualTo("Logical units (excluding well-known) (00h)");
        assertAt(field(root, "Allocation length"), 6, 4, 0, 0);
        assertAt(field(root, "Control"), 11, 1, 0, 0);
    }

    @Test
    @DisplayName("SPC-4 §4.3.2: a reserved field that is not zero is flagged")
    void reservedBitsThatAreSetAreFlagged() {
        byte[] cdb = Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, 3, 24);
        cdb[1] |= (byte) 0x80; // reserved bits 7-5 of byte 1
        cdb[3] = 0x01;         // reserved byte 3
        DecodedField root = ScsiDecoder.decodeCdb(cdb);
        var reserved = root.children().stream().filter(f -> f.name().equals("Reserved")).toList();
        assertThat(reserved).hasSize(2);
        assertAt(reserved.get(0), 1, 1, 5, 3);
        assertThat(reserved.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(reserved.get(0).note()).isEqualTo("reserved field is not zero");
        assertAt(reserved.get(1), 3, 1, 0, 0);
    }

    @Test
    void cleanCdbsHaveNoWarnings() {
        for (byte[] cdb : new byte[][] {Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24), Cdbs.read16(1, 1),
                Cdbs.inquiry(96), Cdbs.testUnitReady(), Cdbs.writeSame16(7, 8, true), Cdbs.unmap(24), Cdbs.compareAndWrite(1, 1)})
            assertThat(ScsiDecoder.decodeCdb(cdb).flatten()).allMatch(f -> f.severity() == Severity.OK, Bytes.hex(cdb));
    }

    @Test
    void everyOpcodeConstantHasAFieldLayout() throws IllegalAccessException {
        for (Field f : Opcode.class.getFields()) {
            if (f.getName().startsWith("SAI_") || f.getName().startsWith("MI_")) continue;
            byte[] cdb = new byte[16];
            cdb[0] = (byte) f.getInt(null);
            DecodedField root = ScsiDecoder.decodeCdb(java.util.Arrays.copyOf(cdb, CdbDecoder.expectedLength(cdb)));
            assertThat(root.child("CDB bytes")).as(f.getName()).isNull();
            assertThat(root.child("Control")).as(f.getName()).isNotNull();
        }
    }

    @Test
    void unknownOpcodeDecodesAsOpcodeAndRawBytes() {
        DecodedField root = ScsiDecoder.decodeCdb(Bytes.fromHex("C5 01 02 03 04 05"));
        assertThat(root.name()).isEqualTo("Vendor specific (C5h) CDB");
        assertThat(field(root, "Operation code").value()).isEqualTo("Vendor specific (C5h)");
        assertThat(field(root, "CDB bytes").value()).isEqualTo("0102030405");
        assertAt(field(root, "CDB bytes"), 1, 5, 0, 0);
    }

    @Test
    void shortCdbMarksTheMissingFieldsTruncated() {
        byte[] cdb = java.util.Arrays.copyOf(Cdbs.persistentReserveOut(PrOutAction.CLEAR, 0, 0, 24), 6);
        DecodedField root = ScsiDecoder.decodeCdb(cdb);
        DecodedField length = field(root, "Parameter list length");
        assertThat(length.value()).isEqualTo("(truncated)");
        assertThat(length.severity()).isEqualTo(Severity.NOTE);
        assertAt(length, 5, 1, 0, 0);
        assertThat(field(root, "CDB length").note()).contains("needs 10");
    }

    @Test
    void emptyCdbHasOnlyATruncatedOpcode() {
        DecodedField root = ScsiDecoder.decodeCdb(new byte[0]);
        assertThat(root.children()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("Operation code");
            assertThat(f.length()).isZero();
        });
    }

    @Test
    @DisplayName("SAM-5 §5.2: NACA is bit 2 of CONTROL")
    void controlByteNaca() {
        byte[] cdb = Cdbs.testUnitReady();
        cdb[5] = 0x04;
        assertThat(field(ScsiDecoder.decodeCdb(cdb), "NACA").numeric()).hasValue(1);
    }
}
