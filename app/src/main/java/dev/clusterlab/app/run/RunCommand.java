package dev.clusterlab.app.run;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.ResourceGroups;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.scenario.SgPersistFormat;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineSink;
import dev.clusterlab.engine.timeline.TraceWriter;
import dev.clusterlab.views.session.ReplayedRecording;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.clusterlab.app.devices.RealDeviceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterlab run SCENARIO}: runs a scenario headless and prints what happened. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario headless, flat out, and print a narrated transcript and a summary.",
                "SCENARIO is a file, or the name of a shipped scenario (see --list).",
                "Exit status: 0 every expectation held, 1 one failed, 2 the scenario could not be used."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "Scenario file or shipped scenario name.")
    String scenario;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice (default: the scenario's seed).")
    Long seed;

    @Option(names = "--until", paramLabel = "TIME", description = "Stop at this simulated time, e.g. 90s, 1m30s, 2min (default: the last step or expectation).")
    String until;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write every timeline event as JSON Lines (gzip-compressed when FILE ends in .gz).")
    Path trace;

    @Option(names = {"-v", "--verbose"}, description = "Tell every event, including routine reads, writes and defender polls.")
    boolean verbose;

    @Mixin
    private RealDeviceOptions devices = new RealDeviceOptions();

    @Option(names = "--list", description = "List the shipped scenarios and exit.")
    boolean list;

    private final PrintStream out;
    private final PrintStream err;

    public RunCommand() { this(System.out, System.err); }

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (list) {
            listShipped();
            return 0;
        }
        if (scenario == null) {
            err.println("clusterlab run: name a scenario file or a shipped scenario; shipped: " + String.join(", ", shippedNames()));
            return 2;
        }
        String fileName;
        String text;
        try {
            Path file = Path.of(scenario);
            if (Files.isRegularFile(file)) {
                fileName = scenario;
                text = Files.readString(file, StandardCharsets.UTF_8);
            } else {
                text = ShippedScenarios.text(scenario);
                fileName = scenario.endsWith(".scenario") ? scenario : scenario + ".scenario";
                if (text == null) {
                    err.println("clusterlab run: no such file or shipped scenario: " + scenario
                            + "\nshipped scenarios: " + String.join(", ", shippedNames()));
                    return 2;
                }
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            err.println("clusterlab run: cannot read " + scenario + ": " + e.getMessage());
            return 2;
        }
        Scenario s;
        try {
            s = ScenarioParser.parse(fileName, text);
        } catch (ScenarioSyntaxException e) {
            err.println(e.getMessage());
            return 2;
        }
        Long end = null;
        if (until != null) {
            try {
                end = Durations.parse(until);
            } catch (IllegalArgumentException e) {
                err.println("clusterlab run: --until: " + e.getMessage());
                return 2;
            }
        }
        String problem = devices.validate();
        if (problem != null) {
            err.println("clusterlab run: " + problem);
            return 2;
        }
        return run(s, text, end);
    }

    private int run(Scenario s, String text, Long end) {
        long actualSeed = seed != null ? seed : s.seed();
        header(s, actualSeed);
        Timeline timeline = new Timeline();
        ClusterSimulation[] simulation = new ClusterSimulation[1];
        TranscriptPrinter printer = new TranscriptPrinter(out,
                port -> simulation[0] == null ? null : simulation[0].fabric().describe(port),
                verbose ? Narrator.Detail.EVERYTHING : Narrator.Detail.STORY, text.lines().toList());
        TimelineSink sink = TimelineSink.both(timeline, printer);
        try (TraceWriter traceWriter = trace == null ? null : openTrace(s, actualSeed, text)) {
            if (traceWriter != null) sink = TimelineSink.both(sink, traceWriter);
            ScenarioRun result = ScenarioRunner.run(s, actualSeed, end, sink, printer, sim -> {
                simulation[0] = sim;
                timeline.resolveNodesWith(sim.fabric()::nodeOf);
                realDisks(sim);
            }, devices.realDevices());
            printer.flush();
            summary(result, timeline);
            return result.passed() ? 0 : 1;
        } catch (IOException e) {
            err.println("clusterlab run: cannot write the trace " + trace + ": " + e.getMessage());
            return 2;
        } catch (java.io.UncheckedIOException e) {
            err.println("clusterlab run: " + e.getCause().getMessage());
            return 2;
        }
    }

    /** Says which disks are real, how each node path reaches them, and whether they are armed. */
    private void realDisks(ClusterSimulation sim) {
        for (SharedDisk d : sim.fabric().disks()) {
            if (!d.isReal()) continue;
            String ids = d.real().identities().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "));
            out.println("real disk " + d.name() + ": " + d.real().url() + " (" + (ids.isEmpty() ? "identity unknown" : ids) + ") "
                    + (d.real().armed() ? "ARMED" + (devices.allowDataWrites() ? " with data writes" : " for reservation commands")
                    : "read-only (arm with --arm " + (ids.isEmpty() ? "IDENTITY" : ids) + ")"));
            for (String p : d.real().describePaths()) out.println("  " + p);
        }
        if (sim.fabric().disks().stream().anyMatch(SharedDisk::isReal)) {
            out.println("audit log: " + devices.auditLogPath());
            out.println();
        }
    }


    private TraceWriter openTrace(Scenario s, long actualSeed, String text) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("scenario", s.fileName());
        header.put("title", s.title());
        header.put("seed", actualSeed);
        header.put(ReplayedRecording.SCENARIO_TEXT, text); // so a replay lays the cluster out as the scenario does
        return TraceWriter.toFile(trace, header);
    }

    private void header(Scenario s, long actualSeed) {
        out.println(s.title());
        if (!s.description().isEmpty()) {
            for (String l : s.description().split("\n")) out.println("  " + l);
        }
        out.println("  policy " + s.policy().fileName() + ", quorum " + s.quorum().model().fileName()
                + (s.quorum().witnessDisk() != null ? " (witness " + s.quorum().witnessDisk() + ")" : "")
                + ", " + s.nodes().size() + " nodes, " + s.disks().size() + " disks, seed " + actualSeed);
        out.println();
    }

    private void summary(ScenarioRun r, Timeline timeline) {
        ClusterSimulation sim = r.simulation();
        out.println();
        out.println("summary");
        out.printf(Locale.ROOT, "  simulated %s, %,d events, seed %d%n", Durations.format(r.endNanos()), timeline.size(), r.seed());
        for (ResourceGroups.Group g : sim.groups().all()) {
            List<String> on = sim.groups().onlineNodes(g.name());
            out.println("  group " + g.name() + ": " + (on.isEmpty() ? "offline" : "online on " + String.join(", ", on)));
        }
        for (SharedDisk d : sim.fabric().disks()) out.println("  disk " + d.name() + ": " + reservation(sim, d));
        long held = r.expectations().stream().filter(ScenarioRun.ExpectationResult::held).count();
        out.println("  expectations: " + held + " held, " + r.failedCount() + " failed");
        for (ScenarioRun.ExpectationResult e : r.expectations()) {
            if (!e.held()) out.println("    FAILED line " + e.expectation().line() + ": " + e.observed());
        }
        out.println("integrity violations: " + r.violations().size());
    }

    private static String reservation(ClusterSimulation sim, SharedDisk d) {
        ReservationSnapshot snap = d.reservationState();
        List<String> parts = new ArrayList<>();
        if (snap.spc2Holder() != null) parts.add("SCSI-2 reserved by " + name(sim, snap.spc2Holder().initiator()));
        if (snap.reserved()) {
            List<String> holders = new ArrayList<>();
            for (ReservationSnapshot.Registrant reg : snap.registrants()) {
                if (reg.holder() && !holders.contains(name(sim, reg.initiator()))) holders.add(name(sim, reg.initiator()));
            }
            parts.add("reserved by " + String.join(", ", holders) + " (" + SgPersistFormat.typeName(snap.reservationType()) + ")");
        }
        parts.add(snap.registrants().size() + " registration" + (snap.registrants().size() == 1 ? "" : "s"));
        parts.add("generation " + snap.generation());
        return String.join(", ", parts);
    }

    private static String name(ClusterSimulation sim, dev.clusterlab.engine.scsi.InitiatorPort port) {
        String n = sim.fabric().describe(port);
        return n != null ? n : port.displayName();
    }

    private void listShipped() {
        for (String name : shippedNames()) {
            String text = ShippedScenarios.text(name);
            String title = "";
            for (String l : text.lines().toList()) {
                if (l.startsWith("title:")) {
                    title = l.substring(6).strip();
                    break;
                }
            }
            out.printf(Locale.ROOT, "%-40s %s%n", name.replace(".scenario", ""), title);
        }
    }

    private static List<String> shippedNames() {
        List<String> names = new ArrayList<>();
        for (String n : ShippedScenarios.names()) names.add(n.replace(".scenario", ""));
        return names;
    }
}
