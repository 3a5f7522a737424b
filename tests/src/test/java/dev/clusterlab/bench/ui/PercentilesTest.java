package dev.clusterlab.bench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        Percentiles p = new Percentiles();
        for (int i = 100; i >= 1; i--) p.add(i); // out of order on purpose
        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.percentile(0.1)).isEqualTo(1);
        assertThat(p.countAbove(90)).isEqualTo(10);
        assertThat(p.meanNanos()).isEqualTo(50.5);
    }

    @Test
    void growsPastItsInitialCapacityAndRejectsEmptyOrBadRanks() {
        Percentiles p = new Percentiles();
        assertThatThrownBy(() -> p.percentile(50)).isInstanceOf(IllegalStateException.class);
        for (int i = 0; i < 5000; i++) p.add(7);
        p.add(1_000);
        assertThat(p.count()).isEqualTo(5001);
        assertThat(p.percentile(99)).isEqualTo(7);
        assertThat(p.max()).isEqualTo(1_000);
        assertThatThrownBy(() -> p.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
