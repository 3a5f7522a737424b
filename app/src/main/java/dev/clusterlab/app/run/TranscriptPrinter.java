package dev.clusterlab.app.run;

import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scenario.LabCommand;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scenario.StepResultFormat;
import dev.clusterlab.engine.scenario.Step;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Prints a scenario run as a narrated transcript: one line per told event ({@link Narrator}), each
 * scenario step with its result (PR IN answers as sg_persist prints them), and each expectation's
 * verdict when its time comes. A command that fences a node is told on one line:
 * {@code 12.000 s  node-b/p1  PR OUT PREEMPT AND ABORT ... -> GOOD; node-a fenced off data}.
 */
final class TranscriptPrinter implements TimelineSink, ScenarioRunner.Listener {
    private final PrintStream out;
    private final Narrator narrator;
    private final List<String> sourceLines;
    private Narrator.Line held; // a command line waiting to see whether a fencing follows it
    private boolean inStep;

    TranscriptPrinter(PrintStream out, Function<InitiatorPort, String> names, Narrator.Detail detail, List<String> sourceLines) {
        this.out = out;
        this.narrator = new Narrator(names, detail);
        this.sourceLines = sourceLines;
    }

    @Override
    public void append(TimelineEvent event) {
        Narrator.Line line = narrator.narrate(event);
        boolean command = event instanceof TimelineEvent.CommandStarted || event instanceof TimelineEvent.CommandCompleted;
        if (line == null || (inStep && command)) return;
        if (event instanceof TimelineEvent.NodeFenced f && held != null && held.time() == f.time()
                && held.actor().startsWith(f.by())) {
            print(new Narrator.Line(held.time(), held.actor(), held.text() + "; " + f.victim() + " fenced off " + f.disk(), true));
            held = null;
            return;
        }
        flush();
        if (command) held = line;
        else print(line);
    }

    @Override
    public void stepStarting(Step step, long timeNanos) {
        flush();
        inStep = step instanceof Step.Command;
        if (step instanceof Step.Fault) print(new Narrator.Line(timeNanos, "scenario", source(step.line()), true));
    }

    @Override
    public void stepRan(ScenarioRun.StepResult result) {
        inStep = false;
        if (!(result.step() instanceof Step.Command c)) return;
        LabCommand cmd = c.command();
        String actor = cmd.node() + (cmd.path() != null ? "/" + cmd.path() : "");
        print(new Narrator.Line(result.timeNanos(), actor, c.command().text() + "  [" + result.disk() + "] -> " + describe(result.outcome()), false));
        String details = details(cmd, result.outcome());
        if (!details.isEmpty()) {
            for (String l : details.split("\n")) out.println(" ".repeat(26) + l);
        }
    }

    @Override
    public void expectationChecked(ScenarioRun.ExpectationResult r, long timeNanos) {
        flush();
        out.printf(Locale.ROOT, "%10s  %-12s  %s: %s (%s)%n", Durations.format(timeNanos), "expect",
                source(r.expectation().line()), r.held() ? "held" : "FAILED", r.observed());
    }

    /** Prints whatever is still held back (call at the end of the run). */
    void flush() {
        if (held != null) print(held);
        held = null;
    }

    private void print(Narrator.Line line) {
        out.printf(Locale.ROOT, "%10s  %-12s  %s%n", Durations.format(line.time()), line.actor(), line.text());
    }

    private String source(int line) {
        String text = line >= 1 && line <= sourceLines.size() ? sourceLines.get(line - 1).strip() : "";
        int hash = text.indexOf(" #");
        if (hash > 0) text = text.substring(0, hash).strip();
        return "line " + line + ": " + text;
    }

    static String describe(IoOutcome outcome) { return StepResultFormat.outcome(outcome); }

    private static String details(LabCommand cmd, IoOutcome outcome) { return StepResultFormat.details(cmd, outcome); }
}
