package dev.clusterlab.views.session;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scenario.ScenarioSimulations;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.timeline.Timeline;
import java.util.List;

/**
 * A recording made by running a scenario's simulation, with the user's earlier actions scheduled
 * like scenario steps, at the start of their instants: exactly how they ran the first time and how
 * a saved scenario file runs them.
 */
record SimulatedRecording(Scenario scenario, Topology topology, Timeline timeline, ClusterSimulation sim) implements Recording {

    static SimulatedRecording start(Scenario scenario, Topology topology, long seed, long scriptEnd, List<SessionAction> replay,
                                    RealDevices devices) {
        Timeline timeline = new Timeline();
        ClusterSimulation sim = ScenarioSimulations.build(scenario, seed, timeline, devices);
        timeline.resolveNodesWith(sim.fabric()::nodeOf);
        ScenarioRunner.scheduleSteps(scenario, sim, scriptEnd, new ScenarioRunner.Listener() { });
        SimulatedRecording r = new SimulatedRecording(scenario, topology, timeline, sim);
        for (SessionAction a : replay) sim.scheduler().scheduleFirstAt(a.at(), () -> r.apply(a));
        return r;
    }

    /** Carries out a user's action now. */
    dev.clusterlab.engine.scenario.ScenarioRun.StepResult apply(SessionAction a) {
        return ScenarioRunner.apply(sim, a.step(), ScenarioRunner.defaultDisk(scenario));
    }

    @Override
    public long recordedUntil() { return sim.now(); }

    @Override
    public void recordUntil(long time) { if (time >= sim.now()) sim.runUntil(time); }

    @Override
    public boolean recordNext(long limit) {
        if (sim.scheduler().nextDueNanos() > limit) return false;
        sim.scheduler().step();
        return true;
    }

    @Override
    public String describe(InitiatorPort port) { return sim.fabric().describe(port); }
}
