package dev.clusterlab.engine.device.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import org.junit.jupiter.api.Test;

class CommandRiskTest {

    @Test
    void theIssuesReadOnlyListIsReadOnly() {
        assertThat(CommandRisk.classify(Cdbs.inquiry(255))).isEqualTo(CommandRisk.READ_ONLY);
        assertThat(CommandRisk.classify(Cdbs.testUnitReady())).isEqualTo(CommandRisk.READ_ONLY);
        assertThat(CommandRisk.classify(Cdbs.readCapacity10())).isEqualTo(CommandRisk.READ_ONLY);
        assertThat(CommandRisk.classify(Cdbs.readCapacity16(32))).isEqualTo(CommandRisk.READ_ONLY);
        assertThat(CommandRisk.classify(Cdbs.reportLuns(64))).isEqualTo(CommandRisk.READ_ONLY);
        assertThat(CommandRisk.classify(Cdbs.modeSense6(false, 0, 0x3F, 0, 255))).isEqualTo(CommandRisk.READ_ONLY);
        assertThat(CommandRisk.classify(Cdbs.modeSense10(false, 0, 0x3F, 0, 255))).isEqualTo(CommandRisk.READ_ONLY);
        for (PrInAction a : PrInAction.values())
            assertThat(CommandRisk.classify(Cdbs.persistentReserveIn(a, 256))).as(a.name()).isEqualTo(CommandRisk.READ_ONLY);
    }

    @Test
    void everyPersistentReserveOutActionChangesState() {
        for (PrOutAction a : PrOutAction.values())
            assertThat(CommandRisk.classify(Cdbs.persistentReserveOut(a, 0, 5, 24))).as(a.name()).isEqualTo(CommandRisk.STATE_CHANGING);
    }

    @Test
    void scsi2ReservationsModeSelectAndPowerChangeState() {
        assertThat(CommandRisk.classify(new byte[] {0x16, 0, 0, 0, 0, 0})).isEqualTo(CommandRisk.STATE_CHANGING); // RESERVE(6)
        assertThat(CommandRisk.classify(new byte[] {0x17, 0, 0, 0, 0, 0})).isEqualTo(CommandRisk.STATE_CHANGING); // RELEASE(6)
        assertThat(CommandRisk.classify(Cdbs.modeSelect10(true, false, 24))).isEqualTo(CommandRisk.STATE_CHANGING);
        assertThat(CommandRisk.classify(Cdbs.startStopUnit(false, true, 0))).isEqualTo(CommandRisk.STATE_CHANGING);
    }

    @Test
    void blockWritesAndDestructiveCommandsAreDataWrites() {
        assertThat(CommandRisk.classify(Cdbs.write10(0, 1))).isEqualTo(CommandRisk.DATA_WRITE);
        assertThat(CommandRisk.classify(Cdbs.write16(0, 1))).isEqualTo(CommandRisk.DATA_WRITE);
        assertThat(CommandRisk.classify(Cdbs.writeSame16(0, 8, true))).isEqualTo(CommandRisk.DATA_WRITE);
        assertThat(CommandRisk.classify(Cdbs.unmap(24))).isEqualTo(CommandRisk.DATA_WRITE);
        assertThat(CommandRisk.classify(Cdbs.compareAndWrite(0, 1))).isEqualTo(CommandRisk.DATA_WRITE);
        assertThat(CommandRisk.classify(new byte[] {0x04, 0, 0, 0, 0, 0})).as("FORMAT UNIT").isEqualTo(CommandRisk.DATA_WRITE);
        assertThat(CommandRisk.classify(new byte[] {0x3B, 0, 0, 0, 0, 0, 0, 0, 0, 0})).as("WRITE BUFFER").isEqualTo(CommandRisk.DATA_WRITE);
    }

    @Test
    void unknownAndVendorOpcodesAreNeverReadOnly() {
        assertThat(CommandRisk.classify(new byte[] {(byte) 0xC0, 0, 0, 0, 0, 0})).isEqualTo(CommandRisk.STATE_CHANGING);
        assertThat(CommandRisk.classify(new byte[0])).isEqualTo(CommandRisk.STATE_CHANGING);
    }

    @Test
    void variableLengthReadsAreReadOnlyAndWritesAreDataWrites() {
        byte[] read32 = new byte[32];
        read32[0] = 0x7F; read32[9] = 0x09;
        byte[] write32 = new byte[32];
        write32[0] = 0x7F; write32[9] = 0x0B;
        assertThat(CommandRisk.classify(read32)).isEqualTo(CommandRisk.READ_ONLY);
        assertThat(CommandRisk.classify(write32)).isEqualTo(CommandRisk.DATA_WRITE);
    }
}
