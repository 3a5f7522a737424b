package dev.clusterlab.views.session;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Finds a scenario by file path or by the name of a shipped one, and parses it. */
public final class ScenarioSource {
    /** The demo the window opens with no arguments: a 2-node WSFC cluster, a disk witness, one data disk. */
    public static final String DEMO = "wsfc-owner-power-off";

    private ScenarioSource() {}

    /**
     * The scenario in file {@code nameOrPath}, else the shipped scenario of that name.
     *
     * @throws IllegalArgumentException when there is neither (the message lists the shipped ones)
     * @throws ScenarioSyntaxException when the text does not parse
     */
    public static Scenario load(String nameOrPath) throws ScenarioSyntaxException {
        try {
            Path file = Path.of(nameOrPath);
            if (Files.isRegularFile(file)) return ScenarioParser.parse(nameOrPath, Files.readString(file, StandardCharsets.UTF_8));
        } catch (InvalidPathException notAPath) {
            // fall through to the shipped scenarios
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + nameOrPath, e);
        }
        String name = nameOrPath.endsWith(".scenario") ? nameOrPath.substring(0, nameOrPath.length() - ".scenario".length()) : nameOrPath;
        String text = ShippedScenarios.text(name);
        if (text == null) {
            throw new IllegalArgumentException("no such file or shipped scenario: " + nameOrPath
                    + "\nshipped scenarios: " + String.join(", ", ShippedScenarios.names()));
        }
        return ScenarioParser.parse(name + ".scenario", text);
    }

    /**
     * The text {@code scenario} was parsed from: its file when {@link Scenario#fileName()} names a
     * readable one, else the shipped scenario of that name, else null.
     */
    public static String textOf(Scenario scenario) {
        String name = scenario.fileName();
        try {
            Path file = Path.of(name);
            if (Files.isRegularFile(file)) return Files.readString(file, StandardCharsets.UTF_8);
        } catch (InvalidPathException | IOException e) {
            // not a readable file: try the shipped scenarios
        }
        return ShippedScenarios.text(name.endsWith(".scenario") ? name.substring(0, name.length() - ".scenario".length()) : name);
    }

    public static Scenario demo() {
        try {
            return load(DEMO);
        } catch (ScenarioSyntaxException e) {
            throw new IllegalStateException("the shipped demo does not parse", e);
        }
    }
}
