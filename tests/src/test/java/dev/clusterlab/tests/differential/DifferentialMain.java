package dev.clusterlab.tests.differential;

import java.nio.file.Path;

/**
 * bench/differential-tgtd's entry point: {@code DifferentialMain [SEQUENCES] [SEED] [REPORT]} runs
 * SEQUENCES sequences (seeds SEED, SEED+1, ...) against tgtd and ClusterLab's target, prints the
 * summary and writes the full report; exits 1 when a difference is unexplained.
 */
public final class DifferentialMain {
    private DifferentialMain() {}

    public static void main(String[] args) throws Exception {
        int sequences = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path reportFile = Path.of(args.length > 2 ? args[2] : "tests/target/differential-tgtd-report.txt");
        DifferentialReport report = run(sequences, seed, true);
        System.out.print(report.summary());
        System.out.println("  full report: " + report.write(reportFile).toAbsolutePath());
        for (SequenceResult r : report.failing().subList(0, Math.min(3, report.failing().size()))) System.out.print("\n" + r.describe());
        System.exit(report.unexplained() == 0 ? 0 : 1);
    }

    /** Runs the sequences generated from seeds {@code seed .. seed+sequences-1}. */
    static DifferentialReport run(int sequences, long seed, boolean progress) throws Exception {
        SequenceGenerator generator = SequenceGenerator.standard();
        DifferentialReport report = new DifferentialReport();
        long t0 = System.nanoTime();
        try (DifferentialRunner runner = DifferentialRunner.start(sequences)) {
            for (int i = 0; i < sequences; i++) {
                report.add(runner.run(i, generator.generate(seed + i)));
                if (progress && (i + 1) % 50 == 0) System.err.println("  ... " + (i + 1) + " sequences");
            }
        }
        report.elapsed(System.nanoTime() - t0);
        return report;
    }
}
