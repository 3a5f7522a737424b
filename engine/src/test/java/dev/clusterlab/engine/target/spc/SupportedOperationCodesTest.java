package dev.clusterlab.engine.target.spc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CommandTable;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** REPORT SUPPORTED OPERATION CODES, SPC-4 §6.35. */
class SupportedOperationCodesTest {
    private final LogicalUnit lu = TestLus.small();

    private byte[] report(int options, int opcode, int sa) {
        ScsiResponse r = dataIn(lu, Cdbs.reportSupportedOperationCodes(options, opcode, sa, 65535), 65535);
        assertGood(r);
        return r.dataIn();
    }

    @Test
    @DisplayName("Reporting options 000b list every command of the table, 8 bytes each")
    void allCommandsListsEveryEntry() {
        byte[] d = report(0, 0, 0);
        int n = lu.commands().entries().size();
        assertThat(Bytes.u32(d, 0)).isEqualTo(8L * n);
        assertThat(d).hasSize(4 + 8 * n);
        int i = 0;
        for (CommandTable.Entry e : lu.commands().entries()) {
            int off = 4 + 8 * i++;
            assertThat(d[off] & 0xFF).isEqualTo(e.opcode());
            assertThat(d[off + 5] & 1).as("SERVACTV of %s", e.name()).isEqualTo(e.serviceAction() >= 0 ? 1 : 0);
            if (e.serviceAction() >= 0) assertThat(Bytes.u16(d, off + 2)).isEqualTo(e.serviceAction());
            assertThat(Bytes.u16(d, off + 6)).isEqualTo(e.cdbLength());
        }
    }

    @Test
    void allCommandsWithRctdAddsATimeoutsDescriptorToEach() {
        byte[] c = Cdbs.reportSupportedOperationCodes(0, 0, 0, 65535);
        c[2] |= (byte) 0x80;
        byte[] d = dataIn(lu, c, 65535).dataIn();
        int n = lu.commands().entries().size();
        assertThat(Bytes.u32(d, 0)).isEqualTo(20L * n);
        assertThat(d[4 + 5] & 0x02).as("CTDP").isEqualTo(0x02);
        assertThat(Bytes.u16(d, 4 + 8)).as("timeouts descriptor length").isEqualTo(0x0A);
    }

    @Test
    void oneCommandReturnsTheCdbUsageData() {
        byte[] d = report(1, Opcode.READ_10, 0);
        assertThat(d[1] & 0x07).as("SUPPORT: supported per standard").isEqualTo(3);
        assertThat(Bytes.u16(d, 2)).isEqualTo(10);
        assertThat(Arrays.copyOfRange(d, 4, 14)).isEqualTo(Bytes.fromHex("28 FE FF FF FF FF 1F FF FF 00"));
    }

    @Test
    void unsupportedOpcodeIsReportedAsNotSupported() {
        byte[] d = report(1, 0xC0, 0);
        assertThat(d).hasSize(4);
        assertThat(d[1] & 0x07).isEqualTo(1);
    }

    @Test
    @DisplayName("Reporting options 001b for an opcode with service actions -> 24h/00h")
    void option1ForAServiceActionOpcodeIsInvalidFieldInCdb() {
        assertInvalidCdbField(dataIn(lu, Cdbs.reportSupportedOperationCodes(1, Opcode.SERVICE_ACTION_IN_16, 0, 512), 512), 2, 2);
    }

    @Test
    void option2ReportsAServiceActionWithItsCodeInTheUsageData() {
        byte[] d = report(2, Opcode.SERVICE_ACTION_IN_16, Opcode.SAI_READ_CAPACITY_16);
        assertThat(d[1] & 0x07).isEqualTo(3);
        assertThat(Bytes.u16(d, 2)).isEqualTo(16);
        assertThat(d[4] & 0xFF).isEqualTo(0x9E);
        assertThat(d[5] & 0x1F).isEqualTo(0x10);
    }

    @Test
    void option2ForAnUnsupportedServiceActionIsNotSupported() {
        assertThat(report(2, Opcode.SERVICE_ACTION_IN_16, 0x1F)[1] & 0x07).isEqualTo(1);
    }

