package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.scsi.Cdbs;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Full feature phase data movement: RFC 7143 §11.3-§11.8 and the notes §1.6. */
class DataTransferTest {
    private static final int U = 0x02, O = 0x04;

    private static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    @DisplayName("§11.7: a 256 KiB read arrives in Data-In PDUs of at most our MaxRecvDataSegmentLength, DataSN 0.., offsets ascending, status in the last")
    void largeReadIsSplitIntoDataInPdus() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            byte[] data = pattern(256 * 1024, 1);
            i.noData(0, Cdbs.testUnitReady()); // consume the power-on unit attention
            assertThat(i.write(0, Cdbs.write10(100, 512), data).status()).isZero();
            TestInitiator.Result r = i.read(0, Cdbs.read10(100, 512), data.length);
            assertThat(r.status()).isZero();
            assertThat(r.data()).isEqualTo(data);
            assertThat(r.dataIns()).hasSize(32); // 262144 / 8192
            for (int k = 0; k < r.dataIns().size(); k++) {
                Pdu.DataIn d = r.dataIns().get(k);
                assertThat(d.dataSn()).isEqualTo(k);
                assertThat(d.bufferOffset()).isEqualTo(k * 8192);
                assertThat(d.dataLength()).isLessThanOrEqualTo(8192);
                assertThat(d.flags() & Pdu.DataIn.ACK).isZero();
                assertThat(d.hasStatus()).isEqualTo(k == 31);
            }
            assertThat(r.flags()).isZero();
        }
    }

    @Test
    @DisplayName("§11.7.1: F marks the end of every MaxBurstLength sequence of Data-In")
    void dataInSequencesEndAtMaxBurst() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.maxBurst = 65536;
            i.login(TargetFixture.IQN);
            i.noData(0, Cdbs.testUnitReady());
            TestInitiator.Result r = i.read(0, Cdbs.read10(0, 512), 256 * 1024);
            long finals = r.dataIns().stream().filter(Pdu.DataIn::isFinal).count();
            assertThat(finals).isEqualTo(4);
            assertThat(r.dataIns().get(7).isFinal()).isTrue();
        }
    }

    @Test
    @DisplayName("§11.8: a write beyond FirstBurstLength uses immediate data, then unsolicited Data-Out, then R2Ts")
    void largeWriteUsesImmediateUnsolicitedAndR2t() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.initialR2T = false;
            i.firstBurst = 16384;
            i.maxBurst = 65536;
            i.login(TargetFixture.IQN);
            i.noData(0, Cdbs.testUnitReady());
            byte[] data = pattern(300 * 1024, 2);
            int blocks = data.length / 512;
            TestInitiator.Result w = i.write(0, Cdbs.write16(10, blocks), data);
            assertThat(w.status()).isZero();
            assertThat(w.r2ts()).isEqualTo(5); // (307200 - 16384) / 65536 rounded up
            assertThat(i.read(0, Cdbs.read16(10, blocks), data.length).data()).isEqualTo(data);
        }
    }

    @Test
    @DisplayName("§11.8: with InitialR2T=Yes and no immediate data every byte is solicited")
    void writeWithInitialR2t() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.immediateData = false;
            i.login(TargetFixture.IQN);
            i.noData(0, Cdbs.testUnitReady());
            byte[] data = pattern(4096, 3);
            TestInitiator.Result w = i.write(0, Cdbs.write10(0, 8), data);
            assertThat(w.status()).isZero();
            assertThat(w.r2ts()).isEqualTo(1);
            assertThat(i.read(0, Cdbs.read10(0, 8), 4096).data()).isEqualTo(data);
        }
    }

    @Test
    @DisplayName("§11.4.5: INQUIRY returning less than EDTL reports underflow (U, 02h) with the shortfall as residual")
    void underflowResidual() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            TestInitiator.Result r = i.read(0, Cdbs.inquiry(255), 255);
            assertThat(r.status()).isZero();
            assertThat(r.flags()).isEqualTo(U);
            assertThat(r.residual()).isEqualTo(255 - r.data().length);
        }
    }

    @Test
    @DisplayName("§11.4.5: a READ wanting more than EDTL sends EDTL bytes and reports overflow (O, 04h); never the bidi bits")
    void overflowResidual() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            i.noData(0, Cdbs.testUnitReady());
            TestInitiator.Result r = i.read(0, Cdbs.read10(0, 2), 512);
            assertThat(r.status()).isZero();
            assertThat(r.data()).hasSize(512);
            assertThat(r.flags()).isEqualTo(O);
            assertThat(r.residual()).isEqualTo(512);
            assertThat(r.dataIns().getLast().flags() & 0x18).isZero();
        }
    }

    @Test
    @DisplayName("§11.4.5 with FCP-4 §9.4.2: a WRITE with EDTL below its transfer length writes only EDTL and reports overflow")
    void writeOverflowWritesOnlyEdtl() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            i.noData(0, Cdbs.testUnitReady());
            byte[] a = new byte[1024];
            Arrays.fill(a, (byte) 'a');
            i.write(0, Cdbs.write10(0, 2), a);
            byte[] b = new byte[512];
            Arrays.fill(b, (byte) 'b');
            TestInitiator.Result w = i.command(0, Cdbs.write10(0, 2), b, 512, false);
            assertThat(w.status()).isZero();
            assertThat(w.flags()).isEqualTo(O);
            assertThat(w.residual()).isEqualTo(512);
            byte[] back = i.read(0, Cdbs.read10(0, 2), 1024).data();
            assertThat(Arrays.copyOfRange(back, 0, 512)).isEqualTo(b);
            assertThat(Arrays.copyOfRange(back, 512, 1024)).isEqualTo(Arrays.copyOf(a, 512));
        }
    }

    @Test
    @DisplayName("§11.4.7: CHECK CONDITION goes in a separate SCSI Response with autosense (SenseLength + fixed sense)")
    void checkConditionCarriesSense() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            i.noData(0, Cdbs.testUnitReady());
            TestInitiator.Result r = i.read(0, Cdbs.read10(TargetFixture.BLOCKS, 1), 512);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.dataIns()).isEmpty();
            assertThat(r.senseKey()).isEqualTo(5);
            assertThat(r.asc()).isEqualTo(0x21); // LBA OUT OF RANGE
        }
    }

    @Test
    @DisplayName("SAM-5 §4.6: a command to a LUN that does not exist gets ILLEGAL REQUEST 25h/00h")
    void unknownLun() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            TestInitiator.Result r = i.noData(7, Cdbs.testUnitReady());
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.senseKey()).isEqualTo(5);
            assertThat(r.asc()).isEqualTo(0x25);
            assertThat(r.ascq()).isZero();
        }
    }

    @Test
    @DisplayName("SPC-4 §6.6.2: INQUIRY on a missing LUN returns peripheral qualifier 011b, type 1Fh")
    void inquiryOnMissingLun() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            TestInitiator.Result r = i.read(9, Cdbs.inquiry(96), 96);
            assertThat(r.status()).isZero();
            assertThat(r.data()[0] & 0xFF).isEqualTo(0x7F);
        }
    }

    @Test
    @DisplayName("SPC-4 §6.33: REPORT LUNS on a missing LUN is answered with the target's LUNs")
    void reportLunsOnMissingLun() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            TestInitiator.Result r = i.read(5, Cdbs.reportLuns(64), 64);
            assertThat(r.status()).isZero();
            assertThat(((r.data()[2] & 0xFF) << 8 | (r.data()[3] & 0xFF))).isEqualTo(16); // two 8-byte LUN entries
        }
    }

    @Test
    @DisplayName("§11.19: NOP-Out with a tag gets a NOP-In echoing tag and data, TTT reserved")
    void nopOutIsEchoed() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            Pdu.NopIn n = i.ping(new byte[] {9, 8, 7, 6, 5});
            assertThat(n.data()).containsExactly(9, 8, 7, 6, 5);
            assertThat(n.ttt()).isEqualTo(Pdu.RESERVED_TAG);
        }
    }

    @Test
    @DisplayName("§11.14/§11.15: Logout gets a response, then the target closes the connection")
    void logout() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            Pdu.LogoutResponse r = i.logout();
            assertThat(r.response()).isZero();
            assertThat(i.closedByTarget()).isTrue();
            Thread.sleep(100);
            assertThat(f.events).anyMatch(e -> e instanceof TargetEvent.LoggedOut);
        }
    }

    @Test
    @DisplayName("§4.3: a SCSI command on a discovery session is rejected")
    void scsiOnDiscoveryIsRejected() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.initiator("iqn.2026-01.test:a", 1)) {
            i.discoveryLogin();
            i.startCommand(0, Cdbs.testUnitReady(), new byte[0], 0, false);
            assertThat(i.receive()).isInstanceOf(Pdu.Reject.class);
        }
    }

    @Test
    @DisplayName("StatSN advances by one per status-bearing PDU (§4.2.2.2)")
    void statSnAdvances() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            int before = i.expStatSn;
            i.ping(new byte[0]);
            i.noData(0, Cdbs.testUnitReady());
            assertThat(i.expStatSn).isEqualTo(before + 2);
        }
    }

    @Test
    @DisplayName("LunDefinition options reach the LU: a write-protected LUN refuses WRITE with DATA PROTECT 27h/00h")
    void lunOptionsReachTheLogicalUnit() throws Exception {
        var luns = java.util.List.of(new LunDefinition("ro", new dev.clusterlab.engine.target.store.MemoryBlockStore(512, 64),
                dev.clusterlab.engine.target.pr.AptplStore.NONE, new dev.clusterlab.engine.target.LuOptions(false, true)));
        var def = new TargetDefinition(TargetFixture.IQN, java.util.List.of(new PortalGroup(1,
                java.util.List.of(new java.net.InetSocketAddress("127.0.0.1", 0)))), luns, null, null, java.util.Set.of());
        try (TargetFixture f = TargetFixture.start(java.util.List.of(def), TargetLimits.DEFAULT);
             TestInitiator i = f.session("iqn.2026-01.test:a", 1)) {
            i.noData(0, Cdbs.testUnitReady());
            TestInitiator.Result r = i.write(0, Cdbs.write10(0, 1), new byte[512]);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.senseKey()).isEqualTo(7);
            assertThat(r.asc()).isEqualTo(0x27);
        }
    }
}
