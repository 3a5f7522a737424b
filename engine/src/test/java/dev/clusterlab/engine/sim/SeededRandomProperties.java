package dev.clusterlab.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SeededRandomProperties {

    @Property(tries = 200)
    void extraDrawsOnOneStreamNeverShiftAnother(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 500) int extraDraws) {
        SeededRandom reference = new SeededRandom(seed);
        SeededRandom perturbed = new SeededRandom(seed);
        for (int i = 0; i < extraDraws; i++) perturbed.stream("faults").nextLong();
        for (int i = 0; i < 20; i++) {
            assertThat(perturbed.stream("network").nextLong()).isEqualTo(reference.stream("network").nextLong());
        }
    }

    @Property(tries = 200)
    void boundedDrawsStayInRange(@ForAll long seed, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long bound) {
        RandomStream stream = new SeededRandom(seed).stream("bounded");
        for (int i = 0; i < 20; i++) assertThat(stream.nextLong(bound)).isBetween(0L, bound - 1);
    }

    @Property(tries = 200)
    void uniformStaysInRange(@ForAll long seed, @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long min,
                             @ForAll @LongRange(min = 0, max = 1_000_000) long width) {
        RandomStream stream = new SeededRandom(seed).stream("uniform");
        for (int i = 0; i < 20; i++) assertThat(stream.uniform(min, min + width)).isBetween(min, min + width);
    }
}
