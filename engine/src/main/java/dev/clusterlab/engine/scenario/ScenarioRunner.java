package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a scenario headless and flat out: builds its cluster, applies each step at its time,
 * evaluates each expectation at its time, and stops at the end time. Deterministic: the same
 * scenario and seed give the same timeline, event for event.
 */
public final class ScenarioRunner {

    /** Hears steps and verdicts as they happen (a transcript printer). */
    public interface Listener {
        /** Called just before a step runs; events it causes follow. */
        default void stepStarting(Step step, long timeNanos) {}

        default void stepRan(ScenarioRun.StepResult result) {}

        default void expectationChecked(ScenarioRun.ExpectationResult result, long timeNanos) {}
    }

    /** A scenario with nothing timed still runs this long. */
    public static final long MINIMUM_RUN_NANOS = 60_000_000_000L;

    private ScenarioRunner() {}

    /** The time a run stops by default: the last step or expectation, or one minute for an untimed scenario. */
    public static long defaultEnd(Scenario s) {
        long end = 0;
        for (Step step : s.steps()) end = Math.max(end, step.at().toNanos());
        for (Expectation e : s.expectations()) end = Math.max(end, e.by().toNanos());
        return end == 0 ? MINIMUM_RUN_NANOS : end;
    }

    /** The disk a command without a disk argument goes to: the first data disk, else the first disk. */
    public static String defaultDisk(Scenario s) {
        for (DiskSpec d : s.disks()) if (d.role() == DiskRole.DATA && !d.name().equals(s.quorum().witnessDisk())) return d.name();
        return s.disks().isEmpty() ? null : s.disks().get(0).name();
    }

    /**
     * Runs {@code s} until {@code endNanos} (null: {@link #defaultEnd}) with {@code seed} (null: the
     * scenario's), recording on {@code sink}.
     */
    public static ScenarioRun run(Scenario s, Long seed, Long endNanos, TimelineSink sink, Listener listener) {
        return run(s, seed, endNanos, sink, listener, sim -> { });
    }

    /** As {@link #run(Scenario, Long, Long, TimelineSink, Listener)}; {@code built} sees the simulation before time 0 runs. */
    public static ScenarioRun run(Scenario s, Long seed, Long endNanos, TimelineSink sink, Listener listener,
                                  Consumer<ClusterSimulation> built) {
        return run(s, seed, endNanos, sink, listener, built, RealDevices.UNAVAILABLE);
    }

    /**
     * As above, reaching the scenario's real disks through {@code devices}; they are closed (iSCSI
     * sessions logged out) when the run ends, and their last read state stays in the result.
     */
    public static ScenarioRun run(Scenario s, Long seed, Long endNanos, TimelineSink sink, Listener listener,
                                  Consumer<ClusterSimulation> built, RealDevices devices) {
        long actualSeed = seed != null ? seed : s.seed();
        long end = endNanos != null ? endNanos : defaultEnd(s);
        ClusterSimulation sim = ScenarioSimulations.build(s, actualSeed, sink, devices);
        try {
            return runBuilt(s, sim, actualSeed, end, listener, built);
        } finally {
            sim.close();
        }
    }

    private static ScenarioRun runBuilt(Scenario s, ClusterSimulation sim, long actualSeed, long end, Listener listener,
                                        Consumer<ClusterSimulation> built) {
        built.accept(sim);
        List<ScenarioRun.StepResult> steps = scheduleSteps(s, sim, end, listener);
        List<ScenarioRun.ExpectationResult> verdicts = new ArrayList<>();
        List<Expectation> late = new ArrayList<>();
        for (Expectation e : s.expectations()) {
            long at = e.by().toNanos();
            if (at > end) {
                late.add(e);
                continue;
            }
            sim.scheduler().scheduleAt(at, () -> {
                ScenarioRun.ExpectationResult r = ExpectationCheck.evaluate(e, sim);
                verdicts.add(r);
                listener.expectationChecked(r, sim.now());
            });
        }
        sim.runUntil(end);
        for (Expectation e : late) {
            ScenarioRun.ExpectationResult r = new ScenarioRun.ExpectationResult(e, false,
                    "not reached: the run stopped at " + Durations.format(end));
            verdicts.add(r);
            listener.expectationChecked(r, end);
        }
        return new ScenarioRun(s, actualSeed, end, steps, verdicts, sim.monitor().violations(), sim);
    }

    /**
     * Schedules each step of {@code s} due by {@code endNanos} on {@code sim} (built from {@code s},
     * e.g. by the lab window), telling {@code listener}; returns the list the results are added to as
     * the steps run.
     */
    public static List<ScenarioRun.StepResult> scheduleSteps(Scenario s, ClusterSimulation sim, long endNanos, Listener listener) {
        List<ScenarioRun.StepResult> steps = new ArrayList<>();
        String defaultDisk = defaultDisk(s);
        for (Step step : s.steps()) {
            long at = step.at().toNanos();
            if (at > endNanos) continue;
            sim.scheduler().scheduleFirstAt(at, () -> {
                listener.stepStarting(step, sim.now());
                ScenarioRun.StepResult result = apply(sim, step, defaultDisk);
                steps.add(result);
                listener.stepRan(result);
            });
        }
        return steps;
    }

    /**
     * Carries out {@code step} on {@code sim} now (not at the step's time): what a scheduled step
     * does when it falls due, and what the lab window does with a user's action.
     */
    public static ScenarioRun.StepResult apply(ClusterSimulation sim, Step step, String defaultDisk) {
        long now = sim.now();
        return switch (step) {
            case Step.Command c -> {
                String disk = c.command().disk() != null ? c.command().disk() : defaultDisk;
                IoOutcome outcome = sim.issue(c.command().node(), c.command().path(), disk, c.command().request());
                yield new ScenarioRun.StepResult(step, now, disk, outcome);
            }
            case Step.Fault f -> {
                applyFault(sim, f.action());
                yield new ScenarioRun.StepResult(step, now, null, null);
            }
        };
    }

    private static void applyFault(ClusterSimulation sim, FaultAction action) {
        switch (action) {
            case FaultAction.Crash a -> sim.crash(a.node());
            case FaultAction.Restart a -> sim.restart(a.node());
            case FaultAction.Hang a -> sim.hang(a.node());
            case FaultAction.Isolate a -> sim.isolate(a.node());
            case FaultAction.Cut a -> sim.cut(a.network(), a.a(), a.b());
            case FaultAction.Heal a -> sim.heal(a.network(), a.a(), a.b());
            case FaultAction.Partition a -> sim.partition(a.network(), a.side());
            case FaultAction.FailPath a -> sim.failPath(a.node(), a.path());
            case FaultAction.RestorePath a -> sim.restorePath(a.node(), a.path());
            case FaultAction.LuReset a -> sim.logicalUnitReset(a.disk());
            case FaultAction.BusReset a -> sim.busReset(a.disk());
            case FaultAction.TargetRestart a -> sim.targetRestart();
            case FaultAction.Passthrough a -> sim.passthrough(a.node(), a.path(), a.mode());
        }
    }
}
