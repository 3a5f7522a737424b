package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.Opcodes;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduCodec;
import dev.clusterlab.engine.scsi.Cdbs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Malformed PDUs get a Reject or a closed connection, and other sessions are untouched (RFC 7143 §11.17, §7). */
class MalformedInputTest {

    private static byte[] nopOutBytes(TestInitiator i) {
        ByteBuf b = Unpooled.buffer();
        PduCodec.encode(new Pdu.NopOut(true, 0, 77, Pdu.RESERVED_TAG, i.cmdSn, i.expStatSn, new byte[4]), b, false, false);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    @Test
    @DisplayName("§11.17: an undefined opcode in full feature phase is rejected (04h) with the header echoed; the session continues")
    void invalidOpcodeIsRejected() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session("iqn.2026-01.test:a", 1)) {
            byte[] bad = nopOutBytes(a);
            bad[0] = 0x0C;
            a.sendRaw(bad);
            Pdu.Reject r = (Pdu.Reject) a.receive();
            assertThat(r.reason()).isEqualTo(Opcodes.REJECT_PROTOCOL_ERROR);
            assertThat(r.data()).hasSize(48);
            assertThat(r.data()[0]).isEqualTo((byte) 0x0C);
            assertThat(a.ping(new byte[] {4}).data()).containsExactly(4);
        }
    }

    @Test
    @DisplayName("§7.8: a data segment over our MaxRecvDataSegmentLength ends that connection only")
    void oversizedSegmentClosesOnlyThatConnection() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator good = f.session("iqn.2026-01.test:good", 1);
             TestInitiator bad = f.session("iqn.2026-01.test:bad", 2)) {
            byte[] b = nopOutBytes(bad);
            b[5] = (byte) 0x7F; // DataSegmentLength ~8 MiB
            bad.sendRaw(b);
            assertThat(bad.closedByTarget()).isTrue();
            assertThat(good.ping(new byte[] {1}).data()).containsExactly(1);
            assertThat(f.events).anyMatch(e -> e instanceof TargetEvent.ProtocolError);
        }
    }

    @Test
    @DisplayName("§6.3: anything but a Login Request before login closes the connection")
    void commandBeforeLoginCloses() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.initiator("iqn.2026-01.test:a", 1)) {
            a.startCommand(0, Cdbs.testUnitReady(), new byte[0], 0, false);
            assertThat(a.closedByTarget()).isTrue();
        }
    }

    @Test
    @DisplayName("§11.16: SNACK at ErrorRecoveryLevel 0 is rejected as not supported (05h)")
    void snackIsRejected() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.session("iqn.2026-01.test:a", 1)) {
            a.send(new Pdu.SnackRequest(0, 0, 1, Pdu.RESERVED_TAG, a.expStatSn, 0, 0));
            assertThat(((Pdu.Reject) a.receive()).reason()).isEqualTo(Opcodes.REJECT_COMMAND_NOT_SUPPORTED);
        }
    }

    @Test
    @DisplayName("§11.7.5: a Data-Out with a wrong DataSN fails that command with a Reject; the session continues")
    void wrongDataSnRejectsTheTask() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.initiator("iqn.2026-01.test:a", 1)) {
            a.immediateData = false;
            a.login(TargetFixture.IQN);
            int tag = a.startCommand(0, Cdbs.write10(0, 2), new byte[1024], 1024, false);
            Pdu.ReadyToTransfer r2t = (Pdu.ReadyToTransfer) a.receive();
            a.send(new Pdu.DataOut(true, 0, tag, r2t.ttt(), a.expStatSn, 27, 0, new byte[1024]));
            Pdu.Reject r = (Pdu.Reject) a.receive();
            assertThat(r.data()[16]).isEqualTo((byte) (tag >>> 24));
            assertThat(a.ping(new byte[] {2}).data()).containsExactly(2);
        }
    }

    @Test
    @DisplayName("a Data-Out beyond the R2T's window fails that command; the session continues")
    void dataOutBeyondR2tRejectsTheTask() throws Exception {
        try (TargetFixture f = TargetFixture.start(); TestInitiator a = f.initiator("iqn.2026-01.test:a", 1)) {
            a.immediateData = false;
            a.login(TargetFixture.IQN);
            int tag = a.startCommand(0, Cdbs.write10(0, 1), new byte[512], 512, false);
            Pdu.ReadyToTransfer r2t = (Pdu.ReadyToTransfer) a.receive();
            a.send(new Pdu.DataOut(true, 0, tag, r2t.ttt(), a.expStatSn, 0, 0, new byte[1024]));
            assertThat(a.receive()).isInstanceOf(Pdu.Reject.class);
            assertThat(a.ping(new byte[0])).isNotNull();
        }
    }
}
