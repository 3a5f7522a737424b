package dev.clusterlab.views.session;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a lab session as a scenario file: the file it was opened from, unchanged, with each of the
 * user's actions inserted as an {@code at TIME: ...} step where time order puts it (scenario steps
 * must be in time order). Keeping the original text keeps its comments and layout.
 */
final class SessionScenario {
    static final String MARK = "# added in the lab";

    private SessionScenario() {}

    static String write(String sourceText, Scenario scenario, List<SessionAction> actions) {
        List<String> lines = new ArrayList<>(List.of(sourceText.split("\n", -1)));
        boolean trailingNewline = sourceText.endsWith("\n");
        if (trailingNewline) lines.remove(lines.size() - 1);
        // For each action, the (1-based) source line it goes after: the last step at or before its time.
        List<List<String>> after = new ArrayList<>();
        for (int i = 0; i <= lines.size(); i++) after.add(new ArrayList<>());
        int lastStepLine = 0, firstStepLine = 0;
        for (Step s : scenario.steps()) {
            lastStepLine = Math.max(lastStepLine, s.line());
            if (firstStepLine == 0 || s.line() < firstStepLine) firstStepLine = s.line();
        }
        for (SessionAction a : actions) {
            int line = 0;
            for (Step s : scenario.steps()) if (s.at().toNanos() <= a.at()) line = Math.max(line, s.line());
            if (line == 0) line = firstStepLine > 0 ? firstStepLine - 1 : lines.size();
            after.get(line).add("at " + Durations.scenarioText(a.at()) + ": " + a.text() + "   " + MARK);
        }
        StringBuilder out = new StringBuilder();
        for (String l : after.get(0)) out.append(l).append('\n');
        for (int i = 1; i <= lines.size(); i++) {
            out.append(lines.get(i - 1)).append('\n');
            for (String l : after.get(i)) out.append(l).append('\n');
        }
        String text = out.toString();
        return trailingNewline || text.isEmpty() ? text : text.substring(0, text.length() - 1);
    }
}
