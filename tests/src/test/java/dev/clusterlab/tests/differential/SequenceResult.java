package dev.clusterlab.tests.differential;

import java.util.List;

/**
 * The outcome of one sequence on both targets.
 *
 * @param stoppedBecause null when every step was compared; otherwise why the rest was not (a
 *     state-changing known deviation, or the first unexplained difference)
 */
public record SequenceResult(int sequenceIndex, Sequence sequence, List<StepResult> steps, String stoppedBecause) {
    public SequenceResult {
        steps = List.copyOf(steps);
    }

    public boolean hasUnexplained() {
        for (StepResult s : steps) if (s.hasUnexplained()) return true;
        return false;
    }

    /** The full record a failure report needs: seed, nexuses, every step, both answers, each difference. */
    public String describe() {
        StringBuilder b = new StringBuilder("sequence #").append(sequenceIndex).append(", ").append(sequence.describe());
        b.append("  compared:\n");
        for (StepResult s : steps) b.append(s.describe());
        if (stoppedBecause != null) b.append("  stopped: ").append(stoppedBecause).append('\n');
        return b.toString();
    }
}
