package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.device.DeviceUrl;
import java.util.EnumSet;
import java.util.Set;

import dev.clusterlab.engine.cluster.QuorumModel;

import dev.clusterlab.engine.scenario.SourceLine.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses scenario files: line-oriented text a trainer can read and diff.
 * <pre>
 *   # comment (also after a statement, when '#' starts a word)
 *   title: WSFC owner power-off                  required
 *   description: Node A loses power ...          optional, may repeat (lines are joined)
 *   seed: 42                                     optional, default 0
 *   policy: wsfc-pr                              required: wsfc-pr | mscs-scsi2 | fence-scsi | veritas
 *   quorum: node-and-disk-majority witness=w     required: node-majority | node-and-disk-majority | disk-only
 *   node NAME [paths=N]                          paths p1..pN, N from 1 to 8, default 1
 *   network NAME [latency=DUR] [jitter=DUR] [loss=RATE]
 *   disk NAME [size=SIZE]                        default 1G, a multiple of 512
 *   disk NAME url=URL                            a real LU: iscsi://host[:port]/iqn/lun or sg:///dev/sgN
 *   bind NODE/PATH disk=DISK url=URL             that node path reaches the real disk through URL instead
 *   group NAME disk=DISK owner=NODE [shared]      shared: a Cluster Shared Volume, run by every member
 *   param KEY=VALUE ...                          keys: see {@link ScenarioParameter}
 *   at TIME: NODE[/PATH] COMMAND                 a step in the command language ({@link LabCommandParser})
 *   at TIME: FAULT [ARGS]                        crash | restart | hang | isolate NODE; cut | heal NETWORK [NODE NODE];
 *                                                fail-path | restore-path NODE/PATH; lu-reset | bus-reset DISK;
 *                                                target-restart; passthrough NODE[/PATH] lossy|faithful
 *   expect by TIME: CHECK                        owner GROUP = NODE | runs GROUP on NODE | monitor silent | violations (=|>=|<=) N
 *                                                | member NODE of NODE
 * </pre>
 * Durations are a decimal number with a unit: us, ms, s, min. Sizes are bytes with optional K, M, G, T
 * (powers of 1024). Names may be used before they are declared; every reference must resolve. Unknown
 * keys, bad values, duplicate names and steps out of time order are errors reported as
 * {@code file:line:column: what was expected}.
 */
public final class ScenarioParser {

    static final List<String> HEADER_KEYS = List.of("title", "description", "seed", "policy", "quorum");
    static final List<String> STATEMENTS = List.of("node", "network", "disk", "bind", "group", "param", "at", "expect");

    enum RefKind { NODE, NETWORK, DISK, GROUP }

    /** A name used somewhere, checked once the whole file is read; {@code path} is null unless NODE/PATH. */
    record Reference(RefKind kind, String name, SourceLine line, int column, String path, int pathColumn) {}

    private final String file;
    private final Map<String, Integer> headerLines = new HashMap<>();
    private String title;
    private final StringBuilder description = new StringBuilder();
    private long seed;
    private ArbitrationPolicy policy;
    private QuorumSpec quorum;
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, NetworkSpec> networks = new LinkedHashMap<>();
    private final Map<String, DiskSpec> disks = new LinkedHashMap<>();
    private final Map<String, GroupSpec> groups = new LinkedHashMap<>();
    private final Map<RefKind, Map<String, Integer>> declaredOn = new HashMap<>();
    private final Map<ScenarioParameter, ParamSetting> params = new LinkedHashMap<>();
    private final Map<ScenarioParameter, Integer> paramLines = new HashMap<>();
    private final List<Reference> references = new ArrayList<>();
    /** bind lines, applied to their disks once the whole file is read (disks may be declared after them). */
    private final List<Bind> binds = new ArrayList<>();
    /** Where the first 'shared' group flag was written, checked against the policy once the file is read. */
    private SourceLine sharedLine;
    private int sharedColumn;
    private final StepParser steps;

