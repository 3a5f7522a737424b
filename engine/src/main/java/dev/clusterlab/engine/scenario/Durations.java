package dev.clusterlab.engine.scenario;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type and read them on the command line: {@code 15s}, {@code 1m30s}, {@code 2min}, {@code 500ms}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|min|m|h)");

    private Durations() {}

    /**
     * Parses one or more number+unit parts ({@code 1m30s}, {@code 1.5s}, {@code 250ms}, {@code 2min}, {@code 1h});
     * a bare number is seconds.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) t = t + "s";
        Matcher m = PART.matcher(t);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < t.length() && m.find(at) && m.start() == at) {
            BigDecimal unit = switch (m.group(2)) {
                case "us" -> BigDecimal.valueOf(1_000L);
                case "ms" -> BigDecimal.valueOf(1_000_000L);
                case "s" -> BigDecimal.valueOf(1_000_000_000L);
                case "m", "min" -> BigDecimal.valueOf(60_000_000_000L);
                default -> BigDecimal.valueOf(3_600_000_000_000L);
            };
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit));
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (examples: 15s, 1m30s, 2min, 500ms)");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("duration too long: " + text);
        return nanos.longValue();
    }

    /** A time as a scenario file writes it, exactly: {@code 12s}, {@code 5.5s}, {@code 1.000250s}. */
    public static String scenarioText(long nanos) {
        BigDecimal seconds = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        return (seconds.scale() < 0 ? seconds.setScale(0) : seconds).toPlainString() + "s";
    }

    /** Seconds with millisecond precision, as transcripts print time: {@code 12.000 s}. */
    public static String format(long nanos) {
        long millis = Math.floorDiv(nanos, 1_000_000L);
        return String.format(Locale.ROOT, "%d.%03d s", millis / 1000, Math.abs(millis % 1000));
    }
}
