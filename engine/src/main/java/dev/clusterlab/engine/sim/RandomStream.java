package dev.clusterlab.engine.sim;

/**
 * One deterministic stream of random numbers (SplitMix64, Steele/Lea/Flood 2014), with the draws a
 * cluster simulation needs: jitter and Bernoulli loss. Every method consumes a fixed, documented
 * number of draws where it can, so that changing a parameter (say a loss probability of 0) does not
 * shift the rest of the stream. Uses StrictMath so results are identical on every platform.
 */
public final class RandomStream {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    /** Rejection attempts for a bounded normal before falling back to clamping. */
    private static final int NORMAL_ATTEMPTS = 16;

    private long state;

    RandomStream(long initialState) { this.state = initialState; }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, 1); one draw. */
    public double nextDouble() { return (nextLong() >>> 11) * DOUBLE_UNIT; }

    /** Uniform in [0, bound), bound > 0; unbiased (rejection), usually one draw. */
    public long nextLong(long bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        long mask = bound - 1;
        long bits = nextLong() >>> 1;
        if ((bound & mask) == 0) return bits & mask;
        long value;
        while (bits - (value = bits % bound) + mask < 0) bits = nextLong() >>> 1;
        return value;
    }

    /** Uniform in [0, bound), bound > 0. */
    public int nextInt(int bound) { return (int) nextLong(bound); }

    /** Uniform in [min, max] inclusive; e.g. a network delay between two bounds, in nanoseconds. */
    public long uniform(long min, long max) {
        if (max < min) throw new IllegalArgumentException("max < min: " + max + " < " + min);
        if (max - min < 0 || max - min == Long.MAX_VALUE) {
            throw new IllegalArgumentException("range too wide: " + min + ".." + max);
        }
        return min + nextLong(max - min + 1);
    }

    /** {@code base} plus a uniform jitter in [-maxJitter, +maxJitter], never below 0. */
    public long jitter(long base, long maxJitter) {
        if (maxJitter < 0) throw new IllegalArgumentException("negative jitter: " + maxJitter);
        return Math.max(0, uniform(base - maxJitter, base + maxJitter));
    }

    /** Standard normal (Box-Muller with StrictMath); two draws. */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1]: log(0) would be -infinity
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /**
     * A normal value with {@code mean} and {@code stdDev}, truncated to [min, max] by redrawing
     * (a clamped normal would pile probability on the bounds); after a bounded number of redraws it
     * clamps, so pathological bounds cannot loop forever. Rounded to the nearest long.
     */
    public long normal(double mean, double stdDev, long min, long max) {
        if (max < min) throw new IllegalArgumentException("max < min: " + max + " < " + min);
        if (!(stdDev >= 0)) throw new IllegalArgumentException("stdDev must be >= 0: " + stdDev);
        double value = mean;
        for (int attempt = 0; attempt < NORMAL_ATTEMPTS; attempt++) {
            value = mean + stdDev * nextGaussian();
            if (value >= min && value <= max) return Math.round(value);
        }
        return Math.max(min, Math.min(max, Math.round(value)));
    }

    /** True with probability {@code p} (e.g. a lost packet); always exactly one draw. */
    public boolean bernoulli(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability outside [0, 1]: " + p);
        return nextDouble() < p;
    }

    /** SplitMix64 finalizer (Stafford variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
