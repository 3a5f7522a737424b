package dev.clusterlab.views.sequence.export;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Identifiers for the lanes of a text diagram: PlantUML and Mermaid want plain words for participant
 * ids, while lane names carry hyphens and dots ("node-a", "disk data"). Ids are {@code node_a} and
 * {@code disk_data}, made unique with a number when two names clean to the same word.
 */
final class ParticipantIds {
    private final Map<String, String> nodes = new LinkedHashMap<>();
    private final Map<String, String> disks = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    ParticipantIds(SequenceDiagram diagram) {
        for (String n : diagram.nodes()) nodes.put(n, unique(clean(n)));
        for (String d : diagram.disks()) disks.put(d, unique("disk_" + clean(d)));
    }

    Map<String, String> nodes() { return nodes; }

    Map<String, String> disks() { return disks; }

    String node(String name) { return nodes.get(name); }

    String disk(String name) { return disks.get(name); }

    private String unique(String id) {
        String candidate = id;
        for (int i = 2; !used.add(candidate); i++) candidate = id + "_" + i;
        return candidate;
    }

    private static String clean(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        if (b.isEmpty() || !Character.isLetter(b.charAt(0))) b.insert(0, "n_");
        return b.toString();
    }

    /** One line of text: line breaks would end a diagram statement early. */
    static String oneLine(String text) { return text == null ? "" : text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '); }
}
