package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.List;

/**
 * One compared step: both answers, ClusterLab's state around it, and each difference with its explanation.
 *
 * @param oursPending the unit attentions ClusterLab still holds for the step's nexus afterwards
 *     (one stays pending when RESERVATION CONFLICT takes precedence, SAM-5 §5.3.2)
 */
public record StepResult(int index, Step step, Observation ours, Observation tgt, ReservationSnapshot before,
                         ReservationSnapshot after, List<Observation.Sense> oursPending, List<Verdict> verdicts) {
    public StepResult {
        oursPending = List.copyOf(oursPending);
        verdicts = List.copyOf(verdicts);
    }

    /** A difference and the catalogue entry that explains it, or null when nothing does. */
    public record Verdict(Difference difference, KnownDeviation explainedBy) {
        public boolean explained() { return explainedBy != null; }

        @Override
        public String toString() {
            return difference + (explainedBy == null ? "  [UNEXPLAINED]" : "  [known tgt deviation " + explainedBy.id() + "]");
        }
    }

    boolean hasUnexplained() {
        for (Verdict v : verdicts) if (!v.explained()) return true;
        return false;
    }

    String describe() {
        StringBuilder b = new StringBuilder("  ").append(index).append(": ").append(step.describe()).append('\n')
                .append("      ClusterLab: ").append(ours).append('\n')
                .append("      tgt:        ").append(tgt).append('\n');
        for (Verdict v : verdicts) b.append("      ").append(v).append('\n');
        return b.toString();
    }
}
