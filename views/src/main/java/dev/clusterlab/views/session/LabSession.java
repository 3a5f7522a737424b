package dev.clusterlab.views.session;

import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.cluster.storage.RealDisk;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.scenario.Step;
import dev.clusterlab.engine.scenario.ScenarioRunner;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.ClusterView;
import dev.clusterlab.engine.timeline.DiskReservationView;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.ProjectionCache;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One session being watched in the lab window: a {@link Recording} (a scenario's simulation, a
 * replayed trace, or a live iSCSI target) fills a {@link Timeline}, the history; a cursor says which
 * moment the window shows. No JavaFX here.
 *
 * <p>Recording only ever goes forward. Moving the cursor back ("rewind") re-reads the recorded
 * timeline through projection caches; it changes nothing in the recording. Moving it forward past
 * what was recorded runs the simulation up to there (a live session takes in what has arrived). The
 * user acts on a simulation through {@link #act(String)}: acting in the past forks the future — the
 * recording is rebuilt from the scenario and the user's earlier actions (the simulation is
 * deterministic for a seed), the later ones are dropped, and the fork's time is kept as a marker.
 */
public final class LabSession {

    /** How far back the canvas shows commands as arrows. */
    public static final long RECENT_NANOS = 2_000_000_000L;

    /** After the user's last action the session runs on at least this long. */
    public static final long AFTER_LAST_ACTION_NANOS = 60_000_000_000L;

    /** Where the session's events come from. */
    public enum Kind {
        /** A scenario's simulation: the user can act on it. */
        SIMULATED,
        /** A recorded trace, replayed: time travel only. */
        REPLAY,
        /** A live iSCSI target's initiators and commands, as they happen. */
        LIVE
    }

    private final Kind kind;
    private final RealDevices devices;
    private final Scenario scenario; // null unless SIMULATED
    private final String title;
    private final String description;
    private final String sourceText;
    private final long seed;
    private final long scriptEnd;
    private final List<SessionAction> actions = new ArrayList<>();
    private final List<Long> forks = new ArrayList<>();
    private int generation;
    private long end;
    private long cursor;
    // The recording: replaced as a whole when acting in the past forks the future.
    private Recording recording;
    private ProjectionCache<ClusterView.State> clusterCache;
    private ProjectionCache<DiskReservationView.State> diskCache;
    private ProjectionCache<LinkView.State> linkCache;
    private Narrator narrator;
    private List<Narrator.Line> narration;
    private List<Integer> importantLines; // positions in narration, ascending
    private int narrated; // timeline events told (and paired into arrows) so far
    private List<CommandArrow> arrows; // every completed command of the lab's nodes, in timeline order
    private List<Integer> arrowEventIndex; // the timeline index of each arrow's completion
    private Map<CommandKey, TimelineEvent.CommandStarted> started; // commands not completed yet

    private LabSession(Scenario scenario, long seed, String sourceText, RealDevices devices) {
        this.kind = Kind.SIMULATED;
        this.devices = devices;
        this.scenario = scenario;
        this.title = scenario.title();
        this.description = scenario.description();
        this.seed = seed;
        this.sourceText = sourceText;
        this.scriptEnd = ScenarioRunner.defaultEnd(scenario);
        this.end = scriptEnd;
        use(SimulatedRecording.start(scenario, Topology.of(scenario), seed, scriptEnd, List.of(), devices));
        recording.recordUntil(0); // whatever the cluster does at time 0 belongs to the first picture
        narrateNewEvents();
    }

    private LabSession(Kind kind, Recording recording, String title, String description) {
        this.kind = kind;
        this.devices = RealDevices.UNAVAILABLE;
        this.scenario = null;
        this.title = title;
        this.description = description;
        this.seed = 0;
        this.sourceText = null;
        this.scriptEnd = 0;
        use(recording);
        recording.recordUntil(0);
        narrateNewEvents();
    }

