package dev.clusterlab.views.sequence.export;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.views.sequence.SequenceRow;
import java.util.Map;

/**
 * The sequence diagram as a Mermaid {@code sequenceDiagram}: participants (nodes, then disks), per
 * command a request {@code ->>} and a dashed response back ({@code -->>} for GOOD, {@code --x} for
 * anything else: Mermaid has no arrow colours, so a cross marks the failures), and a
 * {@code Note over} the node's lane for each cluster event.
 */
public final class MermaidExport {
    private MermaidExport() {}

    public static String write(SequenceDiagram diagram) {
        ParticipantIds ids = new ParticipantIds(diagram);
        StringBuilder out = new StringBuilder(128 + 120 * diagram.rows().size());
        out.append("sequenceDiagram\n");
        out.append("    %% ").append(text(diagram.title())).append('\n');
        for (Map.Entry<String, String> n : ids.nodes().entrySet()) {
            out.append("    participant ").append(n.getValue()).append(" as ").append(text(n.getKey())).append('\n');
        }
        for (Map.Entry<String, String> d : ids.disks().entrySet()) {
            out.append("    participant ").append(d.getValue()).append(" as ").append(text("disk " + d.getKey())).append('\n');
        }
        for (SequenceRow row : diagram.rows()) {
            switch (row) {
                case SequenceRow.Command c -> {
                    String node = ids.node(c.node()), disk = ids.disk(c.disk());
                    out.append("    ").append(node).append("->>").append(disk).append(": ").append(text(Durations.format(c.time()) + "  "
                            + c.label() + (c.path().isEmpty() ? "" : "  [" + c.path() + "]"))).append('\n');
                    out.append("    ").append(disk).append(c.status() == ScsiStatus.GOOD ? "-->>" : "--x").append(node).append(": ")
                            .append(text(c.outcome())).append('\n');
                }
                case SequenceRow.ClusterEvent e -> out.append("    Note over ").append(ids.node(e.node())).append(": ")
                        .append(text(Durations.format(e.time()) + "  " + e.text())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Mermaid ends a statement at {@code ;} and reads {@code #...;} as an entity: both are written as
     * entity codes, as Mermaid's documentation says to.
     */
    private static String text(String s) {
        String one = ParticipantIds.oneLine(s);
        StringBuilder b = new StringBuilder(one.length());
        for (int i = 0; i < one.length(); i++) {
            char c = one.charAt(i);
            switch (c) {
                case '#' -> b.append("#35;");
                case ';' -> b.append("#59;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
