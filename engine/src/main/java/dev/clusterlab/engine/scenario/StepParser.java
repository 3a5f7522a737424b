package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.timeline.NodeState;

import dev.clusterlab.engine.timeline.PassthroughMode;

import dev.clusterlab.engine.scenario.ScenarioParser.RefKind;
import dev.clusterlab.engine.scenario.ScenarioParser.Reference;
import dev.clusterlab.engine.scenario.SourceLine.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code at TIME: ...} steps and {@code expect by TIME: ...} expectations of a scenario file. */
final class StepParser {

    /** Fault verbs with the arguments they take, for help in error messages. */
    static final Map<String, String> FAULT_VERBS = faultVerbs();

    private static Map<String, String> faultVerbs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("crash", "NODE");
        m.put("restart", "NODE");
        m.put("hang", "NODE");
        m.put("isolate", "NODE");
        m.put("cut", "NETWORK [NODE NODE]");
        m.put("heal", "NETWORK [NODE NODE]");
        m.put("partition", "NETWORK NODE...");
        m.put("fail-path", "NODE/PATH");
        m.put("restore-path", "NODE/PATH");
        m.put("lu-reset", "DISK");
        m.put("bus-reset", "DISK");
        m.put("target-restart", "");
        m.put("passthrough", "NODE[/PATH] lossy|faithful");
        return m;
    }

    private static final String CHECKS = "owner GROUP = NODE|none, runs GROUP on NODE, holder DISK = NODE|none, monitor silent, "
            + "violations = N (or >= N, <= N), member NODE of NODE, quorum NODE = yes|no, state NODE = up|down|hung|isolated";

    private final List<Reference> references;
    private final LabCommandParser commands = new LabCommandParser();
    private final List<Step> steps = new ArrayList<>();
    private final List<Expectation> expectations = new ArrayList<>();
    private Duration lastAt = Duration.ZERO;
    private int lastAtLine;

    StepParser(List<Reference> references) { this.references = references; }

    List<Step> steps() { return List.copyOf(steps); }

    List<Expectation> expectations() { return List.copyOf(expectations); }

    /** A time followed by ':' and the rest of the line; the 0-based index of the ':' locates the rest. */
    private record Timed(Duration time, Token timeToken, int colonIndex) {}

    private Timed timed(SourceLine line, int afterIndex, String form) throws ScenarioSyntaxException {
        List<Token> rest = line.tokensFrom(afterIndex);
        Token time = ScenarioValues.expectToken(line, rest, 0, "a time after the keyword, as in '" + form + "'");
        int colon = line.text.indexOf(':', time.column() - 1);
        if (colon < 0 || colon >= line.contentEnd)
            throw line.error(line.endColumn(), "expected ':' after the time, as in '" + form + "'");
        String timeText = line.text.substring(time.column() - 1, colon).strip();
        if (timeText.isEmpty()) throw line.error(time, "expected a time before ':', as in '" + form + "'");
        if (timeText.chars().anyMatch(Character::isWhitespace))
            throw line.error(time, "expected one time such as 5s before ':', got '" + timeText + "'");
        Duration at = ScenarioValues.duration(line, timeText, time.column());
        return new Timed(at, time, colon);
    }

    void step(SourceLine line) throws ScenarioSyntaxException {
        Timed t = timed(line, line.tokens.get(0).end() - 1, "at 5s: crash node-a");
        if (t.time().compareTo(lastAt) < 0)
            throw line.error(t.timeToken(), "steps must be in time order: " + t.time().toMillis() + " ms comes after "
                    + lastAt.toMillis() + " ms on line " + lastAtLine);
        lastAt = t.time();
        lastAtLine = line.number;
        List<Token> rest = line.tokensFrom(t.colonIndex() + 1);
        if (rest.isEmpty())
            throw line.error(line.endColumn(), "expected a command (NODE --register ...) or a fault ("
                    + String.join(", ", FAULT_VERBS.keySet()) + ") after ':'");
        Token verb = rest.get(0);
        if (FAULT_VERBS.containsKey(verb.text())) {
            steps.add(new Step.Fault(t.time(), fault(line, verb, rest.subList(1, rest.size())), line.number));
        } else {
            steps.add(new Step.Command(t.time(), command(line, t.colonIndex()), line.number));
        }
    }

    private LabCommand command(SourceLine line, int colonIndex) throws ScenarioSyntaxException {
        String text = line.text.substring(colonIndex + 1, line.contentEnd);
        LabCommand command;
        try {
            command = commands.parse(text);
        } catch (CommandSyntaxException e) {
            throw line.error(colonIndex + 1 + e.column(), e.getMessage());
        } catch (RuntimeException e) {
            // LabCommandParser is not ours to change; a value it cannot digest is still only a bad line.
            throw line.error(line.tokensFrom(colonIndex + 1).get(0), "not a valid command: " + e.getMessage());
        }
        Token target = line.tokensFrom(colonIndex + 1).get(0);
        String node = ScenarioValues.name(line, command.node(), target.column(), "node");
        references.add(new Reference(RefKind.NODE, node, line, target.column(), command.path(),
                target.column() + node.length() + 1));
        if (command.disk() != null) {
            int column = target.column();
            for (Token t : line.tokensFrom(colonIndex + 1)) if (t.text().equals(command.disk())) column = t.column();
            references.add(new Reference(RefKind.DISK, ScenarioValues.name(line, command.disk(), column, "disk"), line, column, null, 0));
        }
        return command;
    }

    private FaultAction fault(SourceLine line, Token verb, List<Token> args) throws ScenarioSyntaxException {
        String usage = (verb.text() + " " + FAULT_VERBS.get(verb.text())).strip();
        int arity = switch (verb.text()) {
            case "target-restart" -> 0;
            case "passthrough" -> 2;
            case "cut", "heal" -> args.size() == 3 ? 3 : 1;
            case "partition" -> Math.max(2, args.size());
            default -> 1;
        };
        if (args.size() < arity) {
            int column = args.isEmpty() ? verb.end() : args.get(args.size() - 1).end();
            throw line.error(column, "expected '" + usage + "'");
        }
        if (args.size() > arity) throw line.error(args.get(arity), "unexpected '" + args.get(arity).text() + "'; expected '" + usage + "'");
        return switch (verb.text()) {
            case "crash" -> new FaultAction.Crash(ref(line, args.get(0), RefKind.NODE));
            case "restart" -> new FaultAction.Restart(ref(line, args.get(0), RefKind.NODE));
            case "hang" -> new FaultAction.Hang(ref(line, args.get(0), RefKind.NODE));
            case "isolate" -> new FaultAction.Isolate(ref(line, args.get(0), RefKind.NODE));
            case "cut" -> arity == 1 ? new FaultAction.Cut(ref(line, args.get(0), RefKind.NETWORK), null, null)
                    : new FaultAction.Cut(ref(line, args.get(0), RefKind.NETWORK), ref(line, args.get(1), RefKind.NODE),
                            ref(line, args.get(2), RefKind.NODE));
            case "heal" -> arity == 1 ? new FaultAction.Heal(ref(line, args.get(0), RefKind.NETWORK), null, null)
                    : new FaultAction.Heal(ref(line, args.get(0), RefKind.NETWORK), ref(line, args.get(1), RefKind.NODE),
                            ref(line, args.get(2), RefKind.NODE));
            case "partition" -> {
                String network = ref(line, args.get(0), RefKind.NETWORK);
                java.util.List<String> side = new java.util.ArrayList<>();
                for (Token t : args.subList(1, args.size())) {
                    String node = ref(line, t, RefKind.NODE);
                    if (side.contains(node)) throw line.error(t, "node " + node + " is already on this side of the partition");
                    side.add(node);
                }
                yield new FaultAction.Partition(network, side);
            }
            case "fail-path", "restore-path" -> {
                String[] nodePath = nodePath(line, args.get(0), true);
                yield verb.text().equals("fail-path") ? new FaultAction.FailPath(nodePath[0], nodePath[1])
                        : new FaultAction.RestorePath(nodePath[0], nodePath[1]);
            }
            case "lu-reset" -> new FaultAction.LuReset(ref(line, args.get(0), RefKind.DISK));
            case "bus-reset" -> new FaultAction.BusReset(ref(line, args.get(0), RefKind.DISK));
            case "target-restart" -> new FaultAction.TargetRestart();
            case "passthrough" -> {
                String[] nodePath = nodePath(line, args.get(0), false);
                PassthroughMode mode = switch (args.get(1).text()) {
                    case "lossy" -> PassthroughMode.LOSSY;
                    case "faithful" -> PassthroughMode.FAITHFUL;
                    default -> throw line.error(args.get(1), "expected 'lossy' or 'faithful', got '" + args.get(1).text() + "'");
                };
                yield new FaultAction.Passthrough(nodePath[0], nodePath[1], mode);
            }
            default -> throw new IllegalStateException(verb.text());
        };
    }

    private String ref(SourceLine line, Token token, RefKind kind) throws ScenarioSyntaxException {
        String name = ScenarioValues.name(line, token.text(), token.column(), kind.name().toLowerCase(java.util.Locale.ROOT));
        references.add(new Reference(kind, name, line, token.column(), null, 0));
        return name;
    }

    /** NODE/PATH (path required or optional); returns {node, path-or-null}. */
    private String[] nodePath(SourceLine line, Token token, boolean pathRequired) throws ScenarioSyntaxException {
        String text = token.text();
        int slash = text.indexOf('/');
        if (slash < 0 && pathRequired) throw line.error(token.end(), "expected NODE/PATH such as node-a/p1, got '" + text + "'");
        String node = ScenarioValues.name(line, slash < 0 ? text : text.substring(0, slash), token.column(), "node");
        String path = slash < 0 ? null : ScenarioValues.name(line, text.substring(slash + 1), token.column() + slash + 1, "path");
        references.add(new Reference(RefKind.NODE, node, line, token.column(), path, token.column() + slash + 1));
        return new String[] {node, path};
    }

    void expectation(SourceLine line) throws ScenarioSyntaxException {
        Token by = ScenarioValues.expectToken(line, line.tokens, 1, "'by TIME:' after 'expect', as in 'expect by 30s: monitor silent'");
        if (!by.text().equals("by"))
            throw line.error(by, "expected 'by TIME:' after 'expect', as in 'expect by 30s: monitor silent'");
        Timed t = timed(line, by.end() - 1, "expect by 30s: monitor silent");
        List<Token> rest = line.tokensFrom(t.colonIndex() + 1);
        Token kind = ScenarioValues.expectToken(line, rest, 0, "an expectation: " + CHECKS);
        Expectation.Check check;
        int used;
        switch (kind.text()) {
            case "owner" -> {
                String group = ref(line, need(line, rest, 1, "owner GROUP = NODE"), RefKind.GROUP);
                equalsSign(line, need(line, rest, 2, "owner GROUP = NODE"), "=");
                check = new Expectation.Owner(group, nodeOrNone(line, need(line, rest, 3, "owner GROUP = NODE")));
                used = 4;
            }
            case "runs" -> {
                String group = ref(line, need(line, rest, 1, "runs GROUP on NODE"), RefKind.GROUP);
                equalsSign(line, need(line, rest, 2, "runs GROUP on NODE"), "on");
                check = new Expectation.Runs(group, ref(line, need(line, rest, 3, "runs GROUP on NODE"), RefKind.NODE));
                used = 4;
            }
            case "holder" -> {
                String disk = ref(line, need(line, rest, 1, "holder DISK = NODE"), RefKind.DISK);
                equalsSign(line, need(line, rest, 2, "holder DISK = NODE"), "=");
                check = new Expectation.Holder(disk, nodeOrNone(line, need(line, rest, 3, "holder DISK = NODE")));
                used = 4;
            }
            case "quorum" -> {
                String node = ref(line, need(line, rest, 1, "quorum NODE = yes"), RefKind.NODE);
                equalsSign(line, need(line, rest, 2, "quorum NODE = yes"), "=");
                Token v = need(line, rest, 3, "quorum NODE = yes");
                if (!v.text().equals("yes") && !v.text().equals("no")) throw line.error(v, "expected 'yes' or 'no', got '" + v.text() + "'");
                check = new Expectation.Quorum(node, v.text().equals("yes"));
                used = 4;
            }
            case "state" -> {
                String node = ref(line, need(line, rest, 1, "state NODE = up"), RefKind.NODE);
                equalsSign(line, need(line, rest, 2, "state NODE = up"), "=");
                Token v = need(line, rest, 3, "state NODE = up");
                NodeState state = null;
                for (NodeState st : NodeState.values()) if (st.name().toLowerCase(java.util.Locale.ROOT).equals(v.text())) state = st;
                if (state == null) throw line.error(v, "expected up, down, hung or isolated, got '" + v.text() + "'");
                check = new Expectation.State(node, state);
                used = 4;
            }
            case "monitor" -> {
                Token silent = need(line, rest, 1, "monitor silent");
                if (!silent.text().equals("silent")) throw line.error(silent, "expected 'monitor silent', got '" + silent.text() + "'");
                check = new Expectation.MonitorSilent();
                used = 2;
            }
            case "violations" -> {
                Token op = need(line, rest, 1, "violations = N");
                Expectation.Comparison comparison = null;
                for (Expectation.Comparison c : Expectation.Comparison.values()) if (c.symbol().equals(op.text())) comparison = c;
                if (comparison == null) throw line.error(op, "expected '=', '>=' or '<=' after 'violations', got '" + op.text() + "'");
                Token n = need(line, rest, 2, "violations " + op.text() + " N");
                check = new Expectation.Violations(comparison, ScenarioValues.count(line, n.text(), n.column(), 0, 1_000_000_000));
                used = 3;
            }
            case "member" -> {
                String node = ref(line, need(line, rest, 1, "member NODE of NODE"), RefKind.NODE);
                equalsSign(line, need(line, rest, 2, "member NODE of NODE"), "of");
                check = new Expectation.Member(node, ref(line, need(line, rest, 3, "member NODE of NODE"), RefKind.NODE));
                used = 4;
            }
            default -> throw line.error(kind, "unknown expectation '" + kind.text() + "'; expected one of: " + CHECKS);
        }
        if (rest.size() > used) throw line.error(rest.get(used), "unexpected '" + rest.get(used).text() + "' after the expectation");
        expectations.add(new Expectation(t.time(), check, line.number));
    }

    /** A node reference, or null for the word {@code none}. */
    private String nodeOrNone(SourceLine line, Token token) throws ScenarioSyntaxException {
        return token.text().equals("none") ? null : ref(line, token, RefKind.NODE);
    }

    private static Token need(SourceLine line, List<Token> rest, int index, String form) throws ScenarioSyntaxException {
        return ScenarioValues.expectToken(line, rest, index, "'" + form + "'");
    }

    private static void equalsSign(SourceLine line, Token token, String word) throws ScenarioSyntaxException {
        if (!token.text().equals(word)) throw line.error(token, "expected '" + word + "', got '" + token.text() + "'");
    }
}