    /** Starts reading {@code r} from its beginning: fresh projections and narration. */
    private void use(Recording r) {
        recording = r;
        Timeline timeline = r.timeline();
        clusterCache = new ProjectionCache<>(timeline, ClusterView.INSTANCE);
        diskCache = new ProjectionCache<>(timeline, DiskReservationView.INSTANCE);
        linkCache = new ProjectionCache<>(timeline, LinkView.INSTANCE);
        narrator = new Narrator(r::describe, Narrator.Detail.STORY);
        narration = new ArrayList<>();
        importantLines = new ArrayList<>();
        arrows = new ArrayList<>();
        arrowEventIndex = new ArrayList<>();
        started = new HashMap<>();
        narrated = 0;
    }

    /** A replay of a recorded trace. */
    public static LabSession replay(ReplayedRecording trace) {
        return new LabSession(Kind.REPLAY, trace, trace.title(), trace.description());
    }

    /** A live view of the initiators and commands of an iSCSI target that feeds {@code live}. */
    public static LabSession live(LiveRecording live, String title) {
        return new LabSession(Kind.LIVE, live, title, "Initiators logged in to the built-in iSCSI target appear as nodes;"
                + " their commands animate as they arrive.");
    }

    /** A session on {@code scenario} with the scenario's own seed. */
    public static LabSession open(Scenario scenario) { return open(scenario, scenario.seed()); }

    public static LabSession open(Scenario scenario, long seed) { return open(scenario, seed, ScenarioSource.textOf(scenario)); }

    /** A session whose scenario was parsed from {@code sourceText} (kept so the session can be saved as a scenario). */
    public static LabSession open(Scenario scenario, long seed, String sourceText) {
        return open(scenario, seed, sourceText, RealDevices.UNAVAILABLE);
    }

    /**
     * As {@link #open(Scenario, long, String)}, reaching the scenario's real disks through
     * {@code devices} (opened now, guarded: read-only until armed in {@code devices.arming()}).
     *
     * @throws java.io.UncheckedIOException when a real disk cannot be opened
     */
    public static LabSession open(Scenario scenario, long seed, String sourceText, RealDevices devices) {
        return new LabSession(scenario, seed, sourceText, devices);
    }

    /** How this session reaches real disks (arm them through its {@link RealDevices#arming()}). */
    public RealDevices devices() { return devices; }

    /** The scenario's real disks as the current recording opened them; empty for simulated-only sessions. */
    public List<RealDisk> realDisks() {
        List<RealDisk> out = new ArrayList<>();
        if (recording instanceof SimulatedRecording s) {
            for (SharedDisk d : s.sim().fabric().disks()) if (d.isReal()) out.add(d.real());
        }
        return out;
    }

    /** Logs out of and closes every real device the session opened. */
    public void close() {
        if (recording instanceof SimulatedRecording s) s.sim().close();
    }

    public Kind kind() { return kind; }

    /** The scenario being simulated; null for a replay or a live session. */
    public Scenario scenario() { return scenario; }

    public String title() { return title; }

    /** The simulation's seed (0 for a replay or a live session). */
    public long seed() { return seed; }

    public String description() { return description; }

    /** Only a simulation can be acted on; a replay or a live target can only be watched. */
    public boolean canAct() { return kind == Kind.SIMULATED; }

    /** What the window lays out; a live session's grows as initiators log in. */
    public Topology topology() { return recording.topology(); }

    public Timeline timeline() { return recording.timeline(); }

    /** "node-a/p1" for one of the session's initiator ports, else null. */
    public String describe(dev.clusterlab.engine.scsi.InitiatorPort port) { return recording.describe(port); }

    /**
     * How far the session runs: the scenario's end (its last step or expectation), or
     * {@link #AFTER_LAST_ACTION_NANOS} after the user's last action when that is later; a replay's
     * last event; for a live session, now.
     */
    public long end() { return kind == Kind.SIMULATED ? end : recording.recordedUntil(); }

    /** Increases each time acting in the past forks the future: the timeline then is a new one. */
    public int generation() { return generation; }

    /** The user's actions on the current timeline, in time order. */
    public List<SessionAction> actions() { return List.copyOf(actions); }

    /** The times at which the user acted in the past and the recorded future was replaced, ascending. */
    public List<Long> forks() { return List.copyOf(forks); }

    /** The scenario file's text this session was opened from, or null when it is unknown. */
    public String sourceText() { return sourceText; }

