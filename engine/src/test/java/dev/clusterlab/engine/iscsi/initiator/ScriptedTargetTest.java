package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.iscsi.initiator.IscsiTransportException.Reason;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduCodec;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Protocol behaviours driven PDU by PDU from a scripted target (RFC 7143 §4.2.2.1, §11.4, §11.7, §11.9, §11.17, §11.19). */
class ScriptedTargetTest {

    private static IscsiSession open(ScriptedTarget t) throws Exception {
        return IscsiSession.open(t.address(), ScriptedTarget.IQN, 0, OwnTarget.node("node-a"), OwnTarget.settings());
    }

    @Test
    void commandsBeyondMaxCmdSnAreHeldUntilTheTargetOpensTheWindow() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(2); // CmdSN 1 and 2 only
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                List<IscsiSession.PendingCommand> pending = new ArrayList<>();
                for (int i = 0; i < 4; i++) pending.add(s.submit(ScsiRequest.noData(Cdbs.testUnitReady())));
                Pdu.ScsiCommand first = (Pdu.ScsiCommand) c.receive(), second = (Pdu.ScsiCommand) c.receive();
                assertThat(List.of(first.cmdSn(), second.cmdSn())).containsExactly(1, 2);
                assertThat(c.silentFor(300)).as("nothing beyond MaxCmdSN is sent").isTrue();
                c.respond(first, 0, 2);
                c.respond(second, 0, 4); // the window now reaches CmdSN 4
                Pdu.ScsiCommand third = (Pdu.ScsiCommand) c.receive(), fourth = (Pdu.ScsiCommand) c.receive();
                assertThat(List.of(third.cmdSn(), fourth.cmdSn())).containsExactly(3, 4);
                assertThat(third.expStatSn()).isEqualTo(c.statSn); // StatSN 101 and 102 acknowledged (§11.3)
                c.respond(third, 0, 4);
                c.respond(fourth, 0, 4);
                for (IscsiSession.PendingCommand p : pending) assertThat(p.response().get(5, TimeUnit.SECONDS).isGood()).isTrue();
            }
        }
    }

    @Test
    void taskSetFullAndBusyAreReturnedAsStatuses() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(64);
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                var a = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                c.respond((Pdu.ScsiCommand) c.receive(), ScsiStatus.TASK_SET_FULL.code(), 64);
                var b = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                c.respond((Pdu.ScsiCommand) c.receive(), ScsiStatus.BUSY.code(), 64);
                assertThat(a.response().get(5, TimeUnit.SECONDS).status()).isEqualTo(ScsiStatus.TASK_SET_FULL);
                assertThat(b.response().get(5, TimeUnit.SECONDS).status()).isEqualTo(ScsiStatus.BUSY);
            }
        }
    }

    @Test
    void statusInTheLastDataInCompletesTheReadWithItsResidual() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(64);
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                var p = s.submit(ScsiRequest.dataIn(Cdbs.read10(0, 4), 2048));
                Pdu.ScsiCommand cmd = (Pdu.ScsiCommand) c.receive();
                assertThat(cmd.read()).isTrue();
                assertThat(cmd.expectedDataTransferLength()).isEqualTo(2048);
                byte[] data = Scsi.pattern(1536, 5);
                c.send(new Pdu.DataIn(0, 0, 0, cmd.itt(), Pdu.RESERVED_TAG, 0, 2, 64, 0, 0, 0, data, 0, 1024));
                c.send(new Pdu.DataIn(Pdu.DataIn.FINAL | Pdu.DataIn.STATUS | Pdu.DataIn.UNDERFLOW, 0, 0, cmd.itt(), Pdu.RESERVED_TAG,
                        c.statSn++, 2, 64, 1, 1024, 512, data, 1024, 512));
                ScsiResponse r = p.response().get(5, TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
                assertThat(r.dataIn()).isEqualTo(data);
                assertThat(r.residual()).isEqualTo(512);
            }
        }
    }

    @Test
    void aRejectedCommandFailsWithRejected() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(64);
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                var p = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                Pdu cmd = c.receive();
                ByteBuf header = Unpooled.buffer();
                PduCodec.encode(cmd, header, false, false);
                byte[] bhs = new byte[48];
                header.getBytes(0, bhs);
                c.send(new Pdu.Reject(0x09, c.statSn++, 2, 64, 0, bhs));
                assertThatThrownBy(() -> p.response().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOfSatisfying(IscsiTransportException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                            assertThat(e.getMessage()).contains("reason 0x9");
                        });
            }
        }
    }

    @Test
    void targetPingIsAnsweredWithItsTargetTransferTagAndLun() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(64);
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                c.send(new Pdu.NopIn(0x0001_0000_0000_0000L, Pdu.RESERVED_TAG, 0x1234, c.statSn, 1, 64, Pdu.NO_DATA));
                Pdu.NopOut answer = (Pdu.NopOut) c.receive();
                assertThat(answer.itt()).isEqualTo(Pdu.RESERVED_TAG);
                assertThat(answer.ttt()).isEqualTo(0x1234);
                assertThat(answer.lun()).isEqualTo(0x0001_0000_0000_0000L);
                assertThat(answer.immediate()).isTrue();
                assertThat(s.isConnected()).isTrue();
            }
        }
    }

    @Test
    void asyncLogoutRequestIsObeyedAndTheNextCommandLogsInAgain() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(64);
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                c.send(new Pdu.AsyncMessage(0, c.statSn++, 1, 64, 1, 0, 0, 0, 5, Pdu.NO_DATA)); // event 1: please log out
                Pdu.LogoutRequest logout = (Pdu.LogoutRequest) c.receive();
                assertThat(logout.reason()).isZero();
                var again = t.acceptLogin(64);
                c.send(new Pdu.LogoutResponse(0, logout.itt(), c.statSn++, 1, 64, 0, 0));
                ConnectionLossTest.awaitDisconnected(s);
                var p = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                try (ScriptedTarget.Connection c2 = again.get(5, TimeUnit.SECONDS)) {
                    c2.respond((Pdu.ScsiCommand) c2.receive(), 0, 64);
                    assertThat(p.response().get(5, TimeUnit.SECONDS).isGood()).isTrue();
                }
            }
        }
    }

    @Test
    void loginRedirectionIsFollowedToTheNamedPortal() throws Exception {
        try (ScriptedTarget group = new ScriptedTarget(); ScriptedTarget member = new ScriptedTarget()) {
            var redirected = group.acceptRedirect(member.address());
            var conn = member.acceptLogin(64);
            try (IscsiSession s = open(group); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                redirected.get(5, TimeUnit.SECONDS);
                var p = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                c.respond((Pdu.ScsiCommand) c.receive(), 0, 64);
                assertThat(p.response().get(5, TimeUnit.SECONDS).isGood()).isTrue();
            }
        }
    }

    @Test
    void aTargetFailureResponseFailsTheCommandAsRejected() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(64);
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                var p = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                Pdu.ScsiCommand cmd = (Pdu.ScsiCommand) c.receive();
                c.send(new Pdu.ScsiResponse(0, 0x01, 0, cmd.itt(), c.statSn++, 2, 64, 0, 0, 0, Pdu.NO_DATA)); // §11.4.3 Target Failure
                assertThatThrownBy(() -> p.response().get(5, TimeUnit.SECONDS)).cause()
                        .isInstanceOfSatisfying(IscsiTransportException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                            assertThat(e.getMessage()).contains("target failure");
                        });
            }
        }
    }

    @Test
    void abortTaskOfAnOutstandingCommandNamesItsTagAndCmdSnAndCompletesItAsTaskAborted() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(64);
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                var p = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                Pdu.ScsiCommand cmd = (Pdu.ScsiCommand) c.receive();
                var abort = java.util.concurrent.CompletableFuture.supplyAsync(() -> s.abortTask(p));
                Pdu.TaskManagementRequest tmf = (Pdu.TaskManagementRequest) c.receive();
                assertThat(tmf.function()).isEqualTo(1); // ABORT TASK
                assertThat(tmf.referencedTaskTag()).isEqualTo(cmd.itt());
                assertThat(tmf.refCmdSn()).isEqualTo(cmd.cmdSn());
                assertThat(tmf.immediate()).isTrue();
                c.send(new Pdu.TaskManagementResponse(0, tmf.itt(), c.statSn++, 2, 64));
                assertThat(abort.get(5, TimeUnit.SECONDS)).isEqualTo(TaskManagementResult.FUNCTION_COMPLETE);
                // RFC 7143 §11.6.2: no status follows for an aborted task, so it completes here.
                assertThat(p.response().get(5, TimeUnit.SECONDS).status()).isEqualTo(ScsiStatus.TASK_ABORTED);
            }
        }
    }

    @Test
    void abortTaskOfACommandStillWaitingForTheWindowIsLocal() throws Exception {
        try (ScriptedTarget t = new ScriptedTarget()) {
            var conn = t.acceptLogin(1); // room for one command
            try (IscsiSession s = open(t); ScriptedTarget.Connection c = conn.get(5, TimeUnit.SECONDS)) {
                var first = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                var second = s.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
                Pdu.ScsiCommand cmd = (Pdu.ScsiCommand) c.receive();
                assertThat(s.abortTask(second)).isEqualTo(TaskManagementResult.FUNCTION_COMPLETE);
                assertThat(second.response().get(5, TimeUnit.SECONDS).status()).isEqualTo(ScsiStatus.TASK_ABORTED);
                assertThat(c.silentFor(200)).as("no TMF and no command reach the target").isTrue();
                c.respond(cmd, 0, 64);
                assertThat(first.response().get(5, TimeUnit.SECONDS).isGood()).isTrue();
            }
        }
    }
}
