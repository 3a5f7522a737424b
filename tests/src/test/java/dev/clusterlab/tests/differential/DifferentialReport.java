package dev.clusterlab.tests.differential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Totals over a differential run and the text that reports it: a summary, then every sequence with an unexplained difference in full. */
public final class DifferentialReport {
    private final List<SequenceResult> results = new ArrayList<>();
    private final Map<String, Integer> perDeviation = new LinkedHashMap<>();
    private final Map<String, KnownDeviation> deviations = new LinkedHashMap<>();
    private final Map<String, SequenceResult> firstExample = new LinkedHashMap<>();
    private int stepsGenerated;
    private int stepsCompared;
    private int stoppedByDeviation;
    private int unexplained;
    private long elapsedNanos;

    public DifferentialReport() {
        for (KnownDeviation k : TgtDeviations.ALL) {
            perDeviation.put(k.id(), 0);
            deviations.put(k.id(), k);
        }
    }

    public void add(SequenceResult r) {
        results.add(r);
        stepsGenerated += r.sequence().steps().size();
        stepsCompared += r.steps().size();
        for (StepResult s : r.steps())
            for (StepResult.Verdict v : s.verdicts()) {
                if (v.explained()) {
                    perDeviation.merge(v.explainedBy().id(), 1, Integer::sum);
                    firstExample.putIfAbsent(v.explainedBy().id(), r);
                }
                else unexplained++;
            }
        if (r.stoppedBecause() != null && !r.hasUnexplained()) stoppedByDeviation++;
    }

    public void elapsed(long nanos) { elapsedNanos = nanos; }

    public int sequences() { return results.size(); }

    public int stepsCompared() { return stepsCompared; }

    public int unexplained() { return unexplained; }

    public Map<String, Integer> perDeviation() { return Map.copyOf(perDeviation); }

    public List<SequenceResult> failing() {
        List<SequenceResult> out = new ArrayList<>();
        for (SequenceResult r : results) if (r.hasUnexplained()) out.add(r);
        return out;
    }

    public String summary() {
        StringBuilder b = new StringBuilder("Differential run, ClusterLab target vs tgtd\n");
        b.append(String.format("  sequences: %d, steps generated: %d, steps compared: %d, stopped early by a state-changing tgt deviation: %d%n",
                results.size(), stepsGenerated, stepsCompared, stoppedByDeviation));
        if (elapsedNanos > 0) b.append(String.format("  wall time: %.1f s%n", elapsedNanos / 1e9));
        b.append("  differences per known tgt deviation:\n");
        for (Map.Entry<String, Integer> e : perDeviation.entrySet()) {
            KnownDeviation k = deviations.get(e.getKey());
            String open = k.kind() == KnownDeviation.Kind.OPEN_IN_SPC4 ? " (open in SPC-4, not a tgt bug)" : "";
            b.append(String.format("    %-42s %5d   %s%s%n", e.getKey(), e.getValue(), k.clause(), open));
        }
        b.append(String.format("  unexplained differences: %d (in %d sequences)%n", unexplained, failing().size()));
        return b.toString();
    }

    /** The summary, the catalogue, and every failing sequence in full (seed, steps, both answers). */
    public String full() {
        StringBuilder b = new StringBuilder(summary()).append("\nKnown tgt deviations:\n");
        for (KnownDeviation k : deviations.values())
            b.append("  ").append(k.id()).append(" [").append(k.clause()).append("]").append(TgtDeviations.silent(k) ? " (silent, state-changing)" : "")
                    .append("\n      ").append(k.description()).append('\n');
        for (SequenceResult r : failing()) b.append('\n').append(r.describe());
        b.append("\nFirst sequence showing each known deviation:\n");
        for (Map.Entry<String, SequenceResult> e : firstExample.entrySet())
            b.append("\n[").append(e.getKey()).append("] ").append(e.getValue().describe());
        return b.toString();
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, full());
        return file;
    }
}
