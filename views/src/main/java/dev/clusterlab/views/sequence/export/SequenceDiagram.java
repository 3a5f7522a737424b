package dev.clusterlab.views.sequence.export;

import dev.clusterlab.views.sequence.CommandKind;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.sequence.SequenceViewModel;
import dev.clusterlab.views.session.LabSession;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a sequence export draws: the lanes (nodes, then disks) and the rows of the sequence diagram,
 * read through the window's own {@link SequenceViewModel} so an export shows what the window shows
 * with the same filters. Plain data: the SVG, PlantUML, Mermaid and PNG writers all draw from it.
 */
public record SequenceDiagram(String title, List<String> nodes, List<String> disks, List<SequenceRow> rows) {

    public SequenceDiagram {
        nodes = List.copyOf(nodes);
        disks = List.copyOf(disks);
        rows = List.copyOf(rows);
    }

    /**
     * Which rows to take: those in [{@code from}, {@code to}] (nanoseconds), of {@code node} and
     * {@code disk} (null: all), of the command {@code kinds}, with cluster-event marks when
     * {@code clusterEvents}.
     */
    public record Selection(long from, long to, String node, String disk, Set<CommandKind> kinds, boolean clusterEvents) {
        public Selection {
            kinds = kinds.isEmpty() ? EnumSet.noneOf(CommandKind.class) : EnumSet.copyOf(kinds);
        }

        /** Everything the session recorded. */
        public static Selection everything() {
            return new Selection(0, Long.MAX_VALUE, null, null, EnumSet.allOf(CommandKind.class), true);
        }

        public Selection between(long newFrom, long newTo) { return new Selection(newFrom, newTo, node, disk, kinds, clusterEvents); }
    }

    /** The commands and marks of {@code session} chosen by {@code selection}, up to what it has recorded. */
    public static SequenceDiagram of(LabSession session, Selection selection) {
        SequenceViewModel model = new SequenceViewModel(session);
        model.setNodeFilter(selection.node());
        model.setDiskFilter(selection.disk());
        for (CommandKind k : CommandKind.values()) model.setKindShown(k, selection.kinds().contains(k));
        model.setClusterEventsShown(selection.clusterEvents());
        model.showUpTo(Math.min(selection.to(), session.recordedUntil()));
        List<SequenceRow> rows = new ArrayList<>();
        for (SequenceRow r : model.rows()) if (r.time() >= selection.from()) rows.add(r);
        // The topology's lanes (only the chosen node's or disk's when filtered: a ticket shows what it is about),
        // then any lane a row uses that is not there yet (a replay's strays, the other node of a fencing mark).
        Set<String> nodes = new LinkedHashSet<>(selection.node() != null ? List.of(selection.node()) : session.topology().nodeNames());
        Set<String> disks = new LinkedHashSet<>(selection.disk() != null ? List.of(selection.disk()) : session.topology().diskNames());
        for (SequenceRow r : rows) {
            nodes.add(r.node());
            if (r instanceof SequenceRow.Command c) disks.add(c.disk());
        }
        return new SequenceDiagram(session.title(), List.copyOf(nodes), List.copyOf(disks), rows);
    }

    /** The command rows only. */
    public List<SequenceRow.Command> commands() {
        List<SequenceRow.Command> out = new ArrayList<>();
        for (SequenceRow r : rows) if (r instanceof SequenceRow.Command c) out.add(c);
        return out;
    }
}