    private ScenarioParser(String file) {
        this.file = file;
        this.steps = new StepParser(references);
    }

    /** Parses {@code text}; {@code fileName} is used only in error messages and the model. */
    public static Scenario parse(String fileName, String text) throws ScenarioSyntaxException {
        return new ScenarioParser(fileName).run(text);
    }

    /** The fault verbs of a step ({@code crash}, {@code cut}, ...) with their arguments, e.g. "NETWORK [NODE NODE]", in documentation order. */
    public static Map<String, String> faultVerbs() { return java.util.Collections.unmodifiableMap(StepParser.FAULT_VERBS); }

    /**
     * Parses one step written without its time, as a console or a recorded GUI action gives it
     * ({@code crash node-a}, {@code node-b --read-keys data}), against the names {@code within}
     * declares, as if it were written {@code at AT: text}. Errors name {@code source} and columns of
     * {@code text} itself.
     */
    public static Step parseAction(Scenario within, Duration at, String text, String source) throws ScenarioSyntaxException {
        ScenarioParser p = new ScenarioParser(source);
        for (NodeSpec n : within.nodes()) p.nodes.put(n.name(), n);
        for (NetworkSpec n : within.networks()) p.networks.put(n.name(), n);
        if (within.networks().isEmpty()) p.networks.put("cluster", new NetworkSpec("cluster", Duration.ZERO, Duration.ZERO, 0));
        for (DiskSpec d : within.disks()) p.disks.put(d.name(), d);
        for (GroupSpec g : within.groups()) p.groups.put(g.name(), g);
        String prefix = "at 0s: ";
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        try {
            p.steps.step(new SourceLine(source, 1, prefix + oneLine));
            for (Reference r : p.references) p.resolve(r);
        } catch (ScenarioSyntaxException e) {
            throw new ScenarioSyntaxException(source, 1, Math.max(1, e.column() - prefix.length()), e.detail());
        }
        return switch (p.steps.steps().get(0)) {
            case Step.Command c -> new Step.Command(at, c.command(), 0);
            case Step.Fault f -> new Step.Fault(at, f.action(), 0);
        };
    }

