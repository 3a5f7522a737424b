package dev.clusterlab.views.session;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scenario.ScenarioSimulations;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.ClusterView;
import dev.clusterlab.engine.timeline.DiskReservationView;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.ProjectionCache;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario being watched in the lab window: the model (a {@link ClusterSimulation}) records into
 * a {@link Timeline}, the history; a cursor says which moment the window shows. No JavaFX here.
 *
 * <p>The simulation only ever runs forward, and never past the scenario's end. Moving the cursor
 * back ("rewind") re-reads the recorded timeline through projection caches; it changes nothing in
 * the simulation. Moving it forward past what was recorded runs the simulation up to there. Acting
 * in the past (forking the future) is not supported yet: this session has no user actions at all.
 */
public final class LabSession {

    /** How far back the canvas shows commands as arrows. */
    public static final long RECENT_NANOS = 2_000_000_000L;

    private final Scenario scenario;
    private final Topology topology;
    private final Timeline timeline = new Timeline();
    private final ClusterSimulation sim;
    private final long end;
    private final ProjectionCache<ClusterView.State> clusterCache;
    private final ProjectionCache<DiskReservationView.State> diskCache;
    private final ProjectionCache<LinkView.State> linkCache;
    private final Narrator narrator;
    private final List<Narrator.Line> narration = new ArrayList<>();
    private final List<Integer> importantLines = new ArrayList<>(); // positions in narration, ascending
    private int narrated; // timeline events told so far
    private long cursor;

    private LabSession(Scenario scenario, long seed) {
        this.scenario = scenario;
        this.topology = Topology.of(scenario);
        this.sim = ScenarioSimulations.build(scenario, seed, timeline);
        timeline.resolveNodesWith(sim.fabric()::nodeOf);
        this.end = ScenarioRunner.defaultEnd(scenario);
        ScenarioRunner.scheduleSteps(scenario, sim, end, new ScenarioRunner.Listener() { });
        this.clusterCache = new ProjectionCache<>(timeline, ClusterView.INSTANCE);
        this.diskCache = new ProjectionCache<>(timeline, DiskReservationView.INSTANCE);
        this.linkCache = new ProjectionCache<>(timeline, LinkView.INSTANCE);
        this.narrator = new Narrator(sim.fabric()::describe, Narrator.Detail.STORY);
        sim.runUntil(0); // whatever the cluster does at time 0 belongs to the first picture
        narrateNewEvents();
    }

    /** A session on {@code scenario} with the scenario's own seed. */
    public static LabSession open(Scenario scenario) { return new LabSession(scenario, scenario.seed()); }

    public static LabSession open(Scenario scenario, long seed) { return new LabSession(scenario, seed); }

    public Scenario scenario() { return scenario; }

    public Topology topology() { return topology; }

    public Timeline timeline() { return timeline; }

    /** "node-a/p1" for one of the lab's initiator ports, else null. */
    public String describe(dev.clusterlab.engine.scsi.InitiatorPort port) { return sim.fabric().describe(port); }

    /** The scenario's end: its last step or expectation (ScenarioRunner's default). */
    public long end() { return end; }

    /** The time the window shows. */
    public long cursor() { return cursor; }

    /** How far the simulation has run: everything up to here is recorded. */
    public long recordedUntil() { return sim.now(); }

    /**
     * Runs the simulation forward to {@code time} (clamped to [0, end]) if it has not got there yet,
     * and puts the cursor there.
     */
    public void advanceTo(long time) {
        long t = clamp(time);
        if (t > sim.now()) {
            sim.runUntil(t);
            narrateNewEvents();
        }
        cursor = t;
    }

    /**
     * Moves the cursor to {@code time} in either direction: back over the recorded timeline (the
     * simulation is left where it is), forward by running the simulation as needed.
     */
    public void seek(long time) {
        long t = clamp(time);
        if (t > sim.now()) advanceTo(t);
        else cursor = t;
    }