    @Test
    void option2ForAnOpcodeWithoutServiceActionsIsInvalidFieldInCdb() {
        assertInvalidCdbField(dataIn(lu, Cdbs.reportSupportedOperationCodes(2, Opcode.INQUIRY, 0, 512), 512), 2, 2);
    }

    @Test
    void option3IgnoresTheServiceActionOfAnOpcodeWithoutThem() {
        assertThat(report(3, Opcode.INQUIRY, 7)[1] & 0x07).isEqualTo(3);
        assertThat(report(3, Opcode.MAINTENANCE_IN, Opcode.MI_REPORT_SUPPORTED_OPERATION_CODES)[1] & 0x07).isEqualTo(3);
    }

    @Test
    void oneCommandWithRctdAppendsTheTimeoutsDescriptor() {
        byte[] c = Cdbs.reportSupportedOperationCodes(1, Opcode.INQUIRY, 0, 512);
        c[2] |= (byte) 0x80;
        byte[] d = dataIn(lu, c, 512).dataIn();
        assertThat(d[1] & 0x80).as("CTDP").isEqualTo(0x80);
        assertThat(d).hasSize(4 + 6 + 12);
    }

    @Test
    void reservedReportingOptionsAreInvalidFieldInCdb() {
        assertInvalidCdbField(dataIn(lu, Cdbs.reportSupportedOperationCodes(4, 0, 0, 512), 512), 2, 2);
    }

    @Test
    void allocationLengthTruncates() {
        ScsiResponse r = dataIn(lu, Cdbs.reportSupportedOperationCodes(0, 0, 0, 12), 65535);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(12);
    }

    /** libiscsi's *.DpoFua tests: with DPOFUA=1, the usage data of these commands has DPO and FUA (byte 1, 18h). */
    @Test
    void usageDataOfTheNewWritesShowsDpoAndFua() {
        for (int op : new int[] {Opcode.ORWRITE_16, Opcode.WRITE_ATOMIC_16, Opcode.COMPARE_AND_WRITE}) {
            byte[] d = report(1, op, 0);
            assertThat(d[1] & 7).as("SUPPORT of %02X", op).isEqualTo(3);
            assertThat(d[4 + 1] & 0x18).as("DPO/FUA of %02X", op).isEqualTo(0x18);
        }
        for (int op : new int[] {Opcode.WRITE_AND_VERIFY_10, Opcode.WRITE_AND_VERIFY_12, Opcode.WRITE_AND_VERIFY_16})
            assertThat(report(1, op, 0)[4 + 1] & 0x10).as("DPO of %02X", op).isEqualTo(0x10);
    }

    @Test
    @DisplayName("SANITIZE has service actions: reporting options 010b describe each, 001b is an invalid field")
    void sanitizeIsReportedByServiceAction() {
        for (int sa : new int[] {1, 2, 3, 0x1F}) {
            byte[] d = report(2, Opcode.SANITIZE, sa);
            assertThat(d[1] & 7).isEqualTo(3);
            assertThat(Bytes.u16(d, 2)).isEqualTo(10);
            assertThat(d[4] & 0xFF).isEqualTo(Opcode.SANITIZE);
            assertThat(d[5] & 0x1F).isEqualTo(sa);
        }
        assertInvalidCdbField(dataIn(lu, Cdbs.reportSupportedOperationCodes(1, Opcode.SANITIZE, 0, 65535), 65535), 2, 2);
        assertThat(report(2, Opcode.SANITIZE, 4)[1] & 7).as("unsupported service action").isEqualTo(1);
    }

    @Test
    void getLbaStatusIsReportedUnderServiceActionIn16() {
        byte[] d = report(2, Opcode.SERVICE_ACTION_IN_16, Opcode.SAI_GET_LBA_STATUS);
        assertThat(d[1] & 7).isEqualTo(3);
        assertThat(d[5] & 0x1F).isEqualTo(Opcode.SAI_GET_LBA_STATUS);
    }
}
