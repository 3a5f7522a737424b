package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sessions as I_T nexuses (notes §3.1): reservations from two sessions, registrations across
 * logout and relogin, nexus loss on a dropped connection, and task management (RFC 7143 §11.5).
 */
class NexusSemanticsTest {
    private static final String A = "iqn.2026-01.test:node-a", B = "iqn.2026-01.test:node-b";

    /** Commands until the unit attentions a new nexus may have are consumed (as libiscsi's TUR loop does). */
    private static void clearUnitAttentions(TestInitiator i) throws Exception {
        for (int k = 0; k < 10 && i.noData(0, Cdbs.testUnitReady()).status() != 0; k++) { /* next */ }
    }

    private static TestInitiator.Result register(TestInitiator i, long key) throws Exception {
        return i.write(0, Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24), Cdbs.prOutParameters(0, key, false, false));
    }

    private static int keyCount(TestInitiator i) throws Exception {
        TestInitiator.Result r = i.read(0, Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 1024), 1024);
        assertThat(r.status()).isZero();
        return (int) Bytes.u32(r.data(), 4) / 8;
    }

    @Test
    @DisplayName("SPC-4 §5.13: two sessions are two I_T nexuses; a PR holder excludes the other from writes")
    void twoSessionsAreTwoNexuses() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1); TestInitiator b = f.session(B, 2)) {
            clearUnitAttentions(a);
            clearUnitAttentions(b);
            assertThat(register(a, 0xAAAA).status()).isZero();
            assertThat(register(b, 0xBBBB).status()).isZero();
            assertThat(keyCount(a)).isEqualTo(2);
            assertThat(a.write(0, Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.WRITE_EXCLUSIVE.code(), 24),
                    Cdbs.prOutParameters(0xAAAA, 0, false, false)).status()).isZero();
            assertThat(b.write(0, Cdbs.write10(0, 1), new byte[512]).status()).isEqualTo(0x18);
            assertThat(a.write(0, Cdbs.write10(0, 1), new byte[512]).status()).isZero();
        }
    }

    @Test
    @DisplayName("notes §3.1: a registration survives logout and relogin of the same initiator port (same ISID)")
    void registrationSurvivesRelogin() throws Exception {
        try (TargetFixture f = TargetFixture.start()) {
            try (TestInitiator a = f.session(A, 0x80_1234_5678L)) {
                clearUnitAttentions(a);
                assertThat(register(a, 0xAAAA).status()).isZero();
                a.logout();
            }
            try (TestInitiator again = f.session(A, 0x80_1234_5678L)) {
                clearUnitAttentions(again);
                assertThat(keyCount(again)).isEqualTo(1);
                // Still registered: RESERVE with the key works (SPC-4 §5.13.5 needs a registered nexus).
                assertThat(again.write(0, Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.WRITE_EXCLUSIVE.code(), 24),
                        Cdbs.prOutParameters(0xAAAA, 0, false, false)).status()).isZero();
            }
            try (TestInitiator otherIsid = f.session(A, 0x80_0000_0009L)) {
                clearUnitAttentions(otherIsid);
                // Another ISID is another initiator port: not registered, so RESERVE conflicts.
                assertThat(otherIsid.write(0, Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.WRITE_EXCLUSIVE.code(), 24),
                        Cdbs.prOutParameters(0xAAAA, 0, false, false)).status()).isEqualTo(0x18);
            }
        }
    }

    @Test
    @DisplayName("SAM-5 §6.3.4: a dropped connection is I_T nexus loss — its SPC-2 reservation is released")
    void droppedConnectionReleasesSpc2Reservation() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator b = f.session(B, 2)) {
            clearUnitAttentions(b);
            TestInitiator a = f.session(A, 1);
            clearUnitAttentions(a);
            assertThat(a.noData(0, Cdbs.reserve6()).status()).isZero();
            assertThat(b.noData(0, Cdbs.reserve6()).status()).isEqualTo(0x18);
            a.close(); // no logout
            for (int k = 0; k < 50 && f.events.stream().noneMatch(e -> e instanceof TargetEvent.ConnectionLost); k++) Thread.sleep(20);
            assertThat(f.events).anyMatch(e -> e instanceof TargetEvent.ConnectionLost c && c.initiatorPort().startsWith(A));
            assertThat(b.noData(0, Cdbs.reserve6()).status()).isZero();
        }
    }

    @Test
    @DisplayName("RFC 7143 §6.3.5: a new login with the same ISID reinstates the session; the old connection is closed")
    void sameIsidReinstatesTheSession() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator old = f.session(A, 5); TestInitiator fresh = f.session(A, 5)) {
            assertThat(old.closedByTarget()).isTrue();
            assertThat(fresh.ping(new byte[0])).isNotNull();
        }
    }

    @Test
    @DisplayName("SAM-5 §7.7: LUN RESET releases an SPC-2 reservation and gives the other nexus 29h/03h")
    void lunReset() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1); TestInitiator b = f.session(B, 2)) {
            clearUnitAttentions(a);
            clearUnitAttentions(b);
            assertThat(a.noData(0, Cdbs.reserve6()).status()).isZero();
            assertThat(a.taskManagement(TaskManagementFunctions.LOGICAL_UNIT_RESET, 0, Pdu.RESERVED_TAG, a.cmdSn).response()).isZero();
            TestInitiator.Result r = b.noData(0, Cdbs.testUnitReady());
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.senseKey()).isEqualTo(6);
            assertThat(r.asc()).isEqualTo(0x29);
            assertThat(r.ascq()).isEqualTo(0x03);
            assertThat(b.noData(0, Cdbs.reserve6()).status()).isZero();
        }
    }

    @Test
    @DisplayName("§11.5.1: task management on a LUN that does not exist answers 2 (LUN does not exist)")
    void taskManagementOnMissingLun() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1)) {
            assertThat(a.taskManagement(TaskManagementFunctions.LOGICAL_UNIT_RESET, 6, Pdu.RESERVED_TAG, a.cmdSn).response())
                    .isEqualTo(TaskManagementFunctions.NO_LUN);
        }
    }

    @Test
    @DisplayName("§11.5.1: ABORT TASK of a write waiting for R2T data completes; its late Data-Out is ignored")
    void abortTaskOfPendingWrite() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.initiator(A, 1)) {
            a.immediateData = false;
            a.login(TargetFixture.IQN);
            clearUnitAttentions(a);
            int tag = a.startCommand(0, Cdbs.write10(0, 8), new byte[4096], 4096, false);
            Pdu.ReadyToTransfer r2t = (Pdu.ReadyToTransfer) a.receive();
            assertThat(r2t.desiredLength()).isEqualTo(4096);
            assertThat(r2t.r2tSn()).isZero();
            assertThat(a.taskManagement(TaskManagementFunctions.ABORT_TASK, 0, tag, a.cmdSn - 1).response())
                    .isEqualTo(TaskManagementFunctions.COMPLETE);
            a.send(new Pdu.DataOut(true, TestInitiator.lun(0), tag, r2t.ttt(), a.expStatSn, 0, 0, new byte[4096]));
            assertThat(a.ping(new byte[] {1}).data()).containsExactly(1);
            assertThat(f.server.logicalUnit(TargetFixture.IQN, 0).taskSet().nexusesWithTasks()).isEmpty();
        }
    }

    @Test
    @DisplayName("§11.5.1: ABORT TASK of a task that never existed answers 1 (task does not exist)")
    void abortTaskUnknown() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1)) {
            assertThat(a.taskManagement(TaskManagementFunctions.ABORT_TASK, 0, 0x4242, a.cmdSn + 5).response())
                    .isEqualTo(TaskManagementFunctions.NO_TASK);
        }
    }

    @Test
    @DisplayName("SAM-5 §7.3: ABORT TASK SET drops the requester's pending writes and answers function complete")
    void abortTaskSet() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.initiator(A, 1)) {
            a.immediateData = false;
            a.login(TargetFixture.IQN);
            clearUnitAttentions(a);
            a.startCommand(0, Cdbs.write10(0, 8), new byte[4096], 4096, false);
            assertThat(a.receive()).isInstanceOf(Pdu.ReadyToTransfer.class);
            assertThat(a.taskManagement(TaskManagementFunctions.ABORT_TASK_SET, 0, Pdu.RESERVED_TAG, a.cmdSn).response()).isZero();
            assertThat(f.server.logicalUnit(TargetFixture.IQN, 0).taskSet().nexusesWithTasks()).isEmpty();
        }
    }

    @Test
    @DisplayName("§11.5.1: TARGET COLD RESET answers, then drops every connection to the target")
    void coldResetDropsConnections() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1); TestInitiator b = f.session(B, 2)) {
            assertThat(a.taskManagement(TaskManagementFunctions.TARGET_COLD_RESET, 0, Pdu.RESERVED_TAG, a.cmdSn).response()).isZero();
            assertThat(a.closedByTarget()).isTrue();
            assertThat(b.closedByTarget()).isTrue();
        }
    }

    @Test
    @DisplayName("SAM-5 §6.3.2: TARGET WARM RESET resets every LU of the target: 29h/02h on each")
    void warmReset() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1); TestInitiator b = f.session(B, 2)) {
            clearUnitAttentions(b);
            b.read(1, Cdbs.inquiry(36), 36);
            for (int k = 0; k < 10 && b.noData(1, Cdbs.testUnitReady()).status() != 0; k++) { /* clear LUN 1 */ }
            assertThat(a.taskManagement(TaskManagementFunctions.TARGET_WARM_RESET, 0, Pdu.RESERVED_TAG, a.cmdSn).response()).isZero();
            for (int lun = 0; lun < 2; lun++) {
                TestInitiator.Result r = b.noData(lun, Cdbs.testUnitReady());
                assertThat(r.asc()).isEqualTo(0x29);
                assertThat(r.ascq()).isEqualTo(0x02);
            }
        }
    }

    @Test
    @DisplayName("§4.2.2.1: with queue depth > 1, a command ahead of a gap waits until the gap fills, then both run in order")
    void outOfOrderCommandsWaitForTheGap() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1)) {
            clearUnitAttentions(a);
            assertThat(a.maxCmdSn - a.cmdSn + 1).isEqualTo(TargetLimits.DEFAULT.queueDepth());
            int first = a.cmdSn;
            byte[] tur = java.util.Arrays.copyOf(Cdbs.testUnitReady(), 16);
            a.send(new Pdu.ScsiCommand(false, true, false, false, 1, 0, 501, 0, first + 1, a.expStatSn, tur, Pdu.NO_DATA));
            assertThat(a.silentFor(200)).isTrue();
            a.send(new Pdu.ScsiCommand(false, true, false, false, 1, 0, 500, 0, first, a.expStatSn, tur, Pdu.NO_DATA));
            Pdu.ScsiResponse r1 = (Pdu.ScsiResponse) a.receive();
            Pdu.ScsiResponse r2 = (Pdu.ScsiResponse) a.receive();
            assertThat(r1.itt()).isEqualTo(500);
            assertThat(r2.itt()).isEqualTo(501);
            assertThat(r2.expCmdSn()).isEqualTo(first + 2);
        }
    }

    @Test
    @DisplayName("§4.2.2.1: a CmdSN outside [ExpCmdSN, MaxCmdSN] is silently ignored; the session keeps working")
    void outOfWindowCommandIsIgnored() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1)) {
            byte[] tur = java.util.Arrays.copyOf(Cdbs.testUnitReady(), 16);
            a.send(new Pdu.ScsiCommand(false, true, false, false, 1, 0, 700, 0, a.maxCmdSn + 1, a.expStatSn, tur, Pdu.NO_DATA));
            a.send(new Pdu.ScsiCommand(false, true, false, false, 1, 0, 701, 0, a.cmdSn - 1, a.expStatSn, tur, Pdu.NO_DATA));
            assertThat(a.silentFor(200)).isTrue();
            assertThat(a.noData(0, Cdbs.testUnitReady()).status()).isIn(0, 2);
        }
    }

    @Test
    @DisplayName("§4.2.2.1: 32 commands in flight at once are all answered")
    void queueDepth32() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session(A, 1)) {
            clearUnitAttentions(a);
            int[] tags = new int[32];
            for (int k = 0; k < 32; k++) tags[k] = a.startCommand(0, Cdbs.read10(k * 8L, 8), new byte[0], 4096, true);
            java.util.Set<Integer> done = new java.util.HashSet<>();
            while (done.size() < 32) {
                Pdu p = a.receive();
                if (p instanceof Pdu.DataIn d && d.hasStatus()) done.add(d.itt());
            }
            assertThat(done).hasSize(32);
        }
    }
}
