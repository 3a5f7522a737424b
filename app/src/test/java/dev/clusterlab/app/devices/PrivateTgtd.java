package dev.clusterlab.app.devices;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private tgtd (Debian package tgt) on 127.0.0.1, run as engine's interop tests run it: foreground,
 * its own control port, one target with a sparse file as LUN 1 (tgtd's LUN 0 is its controller).
 * Ports 3645-3648. Needs root (its control socket lives in /var/run/tgtd).
 */
final class PrivateTgtd implements AutoCloseable {
    static final String IQN = "iqn.2026-11.dev.clusterlab:persist-tgtd";
    private static final int FIRST_PORT = 3645, LAST_PORT = 3648;

    final int port;
    private final Path work;
    private final Process process;
    private final String tgtadm;

    private PrivateTgtd(int port, Path work, Process process, String tgtadm) {
        this.port = port;
        this.work = work;
        this.process = process;
        this.tgtadm = tgtadm;
    }

    static PrivateTgtd start() throws Exception {
        String tgtd = program("tgtd"), tgtadm = program("tgtadm");
        int port = freePort();
        Path work = Files.createTempDirectory("clusterlab-persist-tgtd");
        Path log = work.resolve("tgtd.log");
        Process p = new ProcessBuilder(tgtd, "-f", "--control-port", Integer.toString(port), "--iscsi", "portal=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrivateTgtd t = new PrivateTgtd(port, work, p, tgtadm);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.adm("--mode", "target", "--op", "show") != 0) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String out = Files.exists(log) ? Files.readString(log) : "";
                t.close();
                throw new AssertionError("tgtd did not start on 127.0.0.1:" + port + " (it needs root for /var/run/tgtd): " + out);
            }
            Thread.sleep(50);
        }
        Path img = work.resolve("lun1.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(8L << 20);
        }
        t.admOk("--mode", "target", "--op", "new", "--tid", "1", "--targetname", IQN);
        t.admOk("--mode", "logicalunit", "--op", "new", "--tid", "1", "--lun", "1", "--backing-store", img.toString());
        t.admOk("--mode", "target", "--op", "bind", "--tid", "1", "--initiator-address", "ALL");
        return t;
    }

    String url() { return "iscsi://127.0.0.1:" + port + "/" + IQN + "/1"; }

    private static String program(String name) {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin"}) {
            if (Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
        }
        throw new AssertionError(name + " not found: install the Debian package tgt (scripts/test-deps.sh lists it)");
    }

    private static int freePort() throws IOException {
        for (int port = FIRST_PORT; port <= LAST_PORT; port++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException inUse) {
                // try the next one
            }
        }
        throw new IOException("no free port in " + FIRST_PORT + ".." + LAST_PORT + " on 127.0.0.1 for tgtd");
    }

    private void admOk(String... args) throws Exception {
        if (adm(args) != 0) throw new AssertionError("tgtadm " + String.join(" ", args) + " failed");
    }

    private int adm(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tgtadm, "--control-port", Integer.toString(port), "--lld", "iscsi"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) {
                adm("--mode", "target", "--op", "delete", "--force", "--tid", "1");
                adm("--mode", "system", "--op", "delete");
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
