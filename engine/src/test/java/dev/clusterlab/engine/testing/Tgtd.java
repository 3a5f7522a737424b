package dev.clusterlab.engine.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
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
 * A private tgtd (Debian package tgt) for interop tests, run the way conformance/tgtd-reference
 * does: foreground, portal on 127.0.0.1 only, its own control socket (--control-port), sparse
 * file-backed LUNs, stopped with "target delete --force" + "system delete" and, failing that,
 * killed. tgtd's LUN 0 is its controller; disks are LUN 1. Needs root (its control socket lives
 * in /var/run/tgtd).
 */
public final class Tgtd implements AutoCloseable {
    private final int port;
    private final Path work;
    private final Process process;
    private final String tgtadm;
    private final List<Integer> tids = new ArrayList<>();
    private final Thread killer;

    private Tgtd(int port, Path work, Process process, String tgtadm) {
        this.port = port;
        this.work = work;
        this.process = process;
        this.tgtadm = tgtadm;
        this.killer = new Thread(process::destroyForcibly, "kill-tgtd-" + port);
        Runtime.getRuntime().addShutdownHook(killer); // a test JVM that dies early must not leave tgtd behind
    }

    /**
     * Starts tgtd with its portal and control port on the first free port of {@code firstPort..lastPort}
     * (each test module uses its own range); throws AssertionError saying exactly what is missing when
     * it cannot run here.
     */
    public static Tgtd start(int firstPort, int lastPort) throws Exception {
        String tgtd = program("tgtd"), tgtadm = program("tgtadm");
        int port = freePort(firstPort, lastPort);
        Path work = Files.createTempDirectory("clusterlab-tgtd");
        Path log = work.resolve("tgtd.log");
        Process p = new ProcessBuilder(tgtd, "-f", "--control-port", Integer.toString(port), "--iscsi", "portal=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Tgtd t = new Tgtd(port, work, p, tgtadm);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (t.adm(false, "--mode", "target", "--op", "show") == 0) return t;
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String out = Files.exists(log) ? Files.readString(log) : "";
                t.close();
                throw new AssertionError("tgtd did not start on 127.0.0.1:" + port + " (tgtd needs root for /var/run/tgtd): " + out);
            }
            Thread.sleep(50);
        }
    }

    private static String program(String name) {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new AssertionError(name + " not found: install the Debian package tgt (scripts/test-deps.sh lists it; .ci/run installs it)");
    }

    private static int freePort(int firstPort, int lastPort) throws IOException {
        for (int port = firstPort; port <= lastPort; port++) {
            if (Files.exists(Path.of("/var/run/tgtd/socket." + port + ".lock")) && lockedByLiveTgtd(port)) continue;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException inUse) {
                // try the next one
            }
        }
        throw new IOException("no free port in " + firstPort + ".." + lastPort + " on 127.0.0.1 for tgtd");
    }

    /** A stale lock file is harmless; one held by a running tgtd is not. */
    private static boolean lockedByLiveTgtd(int port) {
        try (RandomAccessFile f = new RandomAccessFile("/var/run/tgtd/socket." + port + ".lock", "rw");
             var lock = f.getChannel().tryLock()) {
            return lock == null;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return true;
        }
    }

    public int port() { return port; }

    public InetSocketAddress address() { return new InetSocketAddress("127.0.0.1", port); }

    /** The URL of target {@code iqn}'s disk (tgtd's LUN 0 is its controller; disks are LUN 1). */
    public String url(String iqn) { return "iscsi://127.0.0.1:" + port + "/" + iqn + "/1"; }

    /** A target with one sparse disk as LUN 1, open to every initiator address. */
    public void target(int tid, String iqn, long bytes) throws Exception {
        Path img = work.resolve("lun-" + tid + ".img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(bytes);
        }
        admOk("--mode", "target", "--op", "new", "--tid", Integer.toString(tid), "--targetname", iqn);
        tids.add(tid);
        admOk("--mode", "logicalunit", "--op", "new", "--tid", Integer.toString(tid), "--lun", "1", "--backing-store", img.toString());
        admOk("--mode", "target", "--op", "bind", "--tid", Integer.toString(tid), "--initiator-address", "ALL");
    }

    /** Deletes target {@code tid} and its disk's backing file (a fresh LU per differential sequence). */
    public void deleteTarget(int tid) throws Exception {
        adm(false, "--mode", "target", "--op", "delete", "--force", "--tid", Integer.toString(tid));
        tids.remove((Integer) tid);
        Files.deleteIfExists(work.resolve("lun-" + tid + ".img"));
    }

    /** Makes the target insist on CRC32C header and data digests (tgtd's default is None only). */
    public void requireDigests(int tid) throws Exception {
        admOk("--mode", "target", "--op", "update", "--tid", Integer.toString(tid), "--name", "HeaderDigest", "--value", "CRC32C");
        admOk("--mode", "target", "--op", "update", "--tid", Integer.toString(tid), "--name", "DataDigest", "--value", "CRC32C");
    }

    /** CHAP for the target: {@code user}/{@code secret} incoming; with {@code outUser} also mutual (outgoing). */
    public void chap(int tid, String user, String secret, String outUser, String outSecret) throws Exception {
        admOk("--mode", "account", "--op", "new", "--user", user, "--password", secret);
        admOk("--mode", "account", "--op", "bind", "--tid", Integer.toString(tid), "--user", user);
        if (outUser != null) {
            admOk("--mode", "account", "--op", "new", "--user", outUser, "--password", outSecret);
            admOk("--mode", "account", "--op", "bind", "--tid", Integer.toString(tid), "--user", outUser, "--outgoing");
        }
    }

    private void admOk(String... args) throws Exception {
        if (adm(true, args) != 0) throw new AssertionError("tgtadm " + String.join(" ", args) + " failed");
    }

    private int adm(boolean show, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tgtadm, "--control-port", Integer.toString(port), "--lld", "iscsi"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (show && p.exitValue() != 0) System.err.println("tgtadm " + String.join(" ", args) + ": " + out);
        return p.exitValue();
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) {
                for (int tid : List.copyOf(tids)) adm(false, "--mode", "target", "--op", "delete", "--force", "--tid", Integer.toString(tid));
                adm(false, "--mode", "system", "--op", "delete");
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy(); // tgtd can ignore SIGTERM while serving (bench/iscsi-vs-tgtd)
                    if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            if (!process.isAlive()) { // tgtd leaves its control socket and lock file behind
                Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + port));
                Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + port + ".lock"));
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
