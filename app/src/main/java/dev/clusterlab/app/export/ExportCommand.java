package dev.clusterlab.app.export;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.views.sequence.CommandKind;
import dev.clusterlab.views.sequence.export.MermaidExport;
import dev.clusterlab.views.sequence.export.PlantUmlExport;
import dev.clusterlab.views.sequence.export.PngExport;
import dev.clusterlab.views.sequence.export.SequenceDiagram;
import dev.clusterlab.views.sequence.export.SvgExport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterlab export TRACE|SCENARIO --svg F ...}: the sequence diagram as pictures and text, the session as a capture. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a session's sequence diagram (SVG, PNG, PlantUML, Mermaid) or the session as a pcapng capture.",
                "A trace is replayed; a scenario (file or shipped name) is simulated to its end first.",
                "Exit status: 0 written, 1 an output could not be written, 2 the input or an option could not be used."})
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRACE|SCENARIO", description = "A trace (from run --trace), a scenario file, or a shipped scenario's name.")
    String input;

    @Option(names = "--svg", paramLabel = "FILE", description = "The sequence diagram as SVG.")
    Path svg;

    @Option(names = "--png", paramLabel = "FILE", description = "The sequence diagram as a PNG picture (at most " + PngExport.MAX_HEIGHT + " px tall).")
    Path png;

    @Option(names = "--plantuml", paramLabel = "FILE", description = "The sequence diagram as PlantUML text.")
    Path plantUml;

    @Option(names = "--mermaid", paramLabel = "FILE", description = "The sequence diagram as a Mermaid sequenceDiagram.")
    Path mermaid;

    @Option(names = "--pcapng", paramLabel = "FILE", description = "The whole session as a pcapng capture of iSCSI over TCP (for Wireshark).")
    Path pcapng;

    @Option(names = "--from", paramLabel = "T", description = "Diagram rows from this session time on, e.g. 5s (default: the start).")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "Diagram rows up to this session time, e.g. 1m30s (default: the end).")
    String to;

    @Option(names = "--node", paramLabel = "NODE", description = "Only this node's commands and cluster events.")
    String node;

    @Option(names = "--disk", paramLabel = "DISK", description = "Only commands to this disk.")
    String disk;

    @Option(names = "--kinds", paramLabel = "K,K", split = ",", description = "Command kinds to show: pr-out, pr-in, data-io, other (default: all).")
    java.util.List<String> kinds;

    @Option(names = "--no-cluster-events", description = "Leave out the cluster-event marks (fencing, groups, members, nodes down).")
    boolean noClusterEvents;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for a scenario's simulation (default: the scenario's).")
    Long seed;

    @Option(names = "--partial", description = "Export a damaged trace up to the damage instead of refusing it.")
    boolean partial;

    private final PrintStream out;
    private final PrintStream err;

    public ExportCommand() { this(System.out, System.err); }

    ExportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (svg == null && png == null && plantUml == null && mermaid == null && pcapng == null) {
            return fail("name at least one output: --svg, --png, --plantuml, --mermaid or --pcapng");
        }
        SequenceDiagram.Selection selection;
        try {
            selection = selection();
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        LoadedSession loaded;
        try {
            loaded = LoadedSession.load(input, seed, partial);
        } catch (LoadedSession.UnusableInput e) {
            return fail(e.getMessage());
        }
        if (node != null && !loaded.session().topology().nodeNames().contains(node)) {
            return fail("--node " + node + ": no such node; nodes: " + String.join(", ", loaded.session().topology().nodeNames()));
        }
        if (disk != null && !loaded.session().topology().diskNames().contains(disk)) {
            return fail("--disk " + disk + ": no such disk; disks: " + String.join(", ", loaded.session().topology().diskNames()));
        }
        SequenceDiagram diagram = SequenceDiagram.of(loaded.session(), selection);
        try {
            if (svg != null) text(svg, SvgExport.write(diagram), "SVG");
            if (plantUml != null) text(plantUml, PlantUmlExport.write(diagram), "PlantUML");
            if (mermaid != null) text(mermaid, MermaidExport.write(diagram), "Mermaid");
            if (png != null) png(diagram);
            if (pcapng != null) {
                String[] why = new String[1];
                byte[] capture = CaptureFile.of(loaded.session(), why);
                if (capture == null) return fail("--pcapng: " + why[0]);
                createParent(pcapng);
                Files.write(pcapng, capture);
                out.println("wrote " + pcapng + " (pcapng, " + loaded.session().timeline().size() + " timeline events)");
            }
        } catch (IOException e) {
            err.println("clusterlab export: cannot write: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private SequenceDiagram.Selection selection() {
        long fromNanos = from == null ? 0 : parseTime("--from", from);
        long toNanos = to == null ? Long.MAX_VALUE : parseTime("--to", to);
        if (toNanos < fromNanos) throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        EnumSet<CommandKind> chosen = EnumSet.noneOf(CommandKind.class);
        if (kinds == null || kinds.isEmpty()) chosen = EnumSet.allOf(CommandKind.class);
        else for (String k : kinds) chosen.add(kind(k.strip()));
        return new SequenceDiagram.Selection(fromNanos, toNanos, node, disk, chosen, !noClusterEvents);
    }

    private static long parseTime(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static CommandKind kind(String name) {
        for (CommandKind k : CommandKind.values()) {
            if (k.name().replace('_', '-').equalsIgnoreCase(name)) return k;
        }
        throw new IllegalArgumentException("--kinds: unknown kind " + name + "; kinds: pr-out, pr-in, data-io, other");
    }

    private void text(Path file, String content, String what) throws IOException {
        createParent(file);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        out.println("wrote " + file + " (" + what + ", " + content.lines().count() + " lines)");
    }

    private void png(SequenceDiagram diagram) throws IOException {
        createParent(png);
        PngExport.Result r;
        try (OutputStream stream = Files.newOutputStream(png)) {
            r = PngExport.write(diagram, stream);
        }
        out.println(String.format(Locale.ROOT, "wrote %s (PNG, %dx%d%s)", png, r.width(), r.height(),
                r.rowsShown() < r.rowsTotal() ? ", the first " + r.rowsShown() + " of " + r.rowsTotal() + " rows: narrow it with --from/--to" : ""));
    }

    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }

    private int fail(String message) {
        err.println("clusterlab export: " + message);
        return 2;
    }
}
