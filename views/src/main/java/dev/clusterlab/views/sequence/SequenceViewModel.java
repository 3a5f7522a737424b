package dev.clusterlab.views.sequence;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.views.session.LabSession;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sequence diagram's rows and filters, without controls: every completed command of the
 * session's timeline up to the cursor (start and completion paired by LU and command id), plus
 * marks for the important cluster events. Testable without the toolkit.
 *
 * <p>The timeline only grows, so rows are decoded once, as they are recorded, into {@code all};
 * {@code matching} holds those passing the filters (rebuilt only when a filter changes) and the
 * visible rows are its prefix up to the cursor, found by binary search and updated by appending or
 * trimming the tail, so a cursor move costs what changed, not the whole history.
 */
public final class SequenceViewModel {
    private final LabSession session;
    private final Narrator narrator;
    private final Map<String, TimelineEvent.CommandStarted> pending = new HashMap<>();
    private final Map<InitiatorPort, String> pathNames = new HashMap<>();
    private final List<SequenceRow> all = new ArrayList<>();
    private final List<SequenceRow> matching = new ArrayList<>();
    private final ObservableList<SequenceRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SequenceRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<SequenceRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    /** Up to this many rows are trimmed in place (keeps a list view's scroll and selection as they are). */
    static final int SMALL_TRIM = 256;
    private int scanned; // timeline events read so far
    private int generation; // the session's recording the rows were read from
    private long cursor;

    private String nodeFilter; // null = every node
    private String diskFilter; // null = every disk
    private final EnumSet<CommandKind> kinds = EnumSet.allOf(CommandKind.class);
    private boolean clusterEvents = true;
    private boolean heartbeats;
    /** The heartbeat rows among the cluster events (by identity: the rows are records). */
    private final Set<SequenceRow> heartbeatRows = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public SequenceViewModel(LabSession session) {
        this.session = session;
        this.narrator = new Narrator(session::describe, Narrator.Detail.STORY);
        showUpTo(session.cursor());
    }

    /** The visible rows, oldest first. */
    public ObservableList<SequenceRow> rows() { return readOnlyRows; }

    public ReadOnlyObjectProperty<SequenceRow> selectedProperty() { return selected.getReadOnlyProperty(); }

    public SequenceRow selected() { return selected.get(); }

    /** Selects {@code row} (null clears); a row that is not visible cannot be selected. */
    public void select(SequenceRow row) { selected.set(row != null && rows.contains(row) ? row : null); }

    public long cursor() { return cursor; }

    /** Shows the rows recorded up to {@code time} (the session must have recorded that far). */
    public void showUpTo(long time) {
        cursor = time;
        scanNewEvents();
        updateVisible();
    }

    public String nodeFilter() { return nodeFilter; }

    /** Only rows of {@code node} (null: every node). */
    public void setNodeFilter(String node) {
        nodeFilter = node;
        refilter();
    }

    public String diskFilter() { return diskFilter; }

    /** Only rows of {@code disk} (null: every disk); cluster events about no disk stay. */
    public void setDiskFilter(String disk) {
        diskFilter = disk;
        refilter();
    }

    public boolean showsKind(CommandKind kind) { return kinds.contains(kind); }

    public void setKindShown(CommandKind kind, boolean shown) {
        if (shown) kinds.add(kind);
        else kinds.remove(kind);
        refilter();
    }

    public Set<CommandKind> shownKinds() { return EnumSet.copyOf(kinds); }

    /** Heartbeat links going silent and coming back (off by default: there can be many). */
    public boolean showsHeartbeats() { return heartbeats; }

    public void setHeartbeatsShown(boolean shown) {
        heartbeats = shown;
        refilter();
    }

    public boolean showsClusterEvents() { return clusterEvents; }

    public void setClusterEventsShown(boolean shown) {
        clusterEvents = shown;
        refilter();
    }

    /** The first visible row that is a command whose label contains {@code text}, or null. */
    public SequenceRow.Command findCommand(String node, String disk, String text) {
        for (SequenceRow r : rows) {
            if (r instanceof SequenceRow.Command c && c.node().equals(node) && c.disk().equals(disk) && c.label().contains(text)) return c;
        }
        return null;
    }

    private void scanNewEvents() {
        if (generation != session.generation()) forgetRecording();
        Timeline timeline = session.timeline();
        int size = timeline.size();
        for (; scanned < size; scanned++) {
            SequenceRow row = rowOf(scanned, timeline.get(scanned));
            if (row == null) continue;
            all.add(row);
            if (matches(row)) matching.add(row);
        }
    }

    /** The user forked the timeline: every row read so far belongs to a future that is gone. */
    private void forgetRecording() {
        generation = session.generation();
        selected.set(null);
        rows.clear();
        all.clear();
        matching.clear();
        heartbeatRows.clear();
        pending.clear();
        scanned = 0;
    }

