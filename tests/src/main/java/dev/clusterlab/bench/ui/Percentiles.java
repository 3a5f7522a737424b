package dev.clusterlab.bench.ui;

import java.util.Arrays;
import java.util.Locale;

/**
 * A growable list of durations in nanoseconds and their order statistics, for the UI benchmarks'
 * frame and seek figures. Percentiles are nearest-rank: the smallest sample with at least p% of
 * the samples at or below it, so p99 of 100 samples is the 99th smallest and p100 is the maximum.
 */
public final class Percentiles {
    private long[] samples = new long[1024];
    private int size;

    public void add(long nanos) {
        if (size == samples.length) samples = Arrays.copyOf(samples, size * 2);
        samples[size++] = nanos;
    }

    public int count() { return size; }

    /** Nearest-rank percentile {@code p} in (0, 100] of the samples so far. */
    public long percentile(double p) {
        if (size == 0) throw new IllegalStateException("no samples");
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("p must be in (0, 100]: " + p);
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size); // 1-based
        return sorted[Math.max(1, rank) - 1];
    }

    public long max() { return percentile(100); }

    public double meanNanos() {
        if (size == 0) throw new IllegalStateException("no samples");
        double sum = 0;
        for (int i = 0; i < size; i++) sum += samples[i];
        return sum / size;
    }

    /** How many samples are above {@code nanos}. */
    public int countAbove(long nanos) {
        int n = 0;
        for (int i = 0; i < size; i++) if (samples[i] > nanos) n++;
        return n;
    }

    /** "p50 1.23 ms  p99 4.56 ms  max 7.89 ms". */
    public String summaryMillis() {
        return String.format(Locale.ROOT, "p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms",
                percentile(50) / 1e6, percentile(99) / 1e6, max() / 1e6);
    }
}
