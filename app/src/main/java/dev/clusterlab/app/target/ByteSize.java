package dev.clusterlab.app.target;

import java.util.Locale;

/**
 * Sizes as operators write them: a whole number of bytes with an optional K, M, G or T suffix
 * (binary units, so 1G is 1024^3 bytes), e.g. {@code 64M}, {@code 1G}, {@code 1048576}.
 */
public final class ByteSize {
    private static final String SUFFIXES = "KMGT";

    private ByteSize() {}

    /**
     * Parses {@code text} into bytes.
     *
     * @throws IllegalArgumentException when it is not a positive whole size or overflows a long
     */
    public static long parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) throw new IllegalArgumentException("empty size");
        int shift = 0;
        char last = Character.toUpperCase(s.charAt(s.length() - 1));
        int unit = SUFFIXES.indexOf(last);
        if (unit >= 0) {
            shift = 10 * (unit + 1);
            s = s.substring(0, s.length() - 1);
        } else if (last == 'B' && s.length() >= 2 && SUFFIXES.indexOf(Character.toUpperCase(s.charAt(s.length() - 2))) >= 0) {
            throw new IllegalArgumentException("'" + text + "': write sizes without the B, e.g. 1G (binary units)");
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9'))
            throw new IllegalArgumentException("'" + text + "' is not a size: use a whole number with an optional K, M, G or T suffix, e.g. 1G");
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (n == 0) throw new IllegalArgumentException("'" + text + "': a size must be larger than zero");
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException("'" + text + "' is too large");
        return n << shift;
    }

    /** The size in the largest binary unit that divides it, e.g. {@code 1 GiB}, {@code 1536 KiB}. */
    public static String format(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v != 0 && (v & 1023) == 0) {
            v >>= 10;
            u++;
        }
        return String.format(Locale.ROOT, "%d %s", v, units[u]);
    }
}
