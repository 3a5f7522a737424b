package dev.clusterlab.views.sequence.export;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.views.sequence.SequenceRow;
import java.util.Map;

/**
 * The sequence diagram as PlantUML text for tickets and wikis: every lane declared first as a
 * participant, then per command a request arrow {@code node -> disk : time label [path]} and a
 * dashed response arrow back coloured by outcome, and a note over the node's lane for each
 * cluster event.
 */
public final class PlantUmlExport {
    private PlantUmlExport() {}

    public static String write(SequenceDiagram diagram) {
        ParticipantIds ids = new ParticipantIds(diagram);
        StringBuilder out = new StringBuilder(128 + 120 * diagram.rows().size());
        out.append("@startuml\n");
        out.append("title ").append(text(diagram.title())).append('\n');
        for (Map.Entry<String, String> n : ids.nodes().entrySet()) {
            out.append("participant \"").append(quoted(n.getKey())).append("\" as ").append(n.getValue()).append('\n');
        }
        for (Map.Entry<String, String> d : ids.disks().entrySet()) {
            out.append("participant \"").append(quoted("disk " + d.getKey())).append("\" as ").append(d.getValue()).append('\n');
        }
        for (SequenceRow row : diagram.rows()) {
            switch (row) {
                case SequenceRow.Command c -> {
                    String node = ids.node(c.node()), disk = ids.disk(c.disk());
                    out.append(node).append(" -> ").append(disk).append(" : ").append(text(Durations.format(c.time()) + "  " + c.label()
                            + (c.path().isEmpty() ? "" : "  [" + c.path() + "]"))).append('\n');
                    out.append(disk).append(" -[").append(DiagramLayout.outcomeColour(c.status())).append("]-> ").append(node)
                            .append(" : ").append(text(c.outcome())).append('\n');
                }
                case SequenceRow.ClusterEvent e -> out.append("note over ").append(ids.node(e.node())).append(" : ")
                        .append(text(Durations.format(e.time()) + "  " + e.text())).append('\n');
            }
        }
        out.append("@enduml\n");
        return out.toString();
    }

    /**
     * PlantUML reads {@code \n} in a label as a line break and {@code ~} as its escape character:
     * both are escaped with {@code ~} so labels print as written.
     */
    private static String text(String s) {
        return ParticipantIds.oneLine(s).replace("~", "~~").replace("\\", "~\\");
    }

    private static String quoted(String s) { return text(s).replace("\"", "'"); }
}
