package dev.clusterlab.engine.scsi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPC-4 Annex E (operation codes and service actions). */
class OpcodeNamesTest {

    @Test
    void everyOpcodeTheEngineKnowsHasAListedName() throws IllegalAccessException {
        for (Field f : Opcode.class.getFields()) {
            if (f.getName().startsWith("SAI_") || f.getName().startsWith("MI_")) continue;
            assertThat(OpcodeNames.lookup(f.getInt(null))).as(f.getName()).isNotNull();
        }
    }

    @Test
    void namesFollowTheStandardSpelling() {
        assertThat(OpcodeNames.name(0x5F)).isEqualTo("PERSISTENT RESERVE OUT");
        assertThat(OpcodeNames.name(0x5E)).isEqualTo("PERSISTENT RESERVE IN");
        assertThat(OpcodeNames.name(0x28)).isEqualTo("READ(10)");
        assertThat(OpcodeNames.name(0x12)).isEqualTo("INQUIRY");
    }

    @Test
    void serviceActionOpcodesAreNamedByTheirServiceAction() {
        assertThat(OpcodeNames.name(0x9E, 0x10)).isEqualTo("READ CAPACITY(16)");
        assertThat(OpcodeNames.name(0xA3, 0x0C)).isEqualTo("REPORT SUPPORTED OPERATION CODES");
        assertThat(OpcodeNames.name(0xA3, 0x0A)).isEqualTo("REPORT TARGET PORT GROUPS");
        assertThat(OpcodeNames.name(0xA4, 0x0F)).isEqualTo("SET TIMESTAMP");
        assertThat(OpcodeNames.name(Cdbs.readCapacity16(32))).isEqualTo("READ CAPACITY(16)");
    }

    @Test
    void persistentReserveKeepsItsCommandNameAndNamesTheServiceActionApart() {
        assertThat(OpcodeNames.name(0x5F, 0x05)).isEqualTo("PERSISTENT RESERVE OUT");
        assertThat(OpcodeNames.serviceActionName(0x5F, 0x05)).isEqualTo("PREEMPT AND ABORT");
        assertThat(OpcodeNames.serviceActionName(0x5E, 0x03)).isEqualTo("READ FULL STATUS");
        assertThat(OpcodeNames.serviceActionName(0x5F, 0x1F)).isNull();
    }

    @Test
    @DisplayName("SAM-5 §5.2: opcodes C0h-FFh are vendor specific")
    void vendorSpecificAndUnknownOpcodesAreNamedByValue() {
        assertThat(OpcodeNames.name(0xC5)).isEqualTo("Vendor specific (C5h)");
        assertThat(OpcodeNames.name(0x02)).isEqualTo("Unknown opcode (02h)");
        assertThat(OpcodeNames.name(0xA3, 0x1F)).isEqualTo("MAINTENANCE IN service action 1Fh");
    }

    @Test
    void serviceActionIsReadFromByteOneOnlyForServiceActionOpcodes() {
        assertThat(OpcodeNames.serviceAction(Cdbs.persistentReserveOut(PrOutAction.CLEAR, 0, 0, 24))).isEqualTo(3);
        assertThat(OpcodeNames.serviceAction(Cdbs.read10(1, 1))).isEqualTo(-1);
        assertThat(OpcodeNames.serviceAction(new byte[] {0x5F})).isEqualTo(-1);
        assertThat(OpcodeNames.name(new byte[0])).isEqualTo("(empty CDB)");
    }
}
