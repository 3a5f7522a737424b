package dev.clusterlab.engine.iscsi.initiator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 between the initiator and a target, for connection-loss tests: it can
 * hold back the target's bytes (a hung target or a black-holed path) and cut every connection (a
 * failed link), while new connections are still accepted (so the initiator can reconnect).
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean holding;

    CuttableProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("proxy-accept").start(this::acceptLoop);
    }

    InetSocketAddress address() { return new InetSocketAddress("127.0.0.1", server.getLocalPort()); }

    int connectionsAccepted() { return accepted.get(); }

    /** While true, bytes from the target are held back (not lost). */
    void hold(boolean on) {
        synchronized (this) {
            holding = on;
            notifyAll();
        }
    }

    /** Closes every relayed connection, as a pulled cable would. */
    void cut() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
        hold(false);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(target.getAddress(), target.getPort());
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                sockets.add(in);
                sockets.add(out);
                accepted.incrementAndGet();
                Thread.ofPlatform().daemon().start(() -> relay(in, out, false));
                Thread.ofPlatform().daemon().start(() -> relay(out, in, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to, boolean fromTarget) {
        byte[] buf = new byte[65536];
        try (InputStream is = from.getInputStream(); OutputStream os = to.getOutputStream()) {
            int n;
            while ((n = is.read(buf)) > 0) {
                if (fromTarget) waitWhileHolding(from);
                os.write(buf, 0, n);
                os.flush();
            }
        } catch (IOException | InterruptedException ignored) {
            // the connection ended
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private synchronized void waitWhileHolding(Socket from) throws InterruptedException {
        while (holding && !from.isClosed()) wait(50);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
