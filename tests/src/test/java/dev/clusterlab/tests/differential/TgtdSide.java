package dev.clusterlab.tests.differential;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private tgtd (Debian package tgt) on 127.0.0.1, run as the engine's TgtdInteropTest runs it:
 * foreground, its own control port (equal to its portal port, in 3500-3599), sparse file-backed
 * LUNs. Every sequence gets a new target (tid = sequence index + 1) with a new backing file as
 * LUN 1, so tgt's persistent reservation state, which lives per logical unit, starts empty with
 * generation 0; the target is deleted after the sequence. tgtd is stopped on close, and by a
 * shutdown hook if the JVM exits first.
 */
final class TgtdSide implements TargetSide {
    static final String IQN_PREFIX = "iqn.2026-11.dev.clusterlab.diff:tgt-seq-";
    private static final long LUN_BYTES = 1L << 20;

    private final int port;
    private final Path work;
    private final Process process;
    private final String tgtadm;
    private final Thread killer;
    private final List<Integer> live = new ArrayList<>();

    private TgtdSide(int port, Path work, Process process, String tgtadm) {
        this.port = port;
        this.work = work;
        this.process = process;
        this.tgtadm = tgtadm;
        this.killer = new Thread(process::destroyForcibly, "kill-differential-tgtd");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts tgtd; throws AssertionError saying exactly what is missing when it cannot run here. */
    static TgtdSide start() throws Exception {
        String tgtd = program("tgtd"), tgtadm = program("tgtadm");
        int port = Ports.free(Ports.FIRST - 1);
        Path work = Files.createTempDirectory("clusterlab-differential-tgtd");
        Path log = work.resolve("tgtd.log");
        Process p = new ProcessBuilder(tgtd, "-f", "--control-port", Integer.toString(port), "--iscsi", "portal=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TgtdSide t = new TgtdSide(port, work, p, tgtadm);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (t.adm(false, "--mode", "target", "--op", "show") == 0) return t;
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String out = Files.exists(log) ? Files.readString(log) : "";
                t.close();
                throw new AssertionError("tgtd did not start on 127.0.0.1:" + port + " (tgtd needs root for /var/run/tgtd): " + out);
            }
            Thread.sleep(20);
        }
    }

    private static String program(String name) {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new AssertionError(name + " not found: the differential test needs the Debian package tgt"
                + " (scripts/test-deps.sh lists it; .ci/run installs it) and root for tgtd's control socket");
    }

    @Override
    public String label() { return "tgt"; }

    @Override
    public InetSocketAddress address() { return new InetSocketAddress("127.0.0.1", port); }

    @Override
    public int lun() { return 1; }

    int port() { return port; }

    @Override
    public String freshTarget(int sequenceIndex) throws Exception {
        int tid = sequenceIndex + 1;
        String iqn = IQN_PREFIX + sequenceIndex;
        Path img = work.resolve("lun-" + tid + ".img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(LUN_BYTES);
        }
        admOk("--mode", "target", "--op", "new", "--tid", Integer.toString(tid), "--targetname", iqn);
        live.add(tid);
        admOk("--mode", "logicalunit", "--op", "new", "--tid", Integer.toString(tid), "--lun", "1", "--backing-store", img.toString());
        admOk("--mode", "target", "--op", "bind", "--tid", Integer.toString(tid), "--initiator-address", "ALL");
        return iqn;
    }

    @Override
    public void retire(int sequenceIndex) throws Exception {
        int tid = sequenceIndex + 1;
        adm(false, "--mode", "target", "--op", "delete", "--force", "--tid", Integer.toString(tid));
        live.remove((Integer) tid);
        Files.deleteIfExists(work.resolve("lun-" + tid + ".img"));
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
                for (int tid : List.copyOf(live)) adm(false, "--mode", "target", "--op", "delete", "--force", "--tid", Integer.toString(tid));
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
