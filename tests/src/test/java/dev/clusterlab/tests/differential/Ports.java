package dev.clusterlab.tests.differential;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The differential run's loopback ports: 3500-3599 only (its share of the machine's port plan). */
final class Ports {
    static final int FIRST = 3500, LAST = 3599;

    private Ports() {}

    /** A port in the range free on 127.0.0.1 and not held by a running tgtd's control socket. */
    static synchronized int free(int after) throws IOException {
        for (int port = Math.max(FIRST, after + 1); port <= LAST; port++) {
            if (lockedByLiveTgtd(port)) continue;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException inUse) {
                // try the next one
            }
        }
        throw new IOException("no free port in " + FIRST + ".." + LAST + " on 127.0.0.1");
    }

    /** tgtd names its control socket after --control-port; a stale lock file is harmless, a held one is not. */
    private static boolean lockedByLiveTgtd(int port) {
        Path lock = Path.of("/var/run/tgtd/socket." + port + ".lock");
        if (!Files.exists(lock)) return false;
        try (RandomAccessFile f = new RandomAccessFile(lock.toFile(), "rw"); var l = f.getChannel().tryLock()) {
            return l == null;
        } catch (IOException | OverlappingFileLockException e) {
            return true;
        }
    }
}
