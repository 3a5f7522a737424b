package dev.clusterlab.app.capture;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** tcpdump writing a capture of one TCP port on loopback, for as long as the test needs it. */
final class CaptureTcpdump implements AutoCloseable {
    private final Process process;
    private final StringBuffer stderr;
    private final Path file;

    private CaptureTcpdump(Process process, StringBuffer stderr, Path file) {
        this.process = process;
        this.stderr = stderr;
        this.file = file;
    }

    /** Starts capturing TCP port {@code port} on lo into {@code file}; returns once tcpdump says it is listening. */
    static CaptureTcpdump start(Path file, int port) throws Exception {
        String tcpdump = program();
        // --immediate-mode: hand each packet over at once (else the kernel may hold up to a second of them in a
        // buffer block that is lost when tcpdump stops); -U: write each packet at once; -s 0: whole packets;
        // the filter keeps other helpers' traffic out.
        Process p = new ProcessBuilder(tcpdump, "--immediate-mode", "-i", "lo", "-U", "-s", "0", "-w", file.toString(), "tcp port " + port).start();
        StringBuffer err = new StringBuffer();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    err.append(line).append('\n');
                    if (line.contains("listening on")) listening.countDown();
                }
            } catch (java.io.IOException e) {
                err.append(e).append('\n');
            }
        }, "tcpdump-stderr");
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tcpdump did not start listening on lo (needs root or CAP_NET_RAW): " + err);
        }
        return new CaptureTcpdump(p, err, file);
    }

    private static String program() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "tcpdump");
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new AssertionError("tcpdump is not installed: these tests capture loopback traffic with it"
                + " (Debian package tcpdump; scripts/test-deps.sh installs it in CI)");
    }

    /**
     * Stops tcpdump with SIGTERM, which makes it flush and close the file, once the file has stopped
     * growing for a second: on a busy machine tcpdump may lag behind the traffic, and what it has not
     * yet read from the kernel when it stops is lost.
     */
    @Override
    public void close() throws Exception {
        long size = -1;
        int stable = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stable < 5 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            long now = Files.size(file);
            stable = now == size ? stable + 1 : 0;
            size = now;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tcpdump did not stop on SIGTERM: " + stderr);
        }
    }
}
