package dev.clusterlab.app.export;

import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TraceWriter;
import dev.clusterlab.views.sequence.export.MermaidExport;
import dev.clusterlab.views.sequence.export.PlantUmlExport;
import dev.clusterlab.views.sequence.export.SequenceDiagram;
import dev.clusterlab.views.sequence.export.SvgExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clusterlab bundle SCENARIO|TRACE --out case.zip}: a customer case in one archive, handed over
 * whole: the scenario, the trace, the capture, the sequence diagram and a report to read first.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Write a support bundle: one zip with the scenario, the trace, a pcapng capture, the sequence diagram"
                + " (SVG, PlantUML, Mermaid) and report.html (what happened, who owned which disk when, conflicts, integrity findings).",
                "Exit status: 0 written, 1 the zip could not be written, 2 the input or an option could not be used."})
public final class BundleCommand implements Callable<Integer> {
    static final String REPORT = "report.html";
    static final String TRACE = "trace.jsonl.gz";
    static final String CAPTURE = "capture.pcapng";
    static final String SVG = "sequence.svg";
    static final String PLANTUML = "sequence.puml";
    static final String MERMAID = "sequence.mmd";
    /** Diagram rows in a bundle at most. */
    static final int MAX_DIAGRAM_ROWS = 5_000;

    @Parameters(index = "0", paramLabel = "SCENARIO|TRACE", description = "A scenario file, a shipped scenario's name, or a trace (from run --trace).")
    String input;

    @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to write the bundle.")
    Path outFile;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for a scenario's simulation (default: the scenario's).")
    Long seed;

    @Option(names = "--partial", description = "Bundle a damaged trace up to the damage instead of refusing it.")
    boolean partial;

    private final PrintStream out;
    private final PrintStream err;

    public BundleCommand() { this(System.out, System.err); }

    BundleCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LoadedSession loaded;
        try {
            loaded = LoadedSession.load(input, seed, partial);
        } catch (LoadedSession.UnusableInput e) {
            err.println("clusterlab bundle: " + e.getMessage());
            return 2;
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        String scenarioFile = scenarioFileName(loaded);
        if (loaded.scenarioText() != null) {
            files.put(scenarioFile, utf8(loaded.scenarioText()));
            contents.put(scenarioFile, "the scenario: run it with clusterlab run " + scenarioFile + ", open it with clusterlab " + scenarioFile);
        }
        files.put(TRACE, trace(loaded));
        contents.put(TRACE, "every timeline event (JSON Lines, gzip): replay it with clusterlab " + TRACE);
        String[] why = new String[1];
        byte[] capture = CaptureFile.of(loaded.session(), why);
        if (capture != null) {
            files.put(CAPTURE, capture);
            contents.put(CAPTURE, "the session as iSCSI over TCP, for Wireshark or tshark");
        } else {
            err.println("clusterlab bundle: warning: no " + CAPTURE + ": " + why[0]);
            contents.put("(no " + CAPTURE + ")", why[0]);
        }
        SequenceDiagram whole = SequenceDiagram.of(loaded.session(), SequenceDiagram.Selection.everything());
        // A long live session has millions of rows: diagrams nobody could open. The trace keeps everything.
        SequenceDiagram diagram = whole.rows().size() <= MAX_DIAGRAM_ROWS ? whole
                : new SequenceDiagram(whole.title(), whole.nodes(), whole.disks(), whole.rows().subList(0, MAX_DIAGRAM_ROWS));
        String extent = diagram == whole ? "" : " (the first " + MAX_DIAGRAM_ROWS + " of " + whole.rows().size()
                + " rows; clusterlab export " + TRACE + " --from/--to draws any other part)";
        files.put(SVG, utf8(SvgExport.write(diagram)));
        contents.put(SVG, "the sequence diagram, for a browser" + extent);
        files.put(PLANTUML, utf8(PlantUmlExport.write(diagram)));
        contents.put(PLANTUML, "the sequence diagram as PlantUML text" + extent);
        files.put(MERMAID, utf8(MermaidExport.write(diagram)));
        contents.put(MERMAID, "the sequence diagram as Mermaid text" + extent);
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        ordered.put(REPORT, utf8(SessionReport.html(loaded, SessionFacts.of(loaded.session()), contents)));
        ordered.putAll(files);
        try {
            writeZip(ordered);
        } catch (IOException e) {
            err.println("clusterlab bundle: cannot write " + outFile + ": " + e.getMessage());
            return 1;
        }
        out.println("wrote " + outFile + ": " + String.join(", ", ordered.keySet()));
        return 0;
    }

    private static String scenarioFileName(LoadedSession loaded) {
        Object name = loaded.traceHeader().get("scenario");
        String base = name != null ? Path.of(name.toString()).getFileName().toString() : "scenario";
        return base.endsWith(".scenario") ? base : base + ".scenario";
    }

    /** The timeline as a trace, with the header a replay needs to lay the cluster out as the scenario did. */
    private static byte[] trace(LoadedSession loaded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(new GZIPOutputStream(bytes, true), loaded.traceHeader())) {
            for (TimelineEvent e : loaded.session().timeline().all()) writer.append(e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** Written next to the target and moved into place, so a failure never leaves half a bundle under its name. */
    private void writeZip(Map<String, byte[]> files) throws IOException {
        ExportCommand.createParent(outFile);
        Path parent = outFile.toAbsolutePath().getParent();
        Path partialFile = Files.createTempFile(parent, ".bundle-", ".zip.part");
        try {
            try (OutputStream stream = Files.newOutputStream(partialFile); ZipOutputStream zip = new ZipOutputStream(stream)) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(f.getKey()));
                    zip.write(f.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(partialFile, outFile, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partialFile);
        }
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
