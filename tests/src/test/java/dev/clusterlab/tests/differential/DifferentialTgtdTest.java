package dev.clusterlab.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The differential run in CI: a fixed set of random multi-nexus persistent reservation sequences
 * (seeds 1..{@value #SEQUENCES}), each run against tgtd (Debian package tgt, on 127.0.0.1) and
 * against ClusterLab's target through ClusterLab's initiator, every difference explained by the
 * catalogue of known tgt deviations (TgtDeviations) or reported with its whole sequence. tgtd is
 * not optional: without it (or without root for its control socket) this fails and says why.
 * bench/differential-tgtd runs more sequences.
 */
class DifferentialTgtdTest {
    static final int SEQUENCES = 100;
    static final long FIRST_SEED = 1;
    static final Path REPORT = Path.of("target", "differential-tgtd-report.txt");
    private static DifferentialReport report;

    @BeforeAll
    static void runSequences() throws Exception {
        report = DifferentialMain.run(SEQUENCES, FIRST_SEED, false);
        report.write(REPORT);
        System.out.print(report.summary());
    }

    @Test
    @DisplayName("Every difference between tgt and ClusterLab is a catalogued tgt deviation (SPC-4 clause per entry)")
    void everyDifferenceIsExplainedByTheCatalogue() {
        assertThat(report.unexplained())
                .as("unexplained differences; full sequences (seed, steps, both answers) below and in %s%n%s",
                        REPORT.toAbsolutePath(), report.full())
                .isZero();
    }

    @Test
    void theRunComparedEverySequenceAndMostSteps() {
        assertThat(report.sequences()).isEqualTo(SEQUENCES);
        assertThat(report.stepsCompared()).as(report.summary()).isGreaterThan(SEQUENCES * 12);
    }

    /** The deviations already known before this harness existed must show up, or the comparison is blind. */
    @Test
    void theKnownTgtDeviationsAreSeen() {
        assertThat(report.perDeviation().get(TgtDeviations.PREEMPT_UA)).as("2Ah/03h for 2Ah/05h after PREEMPT").isPositive();
        assertThat(report.perDeviation().get(TgtDeviations.READ_FULL_STATUS)).as("no READ FULL STATUS").isPositive();
        assertThat(report.perDeviation().get(TgtDeviations.RECONNECT)).as("registrations tied to the session").isPositive();
    }

    @Test
    void theReportIsWrittenWithSummaryAndCatalogue() throws Exception {
        String text = Files.readString(REPORT);
        assertThat(text).contains("sequences: " + SEQUENCES).contains("unexplained differences: 0")
                .contains(TgtDeviations.PREEMPT_UA).contains("SPC-4 §5.13.11.2.4-5");
    }
}
