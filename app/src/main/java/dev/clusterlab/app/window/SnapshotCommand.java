package dev.clusterlab.app.window;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.fx.WindowSnapshot;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import dev.clusterlab.views.session.SessionFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterlab snapshot SCENARIO --at T --out FILE.png}: the whole lab window at simulated time T, as a PNG, with no display. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Render the lab window of a scenario at a simulated time into a PNG, headlessly (no display needed).")
public final class SnapshotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO|TRACE", description = "A scenario file, the name of a shipped scenario (e.g. wsfc-owner-power-off), or a trace to replay (from run --trace).")
    String scenario;

    @Option(names = "--at", required = true, paramLabel = "T", description = "Simulated time to show, e.g. 15s, 1m30s, 250ms.")
    String at;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path outFile;

    @Option(names = "--size", defaultValue = "1600x1000", paramLabel = "WxH", description = "Picture size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--theme", defaultValue = "light", paramLabel = "light|dark", description = "Colour theme (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the scenario's).")
    Long seed;

    @Option(names = "--presenter", description = "Presenter mode: large type, high contrast, no inspector or console.")
    boolean presenter;

    @Option(names = "--console", paramLabel = "LINE", description = "Type LINE into the command console at T before the picture "
            + "is taken (repeatable), e.g. --console \"node-b --read-keys data\".")
    java.util.List<String> consoleLines = new java.util.ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    public SnapshotCommand() { this(System.out, System.err); }

    SnapshotCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @picocli.CommandLine.Mixin
    private dev.clusterlab.app.devices.RealDeviceOptions devices = new dev.clusterlab.app.devices.RealDeviceOptions();

    @Override
    public Integer call() {
        long atNanos;
        int width, height;
        Theme chosenTheme;
        try {
            atNanos = Durations.parse(at);
            int x = size.toLowerCase(java.util.Locale.ROOT).indexOf('x');
            if (x < 0) throw new IllegalArgumentException("--size must look like 1600x1000: " + size);
            width = Integer.parseInt(size.substring(0, x).strip());
            height = Integer.parseInt(size.substring(x + 1).strip());
            if (width < 320 || height < 240 || width > 8192 || height > 8192) {
                throw new IllegalArgumentException("--size must be between 320x240 and 8192x8192: " + size);
            }
            chosenTheme = Theme.parse(theme);
        } catch (IllegalArgumentException e) {
            err.println("clusterlab snapshot: " + e.getMessage());
            return 2;
        }
        String problem = devices.validate();
        if (problem != null) {
            err.println("clusterlab snapshot: " + problem);
            return 2;
        }
        LabSession session;
        try {
            if (seed != null) {
                Scenario s = ScenarioSource.load(scenario);
                session = LabSession.open(s, seed, ScenarioSource.textOf(s), devices.realDevices());
            } else {
                session = SessionFiles.open(scenario, devices.realDevices()); // a scenario, or a trace to replay
            }
        } catch (java.io.UncheckedIOException e) {
            err.println("clusterlab snapshot: " + e.getCause().getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("clusterlab snapshot: " + e.getMessage());
            return 2;
        } catch (ScenarioSyntaxException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (atNanos > session.end()) {
            err.println("clusterlab snapshot: --at " + at + " is after the scenario's end (" + Durations.format(session.end()) + ")");
            return 2;
        }
        try {
            WindowSnapshot.writePng(session, atNanos, width, height, chosenTheme, presenter, consoleLines, outFile);
        } catch (IOException e) {
            err.println("clusterlab snapshot: cannot write " + outFile + ": " + e.getMessage());
            return 1;
        } finally {
            session.close(); // logs out of real devices, if the scenario has any
        }
        out.println("wrote " + outFile + " (" + width + "x" + height + ", " + session.title() + " at " + Durations.format(atNanos) + (presenter ? ", presenter mode" : "") + ")");
        return 0;
    }
}