    /**
     * Carries out {@code text} — a command ({@code node-b --read-keys data}) or a fault
     * ({@code crash node-a}) in the scenario language, without its time — at the cursor, and records
     * it. When the cursor is behind what was recorded (the user rewound), the future after the
     * cursor is dropped first and the session re-records up to the cursor: the action forks the
     * timeline there. The action runs at the start of the first whole millisecond at or after the
     * cursor in which nothing has happened yet (so a saved scenario reads well and replays it
     * exactly), and the cursor moves there.
     *
     * @throws ScenarioSyntaxException when {@code text} is not a valid step for this scenario; nothing changes
     */
    public ActionResult act(String text) throws ScenarioSyntaxException {
        if (!canAct()) throw new UnsupportedOperationException("a " + (kind == Kind.LIVE ? "live session" : "replayed trace")
                + " can only be watched; open a scenario to act");
        String clean = text.strip();
        long at = Math.max(0, ceilToMillis(cursor));
        Step parsed = ScenarioParser.parseAction(scenario, Duration.ZERO, clean, "console"); // before anything changes
        SimulatedRecording sim = (SimulatedRecording) recording;
        boolean forked = at < sim.recordedUntil();
        if (forked && scenario.bindsRealDevices()) {
            throw new IllegalStateException("this session drives real devices, whose state cannot be rewound: go to the live edge"
                    + " (End) to act");
        }
        if (forked) {
            final long forkAt = at;
            actions.removeIf(a -> a.at() > forkAt);
            forks.removeIf(f -> f >= forkAt);
            forks.add(forkAt);
            generation++;
            sim = SimulatedRecording.start(scenario, sim.topology(), seed, scriptEnd, actions, devices);
            use(sim);
            if (at > 0) sim.recordUntil(at - 1);
        }
        // An action runs first in its instant; if the cluster already acted in this millisecond, the next one.
        while (sim.sim().scheduler().lastRunDueNanos() >= at) at += 1_000_000L;
        Duration when = Duration.ofNanos(at);
        SessionAction action = new SessionAction(at, clean, switch (parsed) {
            case Step.Command c -> new Step.Command(when, c.command(), 0);
            case Step.Fault f -> new Step.Fault(when, f.action(), 0);
        });
        ScenarioRun.StepResult[] result = new ScenarioRun.StepResult[1];
        SimulatedRecording acting = sim;
        sim.sim().scheduler().scheduleFirstAt(at, () -> result[0] = acting.apply(action));
        end = Math.max(end, at + AFTER_LAST_ACTION_NANOS);
        sim.recordUntil(at);
        actions.add(action);
        narrateNewEvents();
        cursor = at;
        return new ActionResult(action, result[0], forked);
    }

    private static long ceilToMillis(long nanos) { return Math.ceilDiv(nanos, 1_000_000L) * 1_000_000L; }

    /** The scenario this session amounts to: its file with the user's actions written in as timed steps. */
    public String asScenarioText() {
        if (sourceText == null) throw new IllegalStateException("the scenario's source text is unknown; cannot save it");
        return SessionScenario.write(sourceText, scenario, actions);
    }

    /** The time the window shows. */
    public long cursor() { return cursor; }

    /** How far the recording goes: everything up to here is in the timeline. */
    public long recordedUntil() { return recording.recordedUntil(); }

    /**
     * Runs the simulation forward to {@code time} (clamped to [0, end]) if it has not got there yet,
     * and puts the cursor there.
     */
    public void advanceTo(long time) {
        if (kind == Kind.LIVE) recording.recordUntil(Long.MAX_VALUE); // take in what has arrived
        long t = clamp(time);
        if (t > recording.recordedUntil()) recording.recordUntil(t);
        narrateNewEvents();
        cursor = t;
    }

    /**
     * Moves the cursor to {@code time} in either direction: back over the recorded timeline (the
     * simulation is left where it is), forward by running the simulation as needed.
     */
    public void seek(long time) {
        if (kind == Kind.LIVE || clamp(time) > recording.recordedUntil()) advanceTo(time);
        else cursor = clamp(time);
    }

