package dev.clusterlab.tests.iscsi;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the external programs the iSCSI tests drive (libiscsi's tools). A missing tool is
 * a test failure with the package to install, never a silent skip: CI must not go green because a
 * tool was absent.
 */
public final class ExternalTools {
    /** Which Debian package provides each tool; scripts/test-deps.sh installs the same list. */
    private static final Map<String, String> PACKAGES = Map.of(
            "iscsi-test-cu", "libiscsi-bin",
            "iscsi-ls", "libiscsi-bin",
            "iscsi-inq", "libiscsi-bin",
            "iscsi-readcapacity16", "libiscsi-bin",
            "iscsi-swp", "libiscsi-bin",
            "iscsi-perf", "libiscsi-bin",
            "stdbuf", "coreutils",
            "qemu-io", "qemu-utils and qemu-block-extra",
            "qemu-img", "qemu-utils and qemu-block-extra");

    private ExternalTools() {}

    /** The tool's path; fails the calling test with what to install when it is not there. */
    public static Path require(String tool) {
        return find(tool).orElseGet(() -> fail(missingMessage(tool)));
    }

    /** "iscsi-test-cu not found: install Debian package libiscsi-bin, or run .ci/run". */
    static String missingMessage(String tool) {
        String pkg = PACKAGES.get(tool);
        return tool + " not found: install Debian package " + (pkg == null ? "providing " + tool : pkg) + ", or run .ci/run";
    }

    /** Looks on the PATH, then where Debian puts programs that are not on every user's PATH. */
    public static Optional<Path> find(String tool) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) for (String d : path.split(File.pathSeparator)) if (!d.isEmpty()) dirs.add(d);
        dirs.addAll(List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            Path p = Path.of(d, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** What a finished (or stopped) process left behind. */
    public record Outcome(List<String> command, int exitCode, boolean timedOut, Duration elapsed, byte[] output) {
        /** stdout and stderr together, in the order written (as far as the tool's buffering allows). */
        public String text() { return new String(output, StandardCharsets.UTF_8); }

        /** The output byte for byte, for tools that print binary fields as C strings. */
        public String latin1() { return new String(output, StandardCharsets.ISO_8859_1); }

        public String describe() {
            return String.join(" ", command) + (timedOut ? " (timed out after " + elapsed.toSeconds() + " s)" : " (exit " + exitCode + ")");
        }
    }

    /**
     * Runs {@code command} with stdout and stderr merged into a temporary file (no pipe to drain,
     * so a chatty tool can never block), killing it and its children after {@code timeout}.
     */
    public static Outcome run(List<String> command, Duration timeout) {
        long start = System.nanoTime();
        Path log = null;
        Path dir = null;
        try {
            // A scratch working directory: some tools write files into the current directory.
            dir = Files.createTempDirectory("clusterlab-tool");
            log = dir.resolve("output.txt");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            byte[] out = Files.readAllBytes(log);
            return new Outcome(List.copyOf(command), finished ? p.exitValue() : -1, !finished,
                    Duration.ofNanos(System.nanoTime() - start), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The command with its stdout line-buffered when coreutils' stdbuf is there, so messages and
     * results stay in order and a killed run still leaves everything it printed.
     */
    public static List<String> lineBuffered(List<String> command) {
        Optional<Path> stdbuf = find("stdbuf");
        if (stdbuf.isEmpty()) return command;
        List<String> c = new ArrayList<>(command.size() + 3);
        c.add(stdbuf.get().toString());
        c.add("-oL");
        c.add("-eL");
        c.addAll(command);
        return c;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }
}
