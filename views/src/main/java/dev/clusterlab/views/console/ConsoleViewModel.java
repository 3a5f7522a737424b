package dev.clusterlab.views.console;

import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.scenario.DiskSpec;
import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scenario.LabCommandParser;
import dev.clusterlab.engine.scenario.NodeSpec;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.scenario.Step;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.session.ActionResult;
import dev.clusterlab.views.session.Topology;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The command console without controls: the node and path pickers, the line being typed with its
 * completions and inline help, the history, and the output. Enter runs the line at the cursor
 * through {@link LabWindowViewModel#act(String)}: a line that starts with a node name or a fault
 * verb is taken as written; any other line is a command for the picked node (and path), so
 * {@code --read-keys data} with node-a picked runs {@code node-a --read-keys data}.
 */
public final class ConsoleViewModel {
    /** The path picker's entry for "let multipath choose". */
    public static final String ANY_PATH = "any path";
    private static final String GENERAL_HELP = "Type a command for the picked node (--read-keys data, --register --param-sark=0xA1, tur) "
            + "or a fault (crash node-a, cut cluster). Tab completes, Enter runs it at the cursor, Up/Down recall earlier lines.";

    private final LabWindowViewModel window;
    private final Topology topology;
    private final ObservableList<String> nodes = FXCollections.observableArrayList();
    private final ObservableList<String> paths = FXCollections.observableArrayList();
    private final ObjectProperty<String> node = new SimpleObjectProperty<>(this, "node");
    private final ObjectProperty<String> path = new SimpleObjectProperty<>(this, "path", ANY_PATH);
    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final ReadOnlyStringWrapper help = new ReadOnlyStringWrapper(this, "help", GENERAL_HELP);
    private final ObservableList<ConsoleEntry> entries = FXCollections.observableArrayList();
    private final List<String> history = new ArrayList<>();
    private int historyPosition; // == history.size() when not walking the history

    public ConsoleViewModel(LabWindowViewModel window) {
        this.window = window;
        this.topology = window.session().topology();
        nodes.setAll(topology.nodeNames());
        node.addListener((obs, old, n) -> {
            paths.setAll(pathsOf(n));
            path.set(ANY_PATH);
        });
        node.set(nodes.isEmpty() ? null : nodes.get(0));
        input.addListener((obs, old, text) -> help.set(help(text)));
    }

    public ObservableList<String> nodes() { return nodes; }

    /** False for a replayed trace or a live session: they can only be watched. */
    public boolean canAct() { return window.session().canAct(); }

    /** {@link #ANY_PATH} and the picked node's paths. */
    public ObservableList<String> paths() { return paths; }

    public ObjectProperty<String> nodeProperty() { return node; }

    public ObjectProperty<String> pathProperty() { return path; }

    /** The line being typed. */
    public StringProperty inputProperty() { return input; }

    /** One line about the word being typed: its usage and what it does. */
    public ReadOnlyStringProperty helpProperty() { return help.getReadOnlyProperty(); }

    /** The answers so far, oldest first. */
    public ObservableList<ConsoleEntry> entries() { return entries; }

    private List<String> pathsOf(String nodeName) {
        List<String> out = new ArrayList<>();
        out.add(ANY_PATH);
        for (NodeSpec n : topology.nodes()) if (n.name().equals(nodeName)) out.addAll(n.pathNames());
        return out;
    }

    /** The line the session runs for {@code text}: as written, or prefixed with the picked node and path. */
    public String commandLine(String text) {
        String t = text.strip();
        String first = firstWord(t);
        if (first.isEmpty() || CommandVocabulary.isFault(first) || isNodeReference(first) || node.get() == null) return t;
        String p = path.get();
        return node.get() + (p == null || p.equals(ANY_PATH) ? "" : "/" + p) + " " + t;
    }

    /**
     * Runs {@code text} at the cursor, records it in the history, appends the answer to the output
     * and selects the command's row in the sequence diagram (so the inspector decodes it). Returns
     * the answer; a bad line gives an error entry, never an exception.
     */
    public ConsoleEntry run(String text) {
        String t = text.strip();
        if (t.isEmpty()) return null;
        remember(t);
        input.set("");
        String line = commandLine(t);
        ConsoleEntry entry;
        try {
            ActionResult result = window.act(line);
            entry = answer(result, selectRowOf(result));
        } catch (ScenarioSyntaxException e) {
            entry = error(line, e);
        } catch (RuntimeException e) {
            // A bad value the parser let through must not take the window down: show it like a syntax error.
            entry = new ConsoleEntry("error: " + e.getMessage(), "  " + line, true);
        }
        entries.add(entry);
        return entry;
    }

    /** Selects the row of {@code result}'s command in the sequence diagram; returns it (null for a fault or a hidden row). */
    private SequenceRow.Command selectRowOf(ActionResult result) {
        if (!(result.action().step() instanceof Step.Command c)) return null;
        String label = ScsiDecoder.summarize(c.command().request().cdb(), c.command().request().dataOut());
        SequenceRow.Command found = null;
        for (SequenceRow r : window.sequence().rows()) {
            if (r instanceof SequenceRow.Command row && row.time() == result.action().at() && row.node().equals(c.command().node())
                    && row.disk().equals(result.result().disk()) && row.label().equals(label)) found = row;
        }
        if (found != null) window.sequence().select(found);
        return found;
    }

    static ConsoleEntry answer(ActionResult result, SequenceRow.Command row) {
        String time = Durations.format(result.action().at());
        StringBuilder head = new StringBuilder(time).append("  ");
        if (result.action().step() instanceof Step.Command c) {
            String where = row != null ? row.node() + "/" + row.path() : c.command().node() + (c.command().path() != null ? "/" + c.command().path() : "");
            head.append(where).append("  ");
        }
        head.append(result.action().text()).append(" -> ").append(result.summary());
        List<String> lines = new ArrayList<>();
        for (String l : result.details().split("\n")) if (!l.isBlank()) lines.add("  " + l);
        if (result.forked()) lines.add("  (acted in the past: the recorded future after " + time + " was replaced)");
        return new ConsoleEntry(head.toString(), String.join("\n", lines), false);
    }

    static ConsoleEntry error(String line, ScenarioSyntaxException e) {
        int column = Math.max(1, Math.min(e.column(), line.length() + 1));
        return new ConsoleEntry("error: " + e.getMessage(), "  " + line + "\n  " + " ".repeat(column - 1) + "^", true);
    }

    public void clear() { entries.clear(); }

    // --- history ---------------------------------------------------------------------------------

    private void remember(String text) {
        if (history.isEmpty() || !history.get(history.size() - 1).equals(text)) history.add(text);
        historyPosition = history.size();
    }

    public List<String> history() { return List.copyOf(history); }

    /** Up: the line before the one shown (stays on the oldest); puts it in the input and returns it. */
    public String previous() {
        if (history.isEmpty()) return input.get();
        historyPosition = Math.max(0, historyPosition - 1);
        input.set(history.get(historyPosition));
        return input.get();
    }

    /** Down: the line after the one shown; past the newest, an empty line. */
    public String next() {
        if (historyPosition < history.size()) historyPosition++;
        input.set(historyPosition < history.size() ? history.get(historyPosition) : "");
        return input.get();
    }

    // --- completion ------------------------------------------------------------------------------

    /**
     * Whole lines that complete the last word of {@code text}: the text before that word followed by
     * each candidate that starts with it (an option that takes a value ends in {@code =}, anything
     * else in a space, ready for the next word).
     */
    public List<String> completions(String text) {
        int start = text.lastIndexOf(' ') + 1;
        String before = text.substring(0, start), partial = text.substring(start);
        List<String> words = words(before);
        Set<String> out = new LinkedHashSet<>();
        for (String candidate : candidates(words, partial)) {
            if (candidate.toLowerCase(Locale.ROOT).startsWith(partial.toLowerCase(Locale.ROOT)) && !candidate.equals(partial)) {
                out.add(before + candidate + (candidate.endsWith("=") ? "" : " "));
            }
        }
        return List.copyOf(out);
    }

    private List<String> candidates(List<String> words, String partial) {
        if (words.isEmpty()) {
            List<String> all = new ArrayList<>(CommandVocabulary.PR_ACTIONS.keySet());
            all.addAll(LabCommandParser.VERBS.keySet());
            all.addAll(CommandVocabulary.FAULTS.keySet());
            all.addAll(nodeReferences());
            return all;
        }
        String first = words.get(0);
        if (CommandVocabulary.isFault(first)) {
            List<String> kinds = CommandVocabulary.faultArguments(first);
            if (kinds.isEmpty()) return List.of();
            return namesOf(kinds.get(Math.min(words.size() - 1, kinds.size() - 1)));
        }
        List<String> command = isNodeReference(first) ? words.subList(1, words.size()) : words;
        if (command.isEmpty()) {
            List<String> all = new ArrayList<>(CommandVocabulary.PR_ACTIONS.keySet());
            all.addAll(LabCommandParser.VERBS.keySet());
            return all;
        }
        if (partial.startsWith("--param-rk=") || partial.startsWith("--param-sark=")) {
            return registeredKeys(partial.substring(0, partial.indexOf('=') + 1), command);
        }
        if (partial.startsWith("--prout-type=")) {
            List<String> types = new ArrayList<>();
            for (PrType t : PrType.values()) types.add("--prout-type=" + t.code());
            return types;
        }
        String verb = command.get(0);
        if (!verb.startsWith("-")) {
            List<String> all = new ArrayList<>(CommandVocabulary.VERB_KEYS.getOrDefault(verb.toLowerCase(Locale.ROOT), List.of()));
            all.addAll(topology.diskNames());
            return all;
        }
        boolean hasAction = false;
        for (String w : command) if (CommandVocabulary.PR_ACTIONS.containsKey(w)) hasAction = true;
        List<String> all = new ArrayList<>();
        if (!hasAction) all.addAll(CommandVocabulary.PR_ACTIONS.keySet());
        for (String option : CommandVocabulary.VALUE_OPTIONS.keySet()) if (!used(command, option)) all.add(option + "=");
        for (String flag : CommandVocabulary.FLAG_OPTIONS.keySet()) if (!used(command, flag)) all.add(flag);
        all.addAll(topology.diskNames());
        return all;
    }

    /** {@code option} followed by each key registered on the command's disk at the cursor (hex, as sg_persist shows them). */
    private List<String> registeredKeys(String option, List<String> command) {
        String disk = null;
        for (String w : command) if (topology.diskNames().contains(w)) disk = w;
        if (disk == null) disk = defaultDisk();
        Set<String> keys = new LinkedHashSet<>();
        if (disk != null && window.frame() != null) {
            for (ReservationSnapshot.Registrant r : window.frame().disks().reservation(disk).registrants()) {
                keys.add(option + "0x" + Long.toHexString(r.key()));
            }
        }
        return List.copyOf(keys);
    }

    /** The disk a command without one goes to: the first data disk that is not the witness (as the scenario runner picks it). */
    private String defaultDisk() {
        for (DiskSpec d : topology.disks()) if (d.role() == DiskRole.DATA && !d.name().equals(topology.witnessDisk())) return d.name();
        return topology.diskNames().isEmpty() ? null : topology.diskNames().get(0);
    }

    private static boolean used(List<String> words, String option) {
        for (String w : words) if (w.equals(option) || w.startsWith(option + "=")) return true;
        return false;
    }

    private List<String> namesOf(String kind) {
        return switch (kind) {
            case "NODE" -> topology.nodeNames();
            case "NODE/PATH" -> nodePaths();
            case "NODE[/PATH]" -> nodeReferences();
            case "NETWORK" -> topology.networks();
            case "DISK" -> topology.diskNames();
            case "MODE" -> List.of("lossy", "faithful");
            default -> List.of();
        };
    }

    private List<String> nodePaths() {
        List<String> out = new ArrayList<>();
        for (NodeSpec n : topology.nodes()) for (String p : n.pathNames()) out.add(n.name() + "/" + p);
        return out;
    }

    private List<String> nodeReferences() {
        List<String> out = new ArrayList<>(topology.nodeNames());
        out.addAll(nodePaths());
        return out;
    }

    private boolean isNodeReference(String word) {
        int slash = word.indexOf('/');
        return topology.nodeNames().contains(slash < 0 ? word : word.substring(0, slash));
    }

    // --- inline help -----------------------------------------------------------------------------

    /** One line about the word being typed (or the last word when the line ends in a space). */
    public String help(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) return GENERAL_HELP;
        String first = words.get(0);
        if (CommandVocabulary.isFault(first)) {
            String usage = CommandVocabulary.describe(first);
            if (first.equals("passthrough") && words.size() >= 2) usage += "   modes: faithful, lossy";
            return usage;
        }
        String word = words.get(words.size() - 1);
        String described = CommandVocabulary.describe(word);
        if (described != null) return described;
        if (isNodeReference(word)) {
            return word + "   then an sg_persist option (--read-keys, --register, --reserve, --preempt-abort ...) or a verb ("
                    + String.join(", ", LabCommandParser.VERBS.keySet()) + ")";
        }
        if (topology.diskNames().contains(word)) return word + "   the shared disk the command goes to (without one: the first data disk)";
        int eq = word.indexOf('=');
        if (eq > 0) {
            String key = word.substring(0, eq + 1);
            for (var e : CommandVocabulary.VERB_KEYS.entrySet()) {
                if (e.getValue().contains(key)) return CommandVocabulary.describe(e.getKey());
            }
        }
        // An unknown word: say what the line so far is, when its action is known.
        for (int i = words.size() - 1; i >= 0; i--) {
            String d = CommandVocabulary.describe(words.get(i));
            if (d != null) return d;
        }
        return GENERAL_HELP;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.strip().split("\\s+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    private static String firstWord(String text) {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }
}
