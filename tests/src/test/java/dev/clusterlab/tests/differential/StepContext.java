package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.List;

/**
 * Everything a deviation matcher may look at for one step: the step, both answers, ClusterLab's
 * reservation state just before and after it (read from the in-process logical unit; the two
 * targets agree on state up to the first state-changing deviation, after which the runner stops
 * comparing the sequence), and the earlier steps of the sequence.
 */
public record StepContext(Sequence sequence, int index, Step step, Observation ours, Observation tgt,
                          ReservationSnapshot before, ReservationSnapshot after, List<Observation.Sense> oursPending,
                          List<StepResult> history) {
    public StepContext {
        oursPending = List.copyOf(oursPending);
        history = List.copyOf(history);
    }

    /** Steps {@code from} (inclusive) up to this one (exclusive), from the history. */
    List<StepResult> window(int from) {
        return history.subList(Math.max(0, Math.min(from, history.size())), history.size());
    }
}
