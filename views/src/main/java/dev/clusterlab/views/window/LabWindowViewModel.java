package dev.clusterlab.views.window;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.views.session.ActionResult;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.inspector.DiskHistory;
import dev.clusterlab.views.inspector.InspectorViewModel;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.sequence.SequenceViewModel;
import dev.clusterlab.views.session.LabSession;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's state and logic, without controls (JabRef's View/ViewModel split): the frame at the
 * cursor, play/pause, speed, and the narration to show. Testable without the toolkit.
 *
 * <p>Playing moves the cursor by wall time x speed on each {@link #tick}; the session runs the
 * simulation forward as the cursor passes what was recorded, and re-reads the history when the
 * cursor is behind it (after a rewind), so playing from the past replays what happened.
 */
public final class LabWindowViewModel {
    public static final List<Double> SPEEDS = List.of(0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0);
    /** Frames further apart than this (a stalled machine, a debugger) do not make time jump. */
    private static final long MAX_TICK_NANOS = 250_000_000L;
    private static final int LOG_LINES = 4;

    private final LabSession session;
    private final ReadOnlyObjectWrapper<LabFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper log = new ReadOnlyStringWrapper(this, "log", "");
    private final ReadOnlyStringWrapper timeText = new ReadOnlyStringWrapper(this, "timeText", "");
    private final SequenceViewModel sequence;
    private final InspectorViewModel inspector = new InspectorViewModel();
    private final ReadOnlyDoubleWrapper end = new ReadOnlyDoubleWrapper(this, "end");
    private final ObservableList<Long> forkTimes = FXCollections.observableArrayList();
    private final ObservableList<Long> readOnlyForks = FXCollections.unmodifiableObservableList(forkTimes);
    private long lastWall = Long.MIN_VALUE;
    private long lastLiveRefresh = Long.MIN_VALUE / 2;
    private String canvasDisk; // the disk selected on the canvas, shown in the inspector until a row is selected
    private DiskHistory diskHistory; // the shown disk's history on the current timeline, read incrementally

    public LabWindowViewModel(LabSession session) {
        this.session = session;
        end.set(session.end() / 1e9);
        forkTimes.setAll(session.forks());
        this.sequence = new SequenceViewModel(session);
        sequence.selectedProperty().addListener((obs, old, row) -> {
            if (row != null) canvasDisk = null; // the latest choice wins: a row now, not the canvas's disk
            inspector.show(row);
            showSelectedDisk();
        });
        playing.addListener((obs, was, now) -> lastWall = Long.MIN_VALUE);
        publish();
    }

    public LabSession session() { return session; }

    /** The sequence diagram's rows up to the cursor, its filters and selection. */
    public SequenceViewModel sequence() { return sequence; }

    /** The decoded fields of the row selected in the sequence diagram. */
    public InspectorViewModel inspector() { return inspector; }

    public ReadOnlyObjectProperty<LabFrame> frameProperty() { return frame.getReadOnlyProperty(); }

    public LabFrame frame() { return frame.get(); }

    public BooleanProperty playingProperty() { return playing; }

    public DoubleProperty speedProperty() { return speed; }

    /** The latest important narration line, for the big line of the narration bar. */
    public ReadOnlyStringProperty headlineProperty() { return headline.getReadOnlyProperty(); }

    /** The last few narration lines, newest last. */
    public ReadOnlyStringProperty logProperty() { return log.getReadOnlyProperty(); }

    public ReadOnlyStringProperty timeTextProperty() { return timeText.getReadOnlyProperty(); }

    public double endSeconds() { return end.get(); }

    public double cursorSeconds() { return session.cursor() / 1e9; }

    /** The nodes running {@code group} at the cursor. */
    public List<String> runningOn(String group) { return frame().runningOn(group); }

    public void togglePlay() {
        if (!playing.get() && session.cursor() >= session.end()) seek(0); // play again from the start
        playing.set(!playing.get());
    }

    /** Pauses and moves the cursor to the next recorded event. */
    public void stepToNextEvent() {
        playing.set(false);
        session.stepToNextEvent();
        publish();
    }

    /** Pauses and moves the cursor back to the previous recorded event. */
    public void stepToPreviousEvent() {
        playing.set(false);
        session.stepToPreviousEvent();
        publish();
    }

    /** Pauses and moves the cursor to the start (Home). */
    public void jumpToStart() {
        playing.set(false);
        seek(0);
    }

    /** Pauses and moves the cursor to the end of the session, running the simulation there (End). */
    public void jumpToEnd() {
        playing.set(false);
        seek(session.end());
    }

    /** The next listed speed above the current one (+); stays at the fastest. */
    public void faster() {
        for (double v : SPEEDS) {
            if (v > speed.get() + 1e-9) {
                speed.set(v);
                return;
            }
        }
    }

    /** The next listed speed below the current one (-); stays at the slowest. */
    public void slower() {
        for (int i = SPEEDS.size() - 1; i >= 0; i--) {
            if (SPEEDS.get(i) < speed.get() - 1e-9) {
                speed.set(SPEEDS.get(i));
                return;
            }
        }
    }

    /**
     * Carries out {@code text} (a command or a fault in the scenario language, e.g.
     * {@code node-b --read-keys data} or {@code crash node-a}) at the cursor: see
     * {@link LabSession#act(String)}. Acting in the past forks the future.
     *
     * @throws ScenarioSyntaxException when the text is not a valid step; nothing changes then
     */
    public ActionResult act(String text) throws ScenarioSyntaxException {
        ActionResult result = session.act(text);
        end.set(session.end() / 1e9);
        forkTimes.setAll(session.forks());
        publish();
        return result;
    }

    /** The end of the session in seconds; grows when the user acts near the end. */
    public ReadOnlyDoubleProperty endProperty() { return end.getReadOnlyProperty(); }

    /** The times (ns) where the user forked the timeline, ascending: the window marks them. */
    public ObservableList<Long> forks() { return readOnlyForks; }

    /** Moves the cursor to {@code nanos} (clamped to the scenario), back or forward. */
    public void seek(long nanos) {
        if (nanos == session.cursor()) return;
        session.seek(nanos);
        publish();
    }

    public void seekSeconds(double seconds) { seek(Math.round(seconds * 1e9)); }

    /** Called once per animation frame with the frame's wall time; moves the cursor while playing. */
    public void tick(long wallNanos) {
        if (!playing.get()) {
            // Paused on a live session: still take in what arrives (four times a second), so the
            // slider's end follows the clock and new initiators appear; the cursor stays put.
            if (session.kind() == LabSession.Kind.LIVE && wallNanos - lastLiveRefresh >= 250_000_000L) {
                lastLiveRefresh = wallNanos;
                session.advanceTo(session.cursor());
                publish();
            }
            return;
        }
        if (lastWall == Long.MIN_VALUE) {
            lastWall = wallNanos;
            return;
        }
        long delta = Math.min(MAX_TICK_NANOS, Math.max(0, wallNanos - lastWall));
        lastWall = wallNanos;
        if (session.kind() == LabSession.Kind.LIVE) {
            // Playing a live session follows its live edge; pause and drag the slider to look back.
            seek(Long.MAX_VALUE);
            return;
        }
        seek(session.cursor() + Math.round(delta * speed.get()));
        // A live session's end moves with the clock: playing at its end follows it.
        if (session.cursor() >= session.end() && session.kind() != LabSession.Kind.LIVE) playing.set(false);
    }

    /** Publishes the frame at the cursor again (after something outside the timeline changed, e.g. arming). */
    public void refresh() { publish(); }

    private void publish() {
        end.set(session.end() / 1e9); // a live session's end is now, and moves
        LabFrame f = session.frame();
        frame.set(f);
        sequence.showUpTo(f.time());
        showSelectedDisk();
        timeText.set(Durations.format(f.time()) + " / " + Durations.format(session.end()));
        List<Narrator.Line> lines = f.narration();
        Narrator.Line important = f.headline();
        headline.set(important != null ? sentence(important)
                : session.kind() == LabSession.Kind.LIVE ? "Watching the target: initiators that log in appear as nodes."
                : "The cluster is formed; nothing has happened yet.");
        List<String> recent = new ArrayList<>();
        for (int i = Math.max(0, lines.size() - LOG_LINES); i < lines.size(); i++) recent.add(sentence(lines.get(i)));
        log.set(String.join("\n", recent));
    }

    /** The registrant table and history follow the disk selected on the canvas, else the disk of the selected row, at the cursor. */
    private void showSelectedDisk() {
        LabFrame f = frame.get();
        String disk = canvasDisk != null ? canvasDisk : switch (sequence.selected()) {
            case null -> null;
            case SequenceRow.Command c -> c.disk();
            case SequenceRow.ClusterEvent e -> e.disk();
        };
        if (f == null || disk == null) inspector.showDisk(null, 0, null, session::describe);
        else inspector.showDisk(disk, f.time(), f.disks().reservation(disk), session::describe, diskHistory(disk).upTo(f.time()));
    }

    /**
     * Shows {@code disk} in the inspector (its registrations and reservation history at the cursor),
     * as when it is clicked on the canvas; null clears it. Selecting a sequence row later shows that
     * row's disk instead.
     */
    public void selectDisk(String disk) {
        canvasDisk = disk;
        if (disk != null) sequence.select(null);
        showSelectedDisk();
    }

    /** The disk the canvas selected, or null. */
    public String selectedDisk() { return canvasDisk; }

    private DiskHistory diskHistory(String disk) {
        if (diskHistory == null || !diskHistory.disk().equals(disk) || diskHistory.timeline() != session.timeline()) {
            diskHistory = new DiskHistory(session.timeline(), disk, session::describe);
        }
        return diskHistory;
    }

    static String sentence(Narrator.Line line) {
        return Durations.format(line.time()) + "   " + line.actor() + ": " + line.text();
    }
}