    private Scenario run(String text) throws ScenarioSyntaxException {
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            SourceLine line = new SourceLine(file, i + 1, raw[i]);
            if (!line.tokens.isEmpty()) statement(line);
        }
        SourceLine first = new SourceLine(file, 1, raw[0]);
        if (title == null) throw first.error(1, "missing 'title:' line; a scenario needs a title");
        if (policy == null) throw first.error(1, "missing 'policy:' line; expected one of " + names(ArbitrationPolicy.values()));
        if (quorum == null) throw first.error(1, "missing 'quorum:' line; expected one of " + names(QuorumModel.values()));
        if (nodes.isEmpty()) throw first.error(1, "missing 'node' lines; a scenario needs at least one node");
        for (Reference r : references) resolve(r);
        for (Bind b : binds) applyBind(b);
        if (sharedLine != null && policy != ArbitrationPolicy.WSFC_PR)
            throw sharedLine.error(sharedColumn, "shared groups (Cluster Shared Volumes) need policy wsfc-pr, not " + policy.fileName());
        return new Scenario(file, title, description.toString(), seed, policy, quorum, List.copyOf(nodes.values()),
                List.copyOf(networks.values()), List.copyOf(disks.values()), List.copyOf(groups.values()),
                List.copyOf(params.values()), steps.steps(), steps.expectations());
    }

    private void statement(SourceLine line) throws ScenarioSyntaxException {
        Token first = line.tokens.get(0);
        int colon = first.text().indexOf(':');
        if (colon > 0) {
            header(line, first, first.text().substring(0, colon), first.column() - 1 + colon);
            return;
        }
        switch (first.text()) {
            case "node" -> node(line);
            case "network" -> network(line);
            case "disk" -> disk(line);
            case "bind" -> bind(line);
            case "group" -> group(line);
            case "param" -> param(line);
            case "at" -> steps.step(line);
            case "expect" -> steps.expectation(line);
            default -> throw line.error(first, "unknown statement '" + first.text() + "'; expected one of "
                    + String.join(":, ", HEADER_KEYS) + ":, " + String.join(", ", STATEMENTS));
        }
    }

    private void header(SourceLine line, Token key, String name, int colonIndex) throws ScenarioSyntaxException {
        if (!HEADER_KEYS.contains(name))
            throw line.error(key, "unknown key '" + name + "'; known keys: " + String.join(", ", HEADER_KEYS));
        Integer previous = headerLines.putIfAbsent(name, line.number);
        if (previous != null && !name.equals("description"))
            throw line.error(key, "duplicate '" + name + ":' (first given on line " + previous + ")");
        String value = line.text.substring(colonIndex + 1, line.contentEnd).strip();
        List<Token> values = line.tokensFrom(colonIndex + 1);
        int valueColumn = values.isEmpty() ? colonIndex + 2 : values.get(0).column();
        if (value.isEmpty()) throw line.error(valueColumn, "expected a value after '" + name + ":'");
        switch (name) {
            case "title" -> title = value;
            case "description" -> description.append(description.isEmpty() ? "" : "\n").append(value);
            case "seed" -> {
                seed = ScenarioValues.wholeNumber(value);
                if (seed < 0 || values.size() != 1) throw line.error(valueColumn, "expected a seed (a whole number), got '" + value + "'");
            }
            case "policy" -> policy = policy(line, values);
            case "quorum" -> quorum = quorum(line, values);
            default -> throw new IllegalStateException(name);
        }
    }

    private static ArbitrationPolicy policy(SourceLine line, List<Token> values) throws ScenarioSyntaxException {
        if (values.size() > 1) throw line.error(values.get(1), "unexpected '" + values.get(1).text() + "' after the policy");
        for (ArbitrationPolicy p : ArbitrationPolicy.values()) if (p.fileName().equals(values.get(0).text())) return p;
        throw line.error(values.get(0), "unknown policy '" + values.get(0).text() + "'; expected one of " + names(ArbitrationPolicy.values()));
    }

    private QuorumSpec quorum(SourceLine line, List<Token> values) throws ScenarioSyntaxException {
        Token modelToken = values.get(0);
        QuorumModel model = null;
        for (QuorumModel m : QuorumModel.values()) if (m.fileName().equals(modelToken.text())) model = m;
        if (model == null)
            throw line.error(modelToken, "unknown quorum model '" + modelToken.text() + "'; expected one of " + names(QuorumModel.values()));
        Map<String, Token> attrs = attributes(line, values.subList(1, values.size()), "quorum",
                model.needsWitness() ? List.of("witness") : List.of());
        Token witness = attrs.get("witness");
        if (model.needsWitness() && witness == null)
            throw line.error(line.endColumn(), "quorum model " + model.fileName() + " needs witness=DISK");
        if (witness == null) return new QuorumSpec(model, null);
        String disk = ScenarioValues.name(line, valueOf(witness), valueColumn(witness), "disk");
        references.add(new Reference(RefKind.DISK, disk, line, valueColumn(witness), null, 0));
        return new QuorumSpec(model, disk);
    }

    private void node(SourceLine line) throws ScenarioSyntaxException {
        Token nameToken = ScenarioValues.expectToken(line, line.tokens, 1, "a node name after 'node'");
        String name = declare(line, nameToken, RefKind.NODE, "node");
        if (StepParser.FAULT_VERBS.containsKey(name))
            throw line.error(nameToken, "node name '" + name + "' is a fault verb; choose another name");
        Map<String, Token> attrs = attributes(line, line.tokens.subList(2, line.tokens.size()), "node", List.of("paths"));
        int paths = attrs.containsKey("paths") ? (int) ScenarioValues.count(line, valueOf(attrs.get("paths")),
                valueColumn(attrs.get("paths")), 1, 8) : 1;
        nodes.put(name, new NodeSpec(name, paths));
    }

    private void network(SourceLine line) throws ScenarioSyntaxException {
        Token nameToken = ScenarioValues.expectToken(line, line.tokens, 1, "a network name after 'network'");
        String name = declare(line, nameToken, RefKind.NETWORK, "network");
        Map<String, Token> attrs = attributes(line, line.tokens.subList(2, line.tokens.size()), "network",
                List.of("latency", "jitter", "loss"));
        Duration latency = attrs.containsKey("latency") ? duration(line, attrs.get("latency")) : Duration.ZERO;
        Duration jitter = attrs.containsKey("jitter") ? duration(line, attrs.get("jitter")) : Duration.ZERO;
        double loss = attrs.containsKey("loss") ? ScenarioValues.loss(line, valueOf(attrs.get("loss")), valueColumn(attrs.get("loss"))) : 0;
        networks.put(name, new NetworkSpec(name, latency, jitter, loss));
    }

    private void disk(SourceLine line) throws ScenarioSyntaxException {
        Token nameToken = ScenarioValues.expectToken(line, line.tokens, 1, "a disk name after 'disk'");
        String name = declare(line, nameToken, RefKind.DISK, "disk");
        Map<String, Token> attrs = attributes(line, line.tokens.subList(2, line.tokens.size()), "disk",
                List.of("size", "role", "quirk", "url"));
        long size = attrs.containsKey("size") ? ScenarioValues.size(line, valueOf(attrs.get("size")), valueColumn(attrs.get("size"))) : 1L << 30;
        DiskRole role = DiskRole.DATA;
        if (attrs.containsKey("role")) {
            Token t = attrs.get("role");
            role = switch (valueOf(t)) {
                case "data" -> DiskRole.DATA;
                case "coordinator" -> DiskRole.COORDINATOR;
                default -> throw line.error(valueColumn(t), "unknown disk role '" + valueOf(t) + "'; known roles: data, coordinator"
                        + " (the witness is named on the quorum line)");
            };
        }
        Set<DiskQuirk> quirks = EnumSet.noneOf(DiskQuirk.class);
        if (attrs.containsKey("quirk")) {
            Token t = attrs.get("quirk");
            DiskQuirk quirk = null;
            for (DiskQuirk q : DiskQuirk.values()) if (q.fileName().equals(valueOf(t))) quirk = q;
            if (quirk == null) {
                List<String> known = new ArrayList<>();
                for (DiskQuirk q : DiskQuirk.values()) known.add(q.fileName());
                throw line.error(valueColumn(t), "unknown quirk '" + valueOf(t) + "'; known quirks: " + String.join(", ", known));
            }
            quirks.add(quirk);
        }
        DeviceUrl url = null;
        if (attrs.containsKey("url")) {
            Token t = attrs.get("url");
            url = deviceUrl(line, t);
            if (!quirks.isEmpty()) throw line.error(attrs.get("quirk"), "quirks are simulated target defects; a real disk (url=) has its own");
        }
        disks.put(name, new DiskSpec(name, size, role, quirks, url, Map.of()));
    }

    /** One {@code bind NODE/PATH disk=DISK url=URL} line. */
    private record Bind(SourceLine line, String nodePath, String disk, int diskColumn, DeviceUrl url) {}

    /**
     * {@code bind NODE/PATH disk=DISK url=URL}: that node path reaches the real disk through another
     * device than the disk's own URL (a local SAS path on one node, iSCSI on the others).
     */
    private void bind(SourceLine line) throws ScenarioSyntaxException {
        Token target = ScenarioValues.expectToken(line, line.tokens, 1, "NODE/PATH after 'bind', e.g. bind node-a/p1 disk=data url=sg:///dev/sg3");
        int slash = target.text().indexOf('/');
        if (slash <= 0 || slash == target.text().length() - 1)
            throw line.error(target, "expected NODE/PATH after 'bind' (e.g. node-a/p1), got '" + target.text() + "'");
        String node = ScenarioValues.name(line, target.text().substring(0, slash), target.column(), "node");
        String path = target.text().substring(slash + 1);
        Map<String, Token> attrs = attributes(line, line.tokens.subList(2, line.tokens.size()), "bind", List.of("disk", "url"));
        if (!attrs.containsKey("disk")) throw line.error(line.endColumn(), "bind needs disk=DISK");
        if (!attrs.containsKey("url")) throw line.error(line.endColumn(), "bind needs url=iscsi://... or url=sg:///dev/sgN");
        String disk = ScenarioValues.name(line, valueOf(attrs.get("disk")), valueColumn(attrs.get("disk")), "disk");
        references.add(new Reference(RefKind.NODE, node, line, target.column(), path, target.column() + slash + 1));
        references.add(new Reference(RefKind.DISK, disk, line, valueColumn(attrs.get("disk")), null, 0));
        binds.add(new Bind(line, node + "/" + path, disk, valueColumn(attrs.get("disk")), deviceUrl(line, attrs.get("url"))));
    }

    private void applyBind(Bind b) throws ScenarioSyntaxException {
        DiskSpec d = disks.get(b.disk());
        if (!d.real()) throw b.line().error(b.diskColumn(), "disk " + d.name() + " is simulated; give it url=... on its disk line"
                + " before binding its paths to real devices");
        if (d.pathUrls().containsKey(b.nodePath())) throw b.line().error(1, "duplicate bind of " + b.nodePath() + " to disk " + d.name());
        disks.put(d.name(), d.withPathUrl(b.nodePath(), b.url()));
    }

    private static DeviceUrl deviceUrl(SourceLine line, Token attribute) throws ScenarioSyntaxException {
        try {
            return DeviceUrl.parse(valueOf(attribute));
        } catch (IllegalArgumentException e) {
            throw line.error(valueColumn(attribute), e.getMessage());
        }
    }

    private void group(SourceLine line) throws ScenarioSyntaxException {
        Token nameToken = ScenarioValues.expectToken(line, line.tokens, 1, "a group name after 'group'");
        String name = declare(line, nameToken, RefKind.GROUP, "group");
        // 'shared' is a bare word (a flag); every other word is NAME=VALUE, so typos still fail there.
        boolean shared = false;
        List<Token> fields = new ArrayList<>();
        for (Token t : line.tokens.subList(2, line.tokens.size())) {
            if (!t.text().equals("shared")) {
                if (t.text().indexOf('=') <= 0) throw line.error(t, "expected NAME=VALUE or 'shared', got '" + t.text() + "'");
                fields.add(t);
            } else if (shared) {
                throw line.error(t, "duplicate 'shared'");
            } else {
                shared = true;
                if (sharedLine == null) {
                    sharedLine = line;
                    sharedColumn = t.column();
                }
            }
        }
        Map<String, Token> attrs = attributes(line, fields, "group", List.of("disk", "owner"));
        if (!attrs.containsKey("disk")) throw line.error(line.endColumn(), "group " + name + " needs disk=DISK");
        if (!attrs.containsKey("owner")) throw line.error(line.endColumn(), "group " + name + " needs owner=NODE");
        String disk = ScenarioValues.name(line, valueOf(attrs.get("disk")), valueColumn(attrs.get("disk")), "disk");
        String owner = ScenarioValues.name(line, valueOf(attrs.get("owner")), valueColumn(attrs.get("owner")), "node");
        references.add(new Reference(RefKind.DISK, disk, line, valueColumn(attrs.get("disk")), null, 0));
        references.add(new Reference(RefKind.NODE, owner, line, valueColumn(attrs.get("owner")), null, 0));
        groups.put(name, new GroupSpec(name, disk, owner, shared));
    }

    private void param(SourceLine line) throws ScenarioSyntaxException {
        ScenarioValues.expectToken(line, line.tokens, 1, "KEY=VALUE after 'param'");
        for (Token t : line.tokens.subList(1, line.tokens.size())) {
            int eq = t.text().indexOf('=');
            if (eq <= 0) throw line.error(t, "expected KEY=VALUE, got '" + t.text() + "'");
            String key = t.text().substring(0, eq);
            ScenarioParameter parameter = null;
            for (ScenarioParameter p : ScenarioParameter.values()) if (p.key().equals(key)) parameter = p;
            if (parameter == null) {
                List<String> known = new ArrayList<>();
                for (ScenarioParameter p : ScenarioParameter.values()) known.add(p.key());
                throw line.error(t, "unknown parameter '" + key + "'; known parameters: " + String.join(", ", known));
            }
            Integer previous = paramLines.putIfAbsent(parameter, line.number);
            if (previous != null) throw line.error(t, "duplicate parameter '" + key + "' (first set on line " + previous + ")");
            long value = switch (parameter.kind()) {
                case DURATION -> duration(line, t).toNanos();
                case COUNT -> ScenarioValues.count(line, valueOf(t), valueColumn(t), 1, 1_000_000);
            };
            params.put(parameter, new ParamSetting(parameter, value));
        }
    }

    private String declare(SourceLine line, Token nameToken, RefKind kind, String what) throws ScenarioSyntaxException {
        String name = ScenarioValues.name(line, nameToken.text(), nameToken.column(), what);
        Integer previous = declaredOn.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(name, line.number);
        if (previous != null) throw line.error(nameToken, "duplicate " + what + " '" + name + "' (first declared on line " + previous + ")");
        return name;
    }

    /** NAME=VALUE tokens, each key known and given once. */
    private static Map<String, Token> attributes(SourceLine line, List<Token> tokens, String what, List<String> known)
            throws ScenarioSyntaxException {
        Map<String, Token> out = new LinkedHashMap<>();
        for (Token t : tokens) {
            int eq = t.text().indexOf('=');
            if (eq <= 0) throw line.error(t, "expected NAME=VALUE, got '" + t.text() + "'");
            String key = t.text().substring(0, eq);
            if (!known.contains(key))
                throw line.error(t, "unknown " + what + " field '" + key + "'; known fields: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            if (out.putIfAbsent(key, t) != null) throw line.error(t, "duplicate field '" + key + "'");
        }
        return out;
    }

    private static String valueOf(Token attribute) { return attribute.text().substring(attribute.text().indexOf('=') + 1); }

    private static int valueColumn(Token attribute) { return attribute.column() + attribute.text().indexOf('=') + 1; }

    private static Duration duration(SourceLine line, Token attribute) throws ScenarioSyntaxException {
        return ScenarioValues.duration(line, valueOf(attribute), valueColumn(attribute));
    }

    private void resolve(Reference r) throws ScenarioSyntaxException {
        Map<String, ?> declared = switch (r.kind()) {
            case NODE -> nodes;
            case NETWORK -> networks;
            case DISK -> disks;
            case GROUP -> groups;
        };
        if (!declared.containsKey(r.name())) {
            String kind = r.kind().name().toLowerCase(java.util.Locale.ROOT);
            throw r.line().error(r.column(), "unknown " + kind + " '" + r.name() + "'; declared " + kind + "s: "
                    + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())));
        }
        if (r.path() != null && !nodes.get(r.name()).hasPath(r.path()))
            throw r.line().error(r.pathColumn(), "node " + r.name() + " has no path '" + r.path() + "'; its paths: "
                    + String.join(", ", nodes.get(r.name()).pathNames()));
    }

    private static String names(ArbitrationPolicy[] values) {
        List<String> out = new ArrayList<>();
        for (ArbitrationPolicy v : values) out.add(v.fileName());
        return String.join(", ", out);
    }

    private static String names(QuorumModel[] values) {
        List<String> out = new ArrayList<>();
        for (QuorumModel v : values) out.add(v.fileName());
        return String.join(", ", out);
    }
}