    private SequenceRow rowOf(int index, TimelineEvent event) {
        return switch (event) {
            case TimelineEvent.CommandStarted e -> {
                if (e.nexus() != null) pending.put(e.lu() + "#" + e.commandId(), e);
                yield null;
            }
            case TimelineEvent.CommandCompleted e -> {
                TimelineEvent.CommandStarted start = pending.remove(e.lu() + "#" + e.commandId());
                if (start == null) yield null;
                String where = pathName(start.nexus().initiator());
                int slash = where.indexOf('/');
                String node = slash < 0 ? where : where.substring(0, slash);
                String path = slash < 0 ? "" : where.substring(slash + 1);
                yield new SequenceRow.Command(e.time(), index, node, path, e.lu(), CommandKind.of(start.cdb()),
                        ScsiDecoder.summarize(start.cdb(), start.dataOut()), e.status(), e.sense(),
                        start.cdb(), start.dataOut(), e.dataIn());
            }
            case TimelineEvent.NodeFenced e -> mark(index, e, e.by(), e.disk(), e.victim());
            case TimelineEvent.GroupStateChanged e -> mark(index, e, e.node(), null, null);
            case TimelineEvent.MembershipChanged e ->
                    e.change() == TimelineEvent.MembershipChange.REMOVED ? mark(index, e, e.observer(), null, e.peer()) : null;
            case TimelineEvent.NodeStateChanged e -> mark(index, e, e.node(), null, null);
            case TimelineEvent.IntegrityViolation e -> mark(index, e, e.node(), e.disk(), e.other());
            case TimelineEvent.HeartbeatLost e -> heartbeat(index, e, e.observer(), e.peer());
            case TimelineEvent.HeartbeatRestored e -> heartbeat(index, e, e.observer(), e.peer());
            default -> null;
        };
    }

    /** A heartbeat link going silent or coming back, on the observer's lane; shown only on request. */
    private SequenceRow heartbeat(int index, TimelineEvent event, String observer, String peer) {
        Narrator.Line line = narrator.narrate(event);
        if (line == null) return null;
        SequenceRow row = new SequenceRow.ClusterEvent(event.time(), index, observer, null, line.text(), peer);
        heartbeatRows.add(row);
        return row;
    }

    /** A lane mark, when the narrator calls the event important. */
    private SequenceRow mark(int index, TimelineEvent event, String node, String disk, String other) {
        Narrator.Line line = narrator.narrate(event);
        if (line == null || !line.important()) return null;
        return new SequenceRow.ClusterEvent(event.time(), index, node, disk, line.text(), other);
    }

    private String pathName(InitiatorPort port) {
        return pathNames.computeIfAbsent(port, p -> {
            String name = session.describe(p);
            return name != null ? name : p.displayName();
        });
    }

    private boolean matches(SequenceRow row) {
        return switch (row) {
            case SequenceRow.Command c -> kinds.contains(c.kind())
                    && (nodeFilter == null || nodeFilter.equals(c.node()))
                    && (diskFilter == null || diskFilter.equals(c.disk()));
            case SequenceRow.ClusterEvent e -> (heartbeatRows.contains(e) ? heartbeats : clusterEvents)
                    && (nodeFilter == null || nodeFilter.equals(e.node()) || nodeFilter.equals(e.otherNode()))
                    && (diskFilter == null || e.disk() == null || diskFilter.equals(e.disk()));
        };
    }

    private void refilter() {
        SequenceRow keep = selected.get();
        matching.clear();
        for (SequenceRow r : all) if (matches(r)) matching.add(r);
        rows.clear(); // a list view clears its selection with its items
        updateVisible();
        if (keep != null && stillVisible(keep)) selected.set(keep);
    }

    /** Makes {@code rows} the prefix of {@code matching} at or before the cursor, touching only the tail. */
    private void updateVisible() {
        int limit = session.timeline().countUpTo(cursor); // events at or before the cursor
        int lo = 0, hi = matching.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (matching.get(mid).index() < limit) lo = mid + 1;
            else hi = mid;
        }
        int count = lo;
        // Clear a selection that is going away first: a list view showing these rows would otherwise
        // move its selection to a neighbour when the selected row is removed.
        if (selected.get() != null && !stillVisible(selected.get())) selected.set(null);
        if (count < rows.size()) trimTo(count);
        else if (count > rows.size()) rows.addAll(matching.subList(rows.size(), count));
    }

    /**
     * Cuts {@code rows} to its first {@code count}. ObservableList.remove(from, to) removes one element
     * at a time, each shifting the rest of the range: quadratic, minutes for a rewind over a million
     * events. Beyond a few hundred rows one setAll (linear) replaces the list instead; a list view
     * drops its selection on that, so a selection still visible is put back.
     */
    private void trimTo(int count) {
        int removed = rows.size() - count;
        if (removed <= SMALL_TRIM) {
            rows.remove(count, rows.size());
            return;
        }
        SequenceRow keep = selected.get();
        if (count == 0) rows.clear();
        else rows.setAll(matching.subList(0, count));
        if (keep != null && selected.get() != keep) selected.set(keep);
    }

    private boolean stillVisible(SequenceRow row) {
        if (row.index() >= session.timeline().countUpTo(cursor)) return false;
        return matches(row);
    }
}
