package dev.clusterlab.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios shipped with ClusterLab, in library order. {@code scenarios/index.txt} lists their
 * file names, one per line, so the library is the same from a jar and from a build directory.
 */
public final class ShippedScenarios {
    private static final String DIRECTORY = "scenarios/";

    private ShippedScenarios() {}

    /** File names such as {@code wsfc-owner-power-off.scenario}, in library order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String line : read("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) names.add(name);
        }
        return List.copyOf(names);
    }

    /**
     * The shipped scenario called {@code name}, with or without the {@code .scenario} suffix, or null
     * when there is none by that name.
     */
    public static String text(String name) {
        String file = name.endsWith(".scenario") ? name : name + ".scenario";
        if (!names().contains(file) && !file.equals("example.scenario")) return null;
        return read(file);
    }

    private static String read(String file) {
        try (InputStream in = ShippedScenarios.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) throw new IllegalStateException("missing packaged resource " + DIRECTORY + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
