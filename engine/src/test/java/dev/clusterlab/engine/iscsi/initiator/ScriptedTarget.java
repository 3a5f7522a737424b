package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.pdu.DecodeError;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A hand-driven iSCSI target for behaviours our real target never shows (TASK SET FULL, Reject,
 * a closed CmdSN window, asynchronous logout requests): the test reads the initiator's PDUs and
 * writes the answers itself, with the production codec.
 */
final class ScriptedTarget implements AutoCloseable {
    static final String IQN = "iqn.2026-11.dev.clusterlab:scripted";
    private final ServerSocket server;

    ScriptedTarget() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
    }

    InetSocketAddress address() { return new InetSocketAddress("127.0.0.1", server.getLocalPort()); }

    /** Accepts the next connection and completes its login in the background (while the initiator blocks in open). */
    CompletableFuture<Connection> acceptLogin(int maxCmdSn) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Connection c = new Connection(server.accept());
                c.login(maxCmdSn);
                return c;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Accepts the next connection and answers its login with "target moved temporarily" (0x0101) to {@code to}. */
    CompletableFuture<Void> acceptRedirect(InetSocketAddress to) {
        return CompletableFuture.runAsync(() -> {
            try (Connection c = new Connection(server.accept())) {
                Pdu.LoginRequest r = (Pdu.LoginRequest) c.receive();
                c.send(new Pdu.LoginResponse(false, false, 1, 0, 0, 0, r.isid(), 0, r.itt(), c.statSn++, r.cmdSn(), r.cmdSn(), 1, 1,
                        TextCodec.encode(List.of(new TextCodec.KeyValue("TargetAddress",
                                to.getHostString() + ":" + to.getPort() + ",1")))));
                c.receive();
                throw new IOException("the initiator sent more after being redirected");
            } catch (java.io.EOFException hungUp) {
                // what a redirected initiator does
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException { server.close(); }

    /** One connection; StatSN numbering is the script's (it starts at 100). */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        int statSn = 100;
        int expCmdSn;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** Answers one CSG=1 to NSG=3 login request with defaults (no keys) and a CmdSN window up to {@code maxCmdSn}. */
        private void login(int maxCmdSn) throws IOException {
            Pdu.LoginRequest r = (Pdu.LoginRequest) receive();
            expCmdSn = r.cmdSn();
            send(new Pdu.LoginResponse(true, false, 1, 3, 0, 0, r.isid(), 9, r.itt(), statSn++, expCmdSn, maxCmdSn, 0, 0,
                    TextCodec.encode(List.of(new TextCodec.KeyValue("MaxRecvDataSegmentLength", "65536")))));
        }

        void send(Pdu p) throws IOException {
            ByteBuf b = Unpooled.buffer();
            PduCodec.encode(p, b, false, false);
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            out.write(bytes);
            out.flush();
        }

        Pdu receive() throws IOException {
            byte[] bhs = new byte[48];
            in.readFully(bhs);
            int total = PduCodec.frameLength(Unpooled.wrappedBuffer(bhs), 0, false, false);
            byte[] frame = new byte[total];
            System.arraycopy(bhs, 0, frame, 0, 48);
            in.readFully(frame, 48, total - 48);
            Object o = PduCodec.decodeFrame(Unpooled.wrappedBuffer(frame), false, false, 1 << 24);
            if (o instanceof DecodeError e) throw new IOException("bad PDU from initiator: " + e.detail());
            return (Pdu) o;
        }

        /** True when nothing arrives within {@code millis}. */
        boolean silentFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                receive();
                return false;
            } catch (SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(5000);
            }
        }

        /** A SCSI Response for {@code cmd} with {@code status}, opening the window up to {@code maxCmdSn}. */
        void respond(Pdu.ScsiCommand cmd, int status, int maxCmdSn) throws IOException {
            expCmdSn = cmd.cmdSn() + 1;
            send(new Pdu.ScsiResponse(0, 0, status, cmd.itt(), statSn++, expCmdSn, maxCmdSn, 0, 0, 0, Pdu.NO_DATA));
        }

        @Override
        public void close() throws IOException { socket.close(); }
    }
}
