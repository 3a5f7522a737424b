package dev.clusterlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.TransportId;
import org.junit.jupiter.api.Test;

class SgPersistFormatTest {

    @Test
    void readKeysWithNoKeysPrintsSgPersistsSentence() {
        byte[] d = new byte[8];
        Bytes.put32(d, 0, 3);
        assertThat(SgPersistFormat.formatPrIn(PrInAction.READ_KEYS, d))
                .isEqualTo("  PR generation=0x3, there are NO registered reservation keys\n");
    }

    @Test
    void readKeysListsEachKeyInLowerCaseHex() {
        byte[] d = new byte[24];
        Bytes.put32(d, 4, 16);
        Bytes.put64(d, 8, 0x12345678L);
        Bytes.put64(d, 16, 0xABL);
        assertThat(SgPersistFormat.formatPrIn(PrInAction.READ_KEYS, d))
                .isEqualTo("  PR generation=0x0, 2 registered reservation keys follow:\n    0x12345678\n    0xab\n");
    }

    @Test
    void truncatedReadKeysSaysHowMuchIsMissing() {
        byte[] d = new byte[8];
        Bytes.put32(d, 4, 16);
        assertThat(SgPersistFormat.formatPrIn(PrInAction.READ_KEYS, d)).contains("2 registered reservation keys follow").contains("16 more bytes");
    }

    @Test
    void readReservationPrintsKeyScopeAndType() {
        byte[] d = new byte[24];
        Bytes.put32(d, 0, 7);
        Bytes.put32(d, 4, 16);
        Bytes.put64(d, 8, 0xB1);
        d[21] = 0x05;
        assertThat(SgPersistFormat.formatPrIn(PrInAction.READ_RESERVATION, d)).isEqualTo(
                "  PR generation=0x7, Reservation follows:\n    Key=0xb1\n    scope: LU_SCOPE,  type: Write Exclusive, registrants only\n");
    }

    @Test
    void readFullStatusPrintsHolderPortAndTransportId() {
        byte[] tid = TransportId.Iscsi.port("iqn.2026-11.x:node-a", 1).encode();
        byte[] d = new byte[8 + 24 + tid.length];
        Bytes.put32(d, 4, 24 + tid.length);
        Bytes.put64(d, 8, 0xA1);
        d[8 + 12] = 0x01;
        d[8 + 13] = 0x05;
        Bytes.put16(d, 8 + 18, 2);
        Bytes.put32(d, 8 + 20, tid.length);
        System.arraycopy(tid, 0, d, 32, tid.length);
        assertThat(SgPersistFormat.formatPrIn(PrInAction.READ_FULL_STATUS, d)).isEqualTo("""
                  PR generation=0x0
                    Key=0xa1
                      All target ports bit clear
                      Relative port address: 0x2
                      << Reservation holder >>
                      scope: LU_SCOPE,  type: Write Exclusive, registrants only
                      Transport Id of initiator:
                        iSCSI world wide unique port id: iqn.2026-11.x:node-a,i,0x000000000001
                """);
    }

    @Test
    void reportCapabilitiesListsEveryBit() {
        byte[] d = {0, 8, (byte) 0x9D, (byte) 0x91, (byte) 0xEA, 0x01, 0, 0};
        String s = SgPersistFormat.formatPrIn(PrInAction.REPORT_CAPABILITIES, d);
        assertThat(s).contains("Compatible Reservation Handling(CRH): 1", "Allow Commands: 1",
                "Persist Through Power Loss Active(PTPL_A): 1", "Exclusive Access, all registrants: 1");
    }

    @Test
    void garbageNeverThrows() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20000; i++) {
            byte[] d = new byte[r.nextInt(80)];
            r.nextBytes(d);
            for (PrInAction a : PrInAction.values()) assertThat(SgPersistFormat.formatPrIn(a, d)).isNotNull();
        }
    }
}
