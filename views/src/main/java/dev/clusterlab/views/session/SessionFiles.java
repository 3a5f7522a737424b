package dev.clusterlab.views.session;

import dev.clusterlab.engine.capture.CaptureImport;
import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.timeline.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Opens what a user names: a trace file or a pcap/pcapng capture (replayed), a scenario file or a shipped scenario (simulated). */
public final class SessionFiles {
    private SessionFiles() {}

    /**
     * A replay when {@code nameOrPath} is a trace file (recognised by its content: a gzip stream or a
     * {@code clusterlab-trace} header), else a simulation of the scenario file or shipped scenario.
     *
     * @throws IllegalArgumentException when there is no such file or shipped scenario, or a trace cannot be read (the message says why)
     * @throws ScenarioSyntaxException when a scenario does not parse
     */
    public static LabSession open(String nameOrPath) throws ScenarioSyntaxException { return open(nameOrPath, RealDevices.UNAVAILABLE); }

    /**
     * As {@link #open(String)}; a scenario with real disks reaches them through {@code devices}.
     *
     * @throws java.io.UncheckedIOException when a real disk cannot be opened
     */
    public static LabSession open(String nameOrPath, RealDevices devices) throws ScenarioSyntaxException {
        Path file = regularFile(nameOrPath);
        if (file != null && CaptureImport.isCapture(file)) return replayCapture(nameOrPath, file);
        if (file != null && looksLikeTrace(file)) {
            try {
                return LabSession.replay(ReplayedRecording.of(file.getFileName().toString(), TraceReader.read(file)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + nameOrPath + ": " + e.getMessage(), e);
            } catch (TraceReader.NotATraceException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        Scenario scenario = ScenarioSource.load(nameOrPath);
        return LabSession.open(scenario, scenario.seed(), ScenarioSource.textOf(scenario), devices);
    }

    /** A pcap/pcapng capture (by its magic bytes): its rebuilt iSCSI command sequence, replayed. */
    private static LabSession replayCapture(String nameOrPath, Path file) {
        try {
            return LabSession.replay(ReplayedRecording.of(file.getFileName().toString(), CaptureImport.read(file).trace()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + nameOrPath + ": " + e.getMessage(), e);
        } catch (CaptureImport.CaptureImportException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code name} as a path when it names a regular file, else null (a shipped scenario's name, a typo). */
    public static Path regularFile(String name) {
        try {
            Path p = Path.of(name);
            return Files.isRegularFile(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    static boolean looksLikeTrace(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64);
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) return true;
            return new String(head, StandardCharsets.UTF_8).replace(" ", "").startsWith("{\"format\":\"clusterlab-trace\"");
        } catch (IOException e) {
            return false;
        }
    }
}
