package dev.clusterlab.app.export;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.timeline.TraceReader;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ReplayedRecording;
import dev.clusterlab.views.session.ScenarioSource;
import dev.clusterlab.views.session.SessionFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole session to export: a trace replayed, or a scenario simulated to its end. Keeps what the
 * bundle needs besides the timeline: the scenario's text (when known), the trace header, the seed.
 *
 * @param scenarioText the scenario file's text, or null (a trace of a live target)
 * @param traceHeader the fields a trace of this session carries (scenario, title, seed, scenarioText, ...)
 */
record LoadedSession(String name, LabSession session, String scenarioText, Map<String, Object> traceHeader) {

    /** The input could not be used; the message says why, for the user. */
    static final class UnusableInput extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableInput(String message) { super(message); }
    }

    /**
     * Opens {@code input}: a trace file (recognised by content), else a scenario file or shipped scenario.
     * A damaged trace is refused unless {@code partial}, then it is used up to the damage.
     */
    static LoadedSession load(String input, Long seed, boolean partial) throws UnusableInput {
        Path file = SessionFiles.regularFile(input);
        if (file != null && !input.endsWith(".scenario")) {
            TraceReader.Trace trace;
            try {
                trace = TraceReader.read(file);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                return scenario(input, seed, "damaged compressed data: " + e.getMessage());
            } catch (IOException e) {
                throw new UnusableInput("cannot read " + input + ": " + e.getMessage());
            } catch (TraceReader.NotATraceException notATrace) {
                return scenario(input, seed, notATrace.getMessage());
            }
            return replay(file, trace, partial);
        }
        return scenario(input, seed, null);
    }

    private static LoadedSession replay(Path file, TraceReader.Trace trace, boolean partial) throws UnusableInput {
        if (trace.problem() != null && !partial) {
            throw new UnusableInput("the trace is damaged: " + trace.problem()
                    + "\n(use --partial to export the " + trace.events().size() + " events before the damage)");
        }
        if (trace.events().isEmpty()) throw new UnusableInput(file + ": the trace has no events");
        LabSession session = LabSession.replay(ReplayedRecording.of(file.getFileName().toString(), trace));
        session.advanceTo(session.end());
        Map<String, Object> header = new LinkedHashMap<>(trace.header());
        return new LoadedSession(file.getFileName().toString(), session, trace.headerText(ReplayedRecording.SCENARIO_TEXT), header);
    }

    private static LoadedSession scenario(String input, Long seed, String notATrace) throws UnusableInput {
        Scenario scenario;
        String text;
        try {
            scenario = ScenarioSource.load(input);
            text = ScenarioSource.textOf(scenario);
        } catch (ScenarioSyntaxException e) {
            throw new UnusableInput(notATrace != null ? input + " is neither a trace (" + notATrace + ") nor a scenario (" + e.getMessage() + ")"
                    : e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            String why = e.getCause() instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text" : String.valueOf(e.getCause().getMessage());
            throw new UnusableInput(notATrace != null ? input + " is neither a trace (" + notATrace + ") nor a scenario (" + why + ")"
                    : "cannot read " + input + ": " + why);
        } catch (IllegalArgumentException e) {
            throw new UnusableInput(e.getMessage());
        }
        if (scenario.bindsRealDevices()) throw new UnusableInput(input + " drives real disks; export and bundle work on simulations and traces only");
        long actualSeed = seed != null ? seed : scenario.seed();
        LabSession session = LabSession.open(scenario, actualSeed, text);
        session.advanceTo(session.end());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("scenario", scenario.fileName());
        header.put("title", scenario.title());
        header.put("seed", actualSeed);
        if (text != null) header.put(ReplayedRecording.SCENARIO_TEXT, text);
        String name = Path.of(scenario.fileName()).getFileName().toString();
        return new LoadedSession(name, session, text, header);
    }
}
