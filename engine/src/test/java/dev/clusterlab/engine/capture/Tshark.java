package dev.clusterlab.engine.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Wireshark's tshark (Debian package tshark, installed by scripts/test-deps.sh) on a capture
 * and returns its field rows. Tests that use it fail, never skip, when tshark is missing.
 */
public final class Tshark {
    private Tshark() {}

    /** The tshark executable, or an AssertionError saying how to install it. */
    public static String executable() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin")) {
            Path p = Path.of(dir, "tshark");
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new AssertionError("tshark is not installed: the pcapng export is checked with Wireshark's decoder. "
                + "Install the Debian package tshark (scripts/test-deps.sh does it: . scripts/test-deps.sh && cl_ensure_test_deps)");
    }

    /**
     * {@code tshark -r FILE [-Y FILTER] -T fields -E separator=| -e F...}: one row per packet that
     * passes {@code filter}, each row the fields' values ("" when absent; several occurrences joined by ",").
     */
    public static List<List<String>> fields(Path capture, String filter, String... fields) {
        return fields(capture, List.of(), filter, fields);
    }

    /** As {@link #fields(Path, String, String...)} with extra tshark options first, e.g. {@code -d tcp.port==N,iscsi}. */
    public static List<List<String>> fields(Path capture, List<String> options, String filter, String... fields) {
        List<String> cmd = new ArrayList<>(List.of(executable(), "-n", "-r", capture.toString()));
        cmd.addAll(options);
        if (filter != null) cmd.addAll(List.of("-Y", filter));
        cmd.addAll(List.of("-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) cmd.addAll(List.of("-e", f));
        List<List<String>> rows = new ArrayList<>();
        for (String line : run(cmd).split("\n")) {
            if (line.isEmpty()) continue;
            rows.add(Arrays.asList(line.split("\\|", -1)));
        }
        return rows;
    }

    /** tshark's stdout for {@code args} after the executable and {@code -n -r capture}. */
    public static String output(Path capture, String... args) {
        List<String> cmd = new ArrayList<>(List.of(executable(), "-n", "-r", capture.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) {
        try {
            Path err = Files.createTempFile("tshark", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("tshark did not finish: " + cmd);
                }
                String stderr = Files.readString(err).lines()
                        .filter(l -> !l.startsWith("Running as user \"root\"")).reduce("", (a, b) -> a + b + "\n");
                if (p.exitValue() != 0 || !stderr.isBlank())
                    throw new AssertionError("tshark " + cmd + " exited " + p.exitValue() + ": " + stderr);
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run tshark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running tshark", e);
        }
    }
}
