package dev.clusterlab.app.export;

import dev.clusterlab.app.run.RunCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;

/** Runs the export and bundle commands with captured output, and writes traces with {@code clusterlab run --trace}. */
final class ExportFixtures {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int export(String... args) {
        return new CommandLine(new ExportCommand(stream(out), stream(err))).execute(args);
    }

    int bundle(String... args) {
        return new CommandLine(new BundleCommand(stream(out), stream(err))).execute(args);
    }

    String stdout() { return out.toString(StandardCharsets.UTF_8); }

    String stderr() { return err.toString(StandardCharsets.UTF_8); }

    /** {@code clusterlab run SCENARIO --trace FILE} (its transcript goes to a throwaway stream). */
    static Path trace(String scenario, Path file) {
        PrintStream saved = System.out;
        try {
            System.setOut(stream(new ByteArrayOutputStream()));
            int code = new CommandLine(new RunCommand()).execute(scenario, "--trace", file.toString());
            if (code != 0) throw new IllegalStateException("run " + scenario + " exited " + code);
        } finally {
            System.setOut(saved);
        }
        return file;
    }

    /** {@code file} cut to {@code fraction} of its length: a trace whose writer died mid-way. */
    static Path truncated(Path file, double fraction, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(to, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return to;
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) { return new PrintStream(bytes, true, StandardCharsets.UTF_8); }
}
