package dev.clusterlab.views.session;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.scenario.DiskSpec;
import dev.clusterlab.engine.scenario.NodeSpec;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioSimulations;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TraceReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A trace replayed: every event is in the timeline from the start, nothing more will come. A trace
 * the lab wrote for a scenario carries the scenario's text in its header, so the replay lays the
 * cluster out as the scenario did and names ports as its fabric does; any other trace (a live
 * target's) gets a layout and names derived from its events.
 */
public record ReplayedRecording(String title, String description, Topology topology, Timeline timeline,
                         Function<InitiatorPort, String> names, String problem) implements Recording {

    /** The header field holding the scenario file's text (written by {@code clusterlab run --trace}). */
    public static final String SCENARIO_TEXT = "scenarioText";

    /** Lays out and names {@code trace}; {@code name} is the file's name for the title. */
    public static ReplayedRecording of(String name, TraceReader.Trace trace) {
        Scenario scenario = scenarioOf(trace);
        String title = "Replay of " + (trace.headerText("title") != null ? trace.headerText("title") : name);
        StringBuilder description = new StringBuilder("Recorded trace " + name + ", " + trace.events().size() + " events.");
        if (trace.problem() != null) description.append(" The trace is damaged: ").append(trace.problem()).append('.');
        Timeline timeline = new Timeline();
        Function<InitiatorPort, String> names;
        Topology topology;
        if (scenario != null) {
            Object seed = trace.header().get("seed");
            ClusterSimulation fabricOnly = ScenarioSimulations.build(scenario.withSimulatedDisks(), seed instanceof Number n ? n.longValue() : scenario.seed(), e -> { });
            names = fabricOnly.fabric()::describe;
            timeline.resolveNodesWith(fabricOnly.fabric()::nodeOf);
            topology = Topology.of(scenario);
        } else {
            PortNaming naming = new PortNaming();
            names = naming::describe;
            timeline.resolveNodesWith(naming::nodeOf);
            topology = derivedTopology(trace.events(), naming);
        }
        for (TimelineEvent e : trace.events()) timeline.append(e);
        return new ReplayedRecording(title, description.toString(), topology, timeline, names, trace.problem());
    }

    private static Scenario scenarioOf(TraceReader.Trace trace) {
        String text = trace.headerText(SCENARIO_TEXT);
        if (text == null) return null;
        try {
            return ScenarioParser.parse(trace.headerText("scenario") != null ? trace.headerText("scenario") : "trace", text);
        } catch (ScenarioSyntaxException e) {
            return null; // written by a version with another scenario language: lay it out from the events
        }
    }

    /** Nodes from the initiator ports and cluster events, disks from the logical units, networks from link events. */
    static Topology derivedTopology(List<TimelineEvent> events, PortNaming naming) {
        Set<String> disks = new LinkedHashSet<>();
        Set<String> networks = new LinkedHashSet<>();
        Set<String> clusterNodes = new LinkedHashSet<>();
        for (TimelineEvent e : events) {
            switch (e) {
                case TimelineEvent.CommandStarted c -> {
                    disks.add(c.lu());
                    if (c.nexus() != null) naming.describe(c.nexus().initiator());
                }
                case TimelineEvent.ReservationChanged r -> disks.add(r.lu());
                case TimelineEvent.NodeStateChanged n -> clusterNodes.add(n.node());
                case TimelineEvent.LinkChanged l -> networks.add(l.network());
                default -> { }
            }
        }
        return topologyOf(naming, clusterNodes, disks, networks);
    }

    static Topology topologyOf(PortNaming naming, Set<String> clusterNodes, Set<String> disks, Set<String> networks) {
        Map<String, Integer> nodes = new LinkedHashMap<>(naming.nodes());
        for (String n : clusterNodes) nodes.putIfAbsent(n, 1);
        List<NodeSpec> nodeSpecs = new ArrayList<>();
        nodes.forEach((n, paths) -> nodeSpecs.add(new NodeSpec(n, paths)));
        List<DiskSpec> diskSpecs = new ArrayList<>();
        for (String d : disks) diskSpecs.add(new DiskSpec(d, 0, DiskRole.DATA, Set.of()));
        return new Topology(nodeSpecs, diskSpecs, null, List.of(), List.copyOf(networks));
    }

    @Override
    public long recordedUntil() { return timeline.size() == 0 ? 0 : timeline.indexedTime(timeline.size() - 1); }

    @Override
    public void recordUntil(long time) { }

    @Override
    public boolean recordNext(long limit) { return false; }

    @Override
    public String describe(InitiatorPort port) { return names.apply(port); }
}
