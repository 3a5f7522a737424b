package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.scenario.SourceLine.Token;
import java.math.BigDecimal;
import java.time.Duration;

/** Parsing of the value forms scenario files use: names, durations, sizes, counts, loss rates. */
final class ScenarioValues {

    /** At most a year of simulated time: beyond that a value is surely a typo. */
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Duration.ofDays(366).toNanos());
    private static final long MAX_SIZE = 1L << 50; // 1 PiB

    private ScenarioValues() {}

    static boolean isName(String s) {
        if (s.isEmpty() || s.length() > 64 || !isAsciiLetter(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.') return false;
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    static String name(SourceLine line, String text, int column, String what) throws ScenarioSyntaxException {
        if (!isName(text))
            throw line.error(column, "expected a " + what + " name (a letter, then letters, digits, '-', '_' or '.'), got '" + text + "'");
        return text;
    }

    /** {@code 250us}, {@code 1.5s}, {@code 10ms}, {@code 2min}: a decimal number and a unit. */
    static Duration duration(SourceLine line, String text, int column) throws ScenarioSyntaxException {
        String unit;
        long nanosPerUnit;
        if (text.endsWith("us")) { unit = "us"; nanosPerUnit = 1_000L; }
        else if (text.endsWith("ms")) { unit = "ms"; nanosPerUnit = 1_000_000L; }
        else if (text.endsWith("min")) { unit = "min"; nanosPerUnit = 60_000_000_000L; }
        else if (text.endsWith("s")) { unit = "s"; nanosPerUnit = 1_000_000_000L; }
        else throw line.error(column, "expected a duration with a unit (us, ms, s or min), e.g. 5s, got '" + text + "'");
        String number = text.substring(0, text.length() - unit.length());
        BigDecimal value = decimal(number);
        if (value == null) throw line.error(column, "expected a duration such as 5s, 1.5s or 200ms, got '" + text + "'");
        BigDecimal nanos = value.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(MAX_NANOS) > 0) throw line.error(column, "duration '" + text + "' is too long (at most 366 days)");
        if (nanos.stripTrailingZeros().scale() > 0) throw line.error(column, "duration '" + text + "' is finer than 1 ns");
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** {@code 512}, {@code 64K}, {@code 10G}: bytes with binary suffixes K, M, G, T; a multiple of 512. */
    static long size(SourceLine line, String text, int column) throws ScenarioSyntaxException {
        long multiplier = 1;
        String digits = text;
        if (!text.isEmpty()) {
            int shift = switch (text.charAt(text.length() - 1)) {
                case 'K', 'k' -> 10;
                case 'M', 'm' -> 20;
                case 'G', 'g' -> 30;
                case 'T', 't' -> 40;
                default -> 0;
            };
            if (shift > 0) {
                multiplier = 1L << shift;
                digits = text.substring(0, text.length() - 1);
            }
        }
        long n = wholeNumber(digits);
        if (n < 0) throw line.error(column, "expected a size such as 512, 64K, 10G or 1T, got '" + text + "'");
        if (n == 0 || n > MAX_SIZE / multiplier) throw line.error(column, "size '" + text + "' must be more than 0 and at most 1024T");
        long bytes = n * multiplier;
        if (bytes % 512 != 0) throw line.error(column, "size '" + text + "' must be a multiple of 512 bytes (one block)");
        return bytes;
    }

    /** A whole number of at most 18 digits, as written (decimal); -1 when it is not one. */
    static long wholeNumber(String text) {
        if (text.isEmpty() || text.length() > 18) return -1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) < '0' || text.charAt(i) > '9') return -1;
        return Long.parseLong(text);
    }

    static long count(SourceLine line, String text, int column, long min, long max) throws ScenarioSyntaxException {
        long n = wholeNumber(text);
        if (n < 0) throw line.error(column, "expected a whole number, got '" + text + "'");
        if (n < min || n > max) throw line.error(column, "expected a number from " + min + " to " + max + ", got " + text);
        return n;
    }

    /** Message loss: a fraction from 0 to 1 ({@code 0.05}) or a percentage ({@code 5%}). */
    static double loss(SourceLine line, String text, int column) throws ScenarioSyntaxException {
        boolean percent = text.endsWith("%");
        BigDecimal v = decimal(percent ? text.substring(0, text.length() - 1) : text);
        if (v == null) throw line.error(column, "expected a loss rate such as 0, 0.05 or 5%, got '" + text + "'");
        if (percent) v = v.movePointLeft(2);
        if (v.compareTo(BigDecimal.ONE) > 0) throw line.error(column, "loss rate '" + text + "' must be at most 1 (100%)");
        return v.doubleValue();
    }

    /** Digits with at most one '.', at most 18 characters; null otherwise. */
    private static BigDecimal decimal(String s) {
        if (s.isEmpty() || s.length() > 18 || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.') return null;
        boolean dot = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (dot) return null;
                dot = true;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        return new BigDecimal(s);
    }

    static Token expectToken(SourceLine line, java.util.List<Token> tokens, int index, String expected)
            throws ScenarioSyntaxException {
        if (index < tokens.size()) return tokens.get(index);
        int column = tokens.isEmpty() ? line.contentEnd + 1 : tokens.get(tokens.size() - 1).end();
        throw line.error(column, "expected " + expected);
    }
}
