package dev.clusterlab.views.console;

import dev.clusterlab.engine.scenario.LabCommandParser;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of the lab's command language with one line of help each: sg_persist's options (the
 * engine's {@link LabCommandParser} parses them), the other command verbs and the fault verbs. The
 * parser stays the authority on what is valid; this only says what each word does, for completion
 * and the console's inline help.
 */
final class CommandVocabulary {
    /** PR service actions (one per command), by sg_persist long option. */
    static final Map<String, String> PR_ACTIONS = prActions();
    /** Options that take a value, written {@code --name=VALUE}. */
    static final Map<String, String> VALUE_OPTIONS = valueOptions();
    /** Options that are flags. */
    static final Map<String, String> FLAG_OPTIONS = flagOptions();
    /** Fault verbs: what they do (their arguments come from {@link ScenarioParser#faultVerbs()}). */
    static final Map<String, String> FAULTS = faults();
    /** The keys each non-PR verb takes ({@code lba=}, {@code page=}, ...). */
    static final Map<String, List<String>> VERB_KEYS = Map.of(
            "inquiry", List.of("page="), "read", List.of("lba=", "len="), "write", List.of("lba=", "len=", "fill="),
            "mode-sense", List.of("page="), "raw", List.of("cdb=", "data=", "alloc="));

    private CommandVocabulary() {}

    private static Map<String, String> prActions() {
        Map<String, String> help = new LinkedHashMap<>();
        help.put("read-keys", "list the registered reservation keys (sg_persist -k)");
        help.put("read-reservation", "the reservation holder's key and the type, if any (-r)");
        help.put("report-capabilities", "the reservation types and features the device server supports (-c)");
        help.put("read-full-status", "every registration with its I_T nexus and whether it holds the reservation (-s)");
        help.put("register", "--param-rk=OLD --param-sark=NEW registers NEW (0 unregisters) on this path (-G)");
        help.put("reserve", "--param-rk=KEY --prout-type=T takes the reservation (-R)");
        help.put("release", "--param-rk=KEY --prout-type=T releases a reservation you hold (-L)");
        help.put("clear", "--param-rk=KEY removes every registration and the reservation (-C)");
        help.put("preempt", "--param-rk=MINE --param-sark=VICTIM --prout-type=T removes the victim's registrations (-P)");
        help.put("preempt-abort", "as --preempt, and aborts the victim's outstanding commands (-A)");
        help.put("register-ignore", "--param-sark=NEW registers NEW whatever key is registered now (-I)");
        help.put("register-move", "--param-rk=KEY --param-sark=NEW --transport-id=ID moves the reservation to another nexus (-M)");
        help.put("replace-lost", "--param-rk=KEY --prout-type=T replaces a reservation the device lost");
        Map<String, String> out = new LinkedHashMap<>();
        for (PrInAction a : PrInAction.values()) out.put("--" + a.option(), "PR IN " + a.label() + ": " + help.getOrDefault(a.option(), ""));
        for (PrOutAction a : PrOutAction.values()) out.put("--" + a.option(), "PR OUT " + a.label() + ": " + help.getOrDefault(a.option(), ""));
        return out;
    }

    private static Map<String, String> valueOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--param-rk", "reservation key of the nexus sending the command, hex (-K)");
        m.put("--param-sark", "service action reservation key: the new key, or the victim's, hex (-S)");
        m.put("--prout-type", "reservation type: " + typeList() + " (-T)");
        m.put("--transport-id", "TransportID: IQN,i,0xISID, IQN, fc.0xWWPN or sas.0xADDRESS (-X)");
        m.put("--relative-target-port", "relative target port for --register-move (-Q)");
        m.put("--alloc-length", "PR IN allocation length in bytes (default 8192)");
        return m;
    }

    private static Map<String, String> flagOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--param-aptpl", "activate persist through power loss (-Z)");
        m.put("--param-alltgpt", "register on every target port (-Y)");
        m.put("--unreg", "--register-move: unregister the source afterwards (-U)");
        return m;
    }

    private static Map<String, String> faults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("crash", "power the node off: it stops at once and cannot unregister");
        m.put("restart", "boot a down node, resume a hung one, reconnect an isolated one");
        m.put("hang", "freeze the node's cluster service: no heartbeats, but its I/O goes on");
        m.put("isolate", "cut the node from every network (its disks stay reachable)");
        m.put("cut", "cut a network, or only the link between two nodes");
        m.put("heal", "repair a network, or only the link between two nodes");
        m.put("partition", "cut every link between the listed nodes and the others");
        m.put("fail-path", "fail one storage path of a node (multipath moves to another)");
        m.put("restore-path", "bring a failed storage path back");
        m.put("lu-reset", "LOGICAL UNIT RESET: every nexus gets a unit attention");
        m.put("bus-reset", "SCSI bus reset: drops SCSI-2 reservations, unit attentions for all");
        m.put("target-restart", "restart the storage target: persistent reservations survive only with APTPL");
        m.put("passthrough", "how the hypervisor passes SCSI status to the guest: faithful, or lossy (RESERVATION CONFLICT becomes an I/O error)");
        return m;
    }

    static String typeList() {
        List<String> parts = new ArrayList<>();
        for (PrType t : PrType.values()) parts.add(t.code() + " " + t.shortName());
        return String.join(", ", parts);
    }

    /** "crash NODE", "cut NETWORK [NODE NODE]", "target-restart". */
    static String faultUsage(String verb) {
        String args = ScenarioParser.faultVerbs().get(verb);
        return args == null || args.isEmpty() ? verb : verb + " " + args;
    }

    static boolean isFault(String word) { return ScenarioParser.faultVerbs().containsKey(word); }

    static boolean isVerb(String word) { return LabCommandParser.VERBS.containsKey(word); }

    /** The argument kinds of a fault verb: NODE, NODE/PATH, NODE[/PATH], NETWORK, DISK, MODE (lossy|faithful). */
    static List<String> faultArguments(String verb) {
        String args = ScenarioParser.faultVerbs().getOrDefault(verb, "");
        List<String> kinds = new ArrayList<>();
        for (String word : args.split(" ")) {
            if (word.isEmpty()) continue;
            String w = word.replace("[", "").replace("]", "").replace("...", "");
            if (word.equals("NODE[/PATH]")) w = "NODE[/PATH]";
            if (w.equals("lossy|faithful")) w = "MODE";
            kinds.add(w);
        }
        return kinds;
    }

    /** One line about {@code word} (an option, maybe with =VALUE, a verb or a fault), or null when it is not a known word. */
    static String describe(String word) {
        String name = word;
        int eq = name.indexOf('=');
        if (eq > 0 && name.startsWith("--")) name = name.substring(0, eq);
        if (PR_ACTIONS.containsKey(name)) return name + "   " + PR_ACTIONS.get(name);
        if (VALUE_OPTIONS.containsKey(name)) return name + "=VALUE   " + VALUE_OPTIONS.get(name);
        if (FLAG_OPTIONS.containsKey(name)) return name + "   " + FLAG_OPTIONS.get(name);
        if (isFault(name)) return faultUsage(name) + "   " + FAULTS.getOrDefault(name, "");
        if (isVerb(name)) return name + "   " + LabCommandParser.VERBS.get(name);
        return null;
    }
}
