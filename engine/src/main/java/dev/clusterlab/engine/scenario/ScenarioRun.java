package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.List;

/**
 * The result of running a scenario: every step as it ran, every expectation with what was observed,
 * the integrity violations, and the simulation itself at the end (for summaries and inspection).
 */
public record ScenarioRun(Scenario scenario, long seed, long endNanos, List<StepResult> steps,
                          List<ExpectationResult> expectations, List<TimelineEvent.IntegrityViolation> violations,
                          ClusterSimulation simulation) {

    public ScenarioRun {
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
        violations = List.copyOf(violations);
    }

    /**
     * One step as it ran.
     *
     * @param disk the disk a command went to (null for faults)
     * @param outcome what the node's storage stack got back (null for faults)
     */
    public record StepResult(Step step, long timeNanos, String disk, IoOutcome outcome) {}

    /**
     * One expectation's verdict.
     *
     * @param held false also when the run stopped before the expectation's time
     * @param observed what was seen, in words ("sql runs on node-b")
     */
    public record ExpectationResult(Expectation expectation, boolean held, String observed) {}

    /** True when every expectation held. */
    public boolean passed() {
        for (ExpectationResult r : expectations) if (!r.held()) return false;
        return true;
    }

    public long failedCount() { return expectations.stream().filter(r -> !r.held()).count(); }
}
