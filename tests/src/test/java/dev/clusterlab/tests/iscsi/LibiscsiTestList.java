package dev.clusterlab.tests.iscsi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tests iscsi-test-cu has in its ALL family, by suite, in the order it runs them. */
public final class LibiscsiTestList {
    private static final Pattern ALL_TEST = Pattern.compile("^ALL\\.([^.\\s]+)\\.([^.\\s]+)\\s*$");

    private LibiscsiTestList() {}

    /** Asks the installed iscsi-test-cu ({@code -l}). */
    public static Map<String, List<String>> of(Path iscsiTestCu) {
        ExternalTools.Outcome o = ExternalTools.run(List.of(iscsiTestCu.toString(), "-l"), Duration.ofSeconds(30));
        Map<String, List<String>> suites = parse(o.text());
        if (suites.isEmpty()) throw new AssertionError("iscsi-test-cu -l listed no ALL.* tests: " + o.describe() + "\n" + o.text());
        return suites;
    }

    /** Suite name to test names, from the listing's {@code ALL.Suite.Test} lines. */
    public static Map<String, List<String>> parse(String listing) {
        Map<String, List<String>> suites = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            Matcher m = ALL_TEST.matcher(line);
            if (m.matches()) suites.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
        }
        return suites;
    }
}