    /**
     * Moves the cursor to the next recorded event after it, running the simulation one scheduler
     * event at a time until something is recorded; stays at the end when nothing more happens.
     * Returns the new cursor.
     */
    public long stepToNextEvent() {
        while (true) {
            int next = timeline.countUpTo(cursor);
            if (next < timeline.size()) {
                cursor = Math.min(end, timeline.indexedTime(next));
                return cursor;
            }
            long due = sim.scheduler().nextDueNanos();
            if (due > end) {
                advanceTo(end);
                return cursor;
            }
            sim.scheduler().step();
            narrateNewEvents();
        }
    }

    /** The picture at the cursor. */
    public LabFrame frame() { return stateAt(cursor); }

    /**
     * The picture at {@code time}, which must already be recorded (at or before {@link #recordedUntil()}):
     * the same projections as when the simulation first passed that moment.
     */
    public LabFrame stateAt(long time) {
        if (time > sim.now()) throw new IllegalArgumentException("not recorded yet: " + time + " > " + sim.now());
        int position = timeline.countUpTo(time);
        int count = narrationCountUpTo(time);
        return new LabFrame(time, clusterCache.stateAt(position), diskCache.stateAt(position), linkCache.stateAt(position),
                recentCommands(time, position), narrationBefore(count), headlineBefore(count));
    }

    private List<CommandArrow> recentCommands(long time, int position) {
        int from = timeline.firstIndexAtOrAfter(time - RECENT_NANOS);
        Map<String, String> started = new HashMap<>();
        List<CommandArrow> out = new ArrayList<>();
        for (int i = from; i < position; i++) {
            switch (timeline.get(i)) {
                case TimelineEvent.CommandStarted e ->
                        started.put(e.lu() + "#" + e.commandId(), ScsiDecoder.summarize(e.cdb(), e.dataOut()));
                case TimelineEvent.CommandCompleted e -> {
                    if (e.nexus() == null) continue;
                    String path = sim.fabric().describe(e.nexus().initiator());
                    if (path == null) continue; // not one of the lab's nodes
                    int slash = path.indexOf('/');
                    String summary = started.getOrDefault(e.lu() + "#" + e.commandId(), "command");
                    out.add(new CommandArrow(e.time(), path.substring(0, slash), path.substring(slash + 1), e.lu(), summary, outcome(e.status())));
                }
                default -> { }
            }
        }
        return out;
    }

    private static CommandArrow.Outcome outcome(ScsiStatus status) {
        return switch (status) {
            case GOOD -> CommandArrow.Outcome.GOOD;
            case RESERVATION_CONFLICT -> CommandArrow.Outcome.RESERVATION_CONFLICT;
            case CHECK_CONDITION -> CommandArrow.Outcome.CHECK_CONDITION;
            default -> CommandArrow.Outcome.OTHER;
        };
    }

    /** The number of story lines at or before {@code time} (lines are in time order). */
    private int narrationCountUpTo(long time) {
        int lo = 0, hi = narration.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (narration.get(mid).time() <= time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private List<Narrator.Line> narrationBefore(int count) {
        return List.copyOf(narration.subList(Math.max(0, count - LabFrame.NARRATION_LINES), count));
    }

    /** The last important line among the first {@code count}: a binary search over their positions, not a scan. */
    private Narrator.Line headlineBefore(int count) {
        int lo = 0, hi = importantLines.size(); // first important position >= count
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (importantLines.get(mid) < count) lo = mid + 1;
            else hi = mid;
        }
        return lo == 0 ? null : narration.get(importantLines.get(lo - 1));
    }

    /** The narrator pairs commands, so it reads every event once, in order, as the simulation records them. */
    private void narrateNewEvents() {
        int size = timeline.size();
        for (; narrated < size; narrated++) {
            Narrator.Line line = narrator.narrate(timeline.get(narrated));
            if (line == null) continue;
            if (line.important()) importantLines.add(narration.size());
            narration.add(line);
        }
    }

    private long clamp(long time) { return Math.max(0, Math.min(end, time)); }
}
