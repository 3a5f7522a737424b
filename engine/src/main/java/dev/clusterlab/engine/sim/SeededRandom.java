package dev.clusterlab.engine.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * All randomness of one simulation, derived from one seed and split into independent named streams
 * ("network", "faults", ...), so that drawing more numbers from one stream never shifts another:
 * adding a fault to a scenario does not change its network jitter.
 *
 * <p>Derivation (stable across JDK versions, because traces must be byte-identical): the stream's
 * seed is {@code mix64(seed + mix64(fnv1a64(name)))} where {@code fnv1a64} is 64-bit FNV-1a over the
 * name's UTF-16 code units and {@code mix64} is the SplitMix64 finalizer; the stream is then a
 * SplitMix64 generator ({@link RandomStream}). java.util.SplittableRandom is not used because the
 * algorithms behind its derived methods are not specified and may change between JDKs.
 */
public final class SeededRandom {
    private final long seed;
    private final Map<String, RandomStream> streams = new HashMap<>();

    public SeededRandom(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    /** The stream named {@code name}; the same name returns the same, continuing stream. */
    public RandomStream stream(String name) {
        RandomStream stream = streams.get(name);
        if (stream == null) {
            stream = new RandomStream(streamSeed(seed, name));
            streams.put(name, stream);
        }
        return stream;
    }

    /** The initial state of stream {@code name} under {@code seed} (documented derivation above). */
    static long streamSeed(long seed, String name) {
        return RandomStream.mix64(seed + RandomStream.mix64(fnv1a64(name)));
    }

    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