    /**
     * Moves the cursor to the next recorded event after it, running the simulation one scheduler
     * event at a time until something is recorded; stays at the end when nothing more happens.
     * Returns the new cursor.
     */
    public long stepToNextEvent() {
        Timeline timeline = timeline();
        while (true) {
            int next = timeline.countUpTo(cursor);
            if (next < timeline.size()) {
                cursor = Math.min(end(), timeline.indexedTime(next));
                return cursor;
            }
            if (!recording.recordNext(end())) {
                advanceTo(end());
                return cursor;
            }
            narrateNewEvents();
        }
    }

    /**
     * Moves the cursor to the last recorded event before it (the start when there is none) and
     * returns the new cursor; the simulation is left where it is.
     */
    public long stepToPreviousEvent() {
        int before = timeline().countUpTo(cursor - 1);
        cursor = before == 0 ? 0 : timeline().indexedTime(before - 1);
        return cursor;
    }

    /** The picture at the cursor. */
    public LabFrame frame() { return stateAt(cursor); }

    /**
     * The picture at {@code time}, which must already be recorded (at or before {@link #recordedUntil()}):
     * the same projections as when the simulation first passed that moment.
     */
    public LabFrame stateAt(long time) {
        if (time > recordedUntil()) throw new IllegalArgumentException("not recorded yet: " + time + " > " + recordedUntil());
        int position = timeline().countUpTo(time);
        int count = narrationCountUpTo(time);
        return new LabFrame(time, clusterCache.stateAt(position), diskCache.stateAt(position), linkCache.stateAt(position),
                recentCommands(time, position), narrationBefore(count), headlineBefore(count), armedDisks());
    }

    /** The real disks armed right now: arming is the user's present decision, not part of the recorded past. */
    private java.util.Set<String> armedDisks() {
        if (scenario == null || !scenario.bindsRealDevices()) return java.util.Set.of(); // built per frame: nothing to look at
        java.util.Set<String> out = new java.util.HashSet<>();
        for (RealDisk d : realDisks()) if (d.armed()) out.add(d.name());
        return out;
    }

    /** The arrows of the commands completed in [time - RECENT_NANOS, the first {@code position} events). */
    private List<CommandArrow> recentCommands(long time, int position) {
        int from = timeline().firstIndexAtOrAfter(time - RECENT_NANOS);
        int lo = firstArrowAtOrAfter(from), hi = firstArrowAtOrAfter(position);
        return arrows.subList(lo, hi);
    }

    private int firstArrowAtOrAfter(int eventIndex) {
        int lo = 0, hi = arrowEventIndex.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (arrowEventIndex.get(mid) < eventIndex) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * Pairs a completion with its start as the events are first read, once: decoding a summary per
     * command per frame cost most of a frame at 1,000 commands/s.
     */
    private void arrowOf(int index, TimelineEvent event) {
        switch (event) {
            case TimelineEvent.CommandStarted e -> { if (e.nexus() != null) started.put(new CommandKey(e.lu(), e.commandId()), e); }
            case TimelineEvent.CommandCompleted e -> {
                TimelineEvent.CommandStarted start = started.remove(new CommandKey(e.lu(), e.commandId()));
                if (e.nexus() == null || start == null) return;
                String path = recording.describe(e.nexus().initiator());
                if (path == null) return; // not one of the lab's nodes
                int slash = path.indexOf('/');
                arrows.add(new CommandArrow(e.time(), path.substring(0, slash), path.substring(slash + 1), e.lu(),
                        ScsiDecoder.summarize(start.cdb(), start.dataOut()), outcome(e.status())));
                arrowEventIndex.add(index);
            }
            default -> { }
        }
    }

    private record CommandKey(String lu, long commandId) {}

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

    /** The narrator pairs commands, so it reads every event once, in order, as they are recorded. */
    private void narrateNewEvents() {
        Timeline timeline = timeline();
        int size = timeline.size();
        for (; narrated < size; narrated++) {
            TimelineEvent event = timeline.get(narrated);
            arrowOf(narrated, event);
            Narrator.Line line = narrator.narrate(event);
            if (line == null) continue;
            if (line.important()) importantLines.add(narration.size());
            narration.add(line);
        }
    }

    private long clamp(long time) { return Math.max(0, Math.min(end(), time)); }
}
