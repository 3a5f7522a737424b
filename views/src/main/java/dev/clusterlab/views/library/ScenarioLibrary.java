package dev.clusterlab.views.library;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import java.util.ArrayList;
import java.util.List;

/** The shipped scenarios as the library lists them: name, title and the first sentence of the description. */
public final class ScenarioLibrary {

    /** One shipped scenario: {@code name} opens it (e.g. {@code wsfc-owner-power-off}). */
    public record Entry(String name, String title, String summary) {}

    private ScenarioLibrary() {}

    /** Every shipped scenario in library order; one that does not parse is listed with the error as its summary. */
    public static List<Entry> shipped() {
        List<Entry> out = new ArrayList<>();
        for (String file : ShippedScenarios.names()) {
            String name = file.endsWith(".scenario") ? file.substring(0, file.length() - ".scenario".length()) : file;
            try {
                Scenario s = ScenarioParser.parse(file, ShippedScenarios.text(name));
                out.add(new Entry(name, s.title(), firstSentence(s.description())));
            } catch (ScenarioSyntaxException e) {
                out.add(new Entry(name, name, e.getMessage()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The description up to the end of its first sentence: a '.', '!' or '?' followed by a space or
     * the end (so "2.7" or "e.g." inside a word do not end it). Description lines are joined with spaces.
     */
    public static String firstSentence(String description) {
        String text = description.replace('\n', ' ').strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) return text.substring(0, i + 1);
        }
        return text;
    }
}
