package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.TransportId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the lab's command language:
 * <pre>
 *   NODE[/PATH] PR-OPTIONS            e.g.  node-a --register --param-sark=0xA1
 *                                           node-b -o -A -K 0xB1 -S 0xA1 -T 5
 *                                           node-a --read-keys
 *   NODE[/PATH] VERB [ARGS]           e.g.  node-a tur | inquiry [page=0x83] | read lba=0 len=8
 * </pre>
 * A bare word after the options names the shared disk, like sg_persist's DEVICE argument
 * ({@code node-a --read-keys data}); without one the command goes to the default disk.
 * PR options are sg_persist's, long and short, so support engineers can type what they know.
 */
public final class LabCommandParser {

    /** sg_persist's short options, mapped to their long names. */
    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("-k", "--read-keys"), Map.entry("-r", "--read-reservation"),
            Map.entry("-s", "--read-full-status"), Map.entry("-c", "--report-capabilities"),
            Map.entry("-G", "--register"), Map.entry("-I", "--register-ignore"), Map.entry("-R", "--reserve"),
            Map.entry("-L", "--release"), Map.entry("-C", "--clear"), Map.entry("-P", "--preempt"),
            Map.entry("-A", "--preempt-abort"), Map.entry("-M", "--register-move"),
            Map.entry("-K", "--param-rk"), Map.entry("-S", "--param-sark"), Map.entry("-T", "--prout-type"),
            Map.entry("-Y", "--param-alltgpt"), Map.entry("-Z", "--param-aptpl"), Map.entry("-X", "--transport-id"),
            Map.entry("-Q", "--relative-target-port"), Map.entry("-U", "--unreg"),
            Map.entry("-i", "--in"), Map.entry("-o", "--out"), Map.entry("-n", "--no-inquiry"));

    private static final List<String> VALUE_OPTIONS = List.of("--param-rk", "--param-sark", "--prout-type",
            "--transport-id", "--relative-target-port", "--alloc-length");

    private static final List<String> FLAG_OPTIONS = List.of("--param-alltgpt", "--param-aptpl", "--unreg", "--in",
            "--out", "--no-inquiry");

    /** Verbs for commands other than PR IN/OUT, with their one-line help. */
    public static final Map<String, String> VERBS = verbs();

    private static Map<String, String> verbs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tur", "TEST UNIT READY");
        m.put("inquiry", "INQUIRY [page=0xNN] (VPD page when given)");
        m.put("report-luns", "REPORT LUNS");
        m.put("readcap", "READ CAPACITY(10)");
        m.put("readcap16", "READ CAPACITY(16)");
        m.put("read", "READ(10) lba=N len=BLOCKS");
        m.put("write", "WRITE(10) lba=N len=BLOCKS [fill=0xNN]");
        m.put("sync", "SYNCHRONIZE CACHE(10)");
        m.put("request-sense", "REQUEST SENSE");
        m.put("mode-sense", "MODE SENSE(6) [page=0xNN]");
        m.put("reserve6", "RESERVE(6) (SPC-2)");
        m.put("release6", "RELEASE(6) (SPC-2)");
        m.put("reserve10", "RESERVE(10) (SPC-2)");
        m.put("release10", "RELEASE(10) (SPC-2)");
        m.put("raw", "any CDB in hex: raw cdb=5E00000000000000FF00 [data=HEX] [alloc=N]");
        return m;
    }

    private record Token(String text, int column) {}

    public LabCommand parse(String line) throws CommandSyntaxException {
        List<Token> tokens = tokenize(line);
        if (tokens.isEmpty()) throw new CommandSyntaxException("empty command: expected NODE followed by a command", 1);
        Token target = tokens.get(0);
        String node = target.text(), path = null;
        int slash = node.indexOf('/');
        if (slash >= 0) {
            path = node.substring(slash + 1);
            node = node.substring(0, slash);
        }
        if (node.isEmpty() || node.startsWith("-"))
            throw new CommandSyntaxException("expected a node name before the command, e.g. 'node-a --read-keys'", target.column());
        if (tokens.size() < 2) throw new CommandSyntaxException("expected a command after '" + target.text() + "'", line.length() + 1);
        List<Token> rest = tokens.subList(1, tokens.size());
        if (rest.get(0).text().startsWith("-")) return parsePersist(node, path, rest, line);
        return parseVerb(node, path, rest, line);
    }

    private LabCommand parsePersist(String node, String path, List<Token> args, String line) throws CommandSyntaxException {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        String action = null, disk = null;
        int actionColumn = 0;
        for (int i = 0; i < args.size(); i++) {
            Token t = args.get(i);
            String name = t.text(), value = null;
            int eq = name.indexOf('=');
            if (eq > 0 && name.startsWith("--")) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            name = SHORT.getOrDefault(name, name);
            if (isPrAction(name)) {
                if (action != null) throw new CommandSyntaxException("only one service action per command (already have " + action + ")", t.column());
                action = name;
                actionColumn = t.column();
            } else if (VALUE_OPTIONS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) throw new CommandSyntaxException(name + " needs a value", t.column() + t.text().length() + 1);
                    value = args.get(++i).text();
                }
                values.put(name, value);
                columns.put(name, t.column());
            } else if (FLAG_OPTIONS.contains(name)) {
                values.put(name, "1");
            } else if (!name.startsWith("-")) {
                if (disk != null) throw new CommandSyntaxException("only one disk per command (already have " + disk + ")", t.column());
                disk = name;
            } else {
                throw new CommandSyntaxException("unknown option '" + t.text() + "'", t.column());
            }
        }
        if (action == null) throw new CommandSyntaxException("expected a service action such as --register, --reserve or --read-keys", args.get(0).column());
        String a = action.substring(2);
        for (PrInAction in : PrInAction.values()) {
            if (in.option().equals(a)) {
                int alloc = (int) number(values, columns, "--alloc-length", 8192, 0xFFFF);
                return new LabCommand(node, path, disk, LabCommand.Kind.PR_IN, ScsiRequest.dataIn(Cdbs.persistentReserveIn(in, alloc), alloc), line.trim());
            }
        }
        PrOutAction out = prOut(a);
        long rk = number(values, columns, "--param-rk", 0, -1);
        long sark = number(values, columns, "--param-sark", 0, -1);
        int type = (int) number(values, columns, "--prout-type", 0, 0xF);
        boolean allTgPt = values.containsKey("--param-alltgpt"), aptpl = values.containsKey("--param-aptpl");
        byte[] params;
        if (out == PrOutAction.REGISTER_AND_MOVE) {
            if (!values.containsKey("--transport-id"))
                throw new CommandSyntaxException("--register-move needs --transport-id=NAME,i,0xISID of the destination", actionColumn);
            int rtp = (int) number(values, columns, "--relative-target-port", 1, 0xFFFF);
            TransportId dest = transportId(values.get("--transport-id"), columns.get("--transport-id"));
            params = Cdbs.registerAndMoveParameters(rk, sark, values.containsKey("--unreg"), aptpl, rtp, dest);
        } else {
            TransportId[] tids = new TransportId[0];
            if (values.containsKey("--transport-id")) {
                String[] parts = values.get("--transport-id").split(";");
                tids = new TransportId[parts.length];
                for (int i = 0; i < parts.length; i++) tids[i] = transportId(parts[i], columns.get("--transport-id"));
            }
            params = Cdbs.prOutParameters(rk, sark, allTgPt, aptpl, tids);
        }
        byte[] cdb = Cdbs.persistentReserveOut(out, 0, type, params.length);
        return new LabCommand(node, path, disk, LabCommand.Kind.PR_OUT, ScsiRequest.dataOut(cdb, params), line.trim());
    }

    private static boolean isPrAction(String name) {
        if (!name.startsWith("--")) return false;
        String a = name.substring(2);
        for (PrInAction in : PrInAction.values()) if (in.option().equals(a)) return true;
        return prOut(a) != null;
    }

    private static PrOutAction prOut(String option) {
        for (PrOutAction o : PrOutAction.values()) if (o.option().equals(option)) return o;
        return null;
    }

    private LabCommand parseVerb(String node, String path, List<Token> args, String line) throws CommandSyntaxException {
        Token verb = args.get(0);
        String v = verb.text().toLowerCase(Locale.ROOT);
        if (!VERBS.containsKey(v)) throw new CommandSyntaxException("unknown command '" + verb.text() + "'; expected one of " + String.join(", ", VERBS.keySet()) + " or sg_persist options", verb.column());
        Map<String, String> kv = new LinkedHashMap<>();
        Map<String, Integer> cols = new LinkedHashMap<>();
        String disk = null;
        for (Token t : args.subList(1, args.size())) {
            int eq = t.text().indexOf('=');
            if (eq < 0 && disk == null && !t.text().startsWith("-")) {
                disk = t.text();
                continue;
            }
            if (eq <= 0) throw new CommandSyntaxException("expected NAME=VALUE or a disk name, got '" + t.text() + "'", t.column());
            kv.put(t.text().substring(0, eq).toLowerCase(Locale.ROOT), t.text().substring(eq + 1));
            cols.put(t.text().substring(0, eq).toLowerCase(Locale.ROOT), t.column());
        }
        ScsiRequest r = switch (v) {
            case "tur" -> ScsiRequest.noData(Cdbs.testUnitReady());
            case "inquiry" -> kv.containsKey("page")
                    ? ScsiRequest.dataIn(Cdbs.inquiry(true, (int) number(kv, cols, "page", 0, 0xFF), 1024), 1024)
                    : ScsiRequest.dataIn(Cdbs.inquiry(96), 96);
            case "report-luns" -> ScsiRequest.dataIn(Cdbs.reportLuns(1024), 1024);
            case "readcap" -> ScsiRequest.dataIn(Cdbs.readCapacity10(), 8);
            case "readcap16" -> ScsiRequest.dataIn(Cdbs.readCapacity16(32), 32);
            case "read" -> {
                int len = (int) number(kv, cols, "len", 1, 0xFFFF);
                yield ScsiRequest.dataIn(Cdbs.read10(number(kv, cols, "lba", 0, 0xFFFF_FFFFL), len), len * 512);
            }
            case "write" -> {
                int len = (int) number(kv, cols, "len", 1, 0xFFFF);
                byte[] data = new byte[len * 512];
                java.util.Arrays.fill(data, (byte) number(kv, cols, "fill", 0, 0xFF));
                yield ScsiRequest.dataOut(Cdbs.write10(number(kv, cols, "lba", 0, 0xFFFF_FFFFL), len), data);
            }
            case "sync" -> ScsiRequest.noData(Cdbs.synchronizeCache10(0, 0));
            case "request-sense" -> ScsiRequest.dataIn(Cdbs.requestSense(252), 252);
            case "mode-sense" -> ScsiRequest.dataIn(Cdbs.modeSense6(false, 0, (int) number(kv, cols, "page", 0x3F, 0x3F), 0, 255), 255);
            case "reserve6" -> ScsiRequest.noData(Cdbs.reserve6());
            case "release6" -> ScsiRequest.noData(Cdbs.release6());
            case "reserve10" -> ScsiRequest.noData(Cdbs.reserve10());
            case "release10" -> ScsiRequest.noData(Cdbs.release10());
            case "raw" -> raw(kv, cols, verb.column());
            default -> throw new IllegalStateException(v);
        };
        return new LabCommand(node, path, disk, LabCommand.Kind.OTHER, r, line.trim());
    }

    private static ScsiRequest raw(Map<String, String> kv, Map<String, Integer> cols, int column) throws CommandSyntaxException {
        if (!kv.containsKey("cdb")) throw new CommandSyntaxException("raw needs cdb=HEX", column);
        byte[] cdb = hex(kv.get("cdb"), cols.get("cdb"));
        byte[] data = kv.containsKey("data") ? hex(kv.get("data"), cols.get("data")) : new byte[0];
        int alloc = (int) number(kv, cols, "alloc", data.length > 0 ? 0 : 4096, 1 << 24);
        return new ScsiRequest(cdb, data, alloc);
    }

    private static byte[] hex(String s, int column) throws CommandSyntaxException {
        try {
            return dev.clusterlab.engine.scsi.Bytes.fromHex(s);
        } catch (IllegalArgumentException e) {
            throw new CommandSyntaxException("not a hex string: " + s, column);
        }
    }

    private static TransportId transportId(String text, int column) throws CommandSyntaxException {
        String t = text.trim();
        int sep = t.toLowerCase(Locale.ROOT).indexOf(",i,0x");
        try {
            if (sep > 0) return TransportId.Iscsi.port(t.substring(0, sep), Long.parseLong(t.substring(sep + 5), 16));
            if (t.startsWith("fc.0x")) return new TransportId.FibreChannel(Long.parseUnsignedLong(t.substring(5), 16));
            if (t.startsWith("sas.0x")) return new TransportId.Sas(Long.parseUnsignedLong(t.substring(6), 16));
            if (t.startsWith("iqn.") || t.startsWith("eui.") || t.startsWith("naa.")) return TransportId.Iscsi.device(t);
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new CommandSyntaxException("not a TransportID: '" + text + "' (expected IQN,i,0xISID, IQN, fc.0xWWPN or sas.0xADDRESS)", column);
    }

    private static long number(Map<String, String> values, Map<String, Integer> columns, String key, long dflt, long max)
            throws CommandSyntaxException {
        String s = values.get(key);
        if (s == null) return dflt;
        try {
            // Keys are hex with or without 0x, as in sg_persist; other numbers are decimal unless 0x-prefixed.
            boolean hexByDefault = key.equals("--param-rk") || key.equals("--param-sark");
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                    : hexByDefault ? Long.parseUnsignedLong(s, 16) : Long.parseUnsignedLong(s);
            if (max >= 0 && Long.compareUnsigned(v, max) > 0)
                throw new CommandSyntaxException(key + " must be at most " + max + ", got " + s, columns.getOrDefault(key, 1));
            return v;
        } catch (NumberFormatException e) {
            throw new CommandSyntaxException(key + " expects a number (decimal or 0x hex), got '" + s + "'", columns.getOrDefault(key, 1));
        }
    }

    private static List<Token> tokenize(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            if (i >= n || line.charAt(i) == '#') break;
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) i++;
            out.add(new Token(line.substring(start, i), start + 1));
        }
        return out;
    }
}
