package dev.clusterlab.app.console;

import dev.clusterlab.engine.scenario.CommandSyntaxException;
import dev.clusterlab.engine.scenario.LabCommand;
import dev.clusterlab.engine.scenario.LabCommandParser;
import dev.clusterlab.engine.scenario.SgPersistFormat;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The interactive console: reads lines in the lab's command language, runs them against the shared
 * disk and prints results the way sg_persist does. Meta-commands: help, show, quit.
 */
public final class ConsoleSession {
    private final SharedDiskBench bench;
    private final LabCommandParser parser = new LabCommandParser();
    private final PrintWriter out;
    private int failures;
    private LabCommand lastCommand;
    private ScsiResponse lastResponse;

    public ConsoleSession(SharedDiskBench bench, PrintWriter out) {
        this.bench = bench;
        this.out = out;
    }

    /** Runs every line; returns the number of lines that failed to parse or named an unknown node. */
    public int run(BufferedReader in, boolean prompt, boolean echo) throws IOException {
        if (prompt) {
            out.println("ClusterLab console: one shared disk (disk1), nodes " + String.join(", ", bench.nodes().keySet()) + ". Type 'help'.");
        }
        String line;
        int lineNo = 0;
        while (true) {
            if (prompt) { out.print("lab> "); out.flush(); }
            if ((line = in.readLine()) == null) break;
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (echo) out.println("lab> " + t);
            if (!execute(t, lineNo)) break;
            out.flush();
        }
        out.flush();
        return failures;
    }

    /** Executes one line; false when the session should end. */
    public boolean execute(String line, int lineNo) {
        switch (line.toLowerCase(Locale.ROOT)) {
            case "quit", "exit" -> { return false; }
            case "help" -> { help(); return true; }
            case "show" -> { show(); return true; }
            case "decode" -> { decodeLast(); return true; }
            case "lu-reset" -> { bench.disk().logicalUnitReset(null); out.println("logical unit reset: SPC-2 reservation released, 29h/03h queued for every nexus"); return true; }
            case "target-reset" -> { bench.disk().targetReset(null); out.println("target reset: SPC-2 reservation released, 29h/02h queued for every nexus"); return true; }
            case "power-cycle" -> {
                bench.disk().powerOn();
                out.println("power cycle: " + (bench.disk().reservations().snapshot().aptplActive()
                        ? "APTPL was active, registrations and reservation restored" : "registrations and reservation lost (APTPL not active)")
                        + "; 29h/01h pending everywhere");
                return true;
            }
            default -> { }
        }
        if (line.startsWith("nexus-loss ")) {
            String[] np = line.substring(11).strip().split("/", 2);
            ItNexus lost = bench.nexus(np[0], np.length > 1 ? np[1] : null);
            if (lost == null) {
                failures++;
                out.println("line " + lineNo + ":12: unknown node or path '" + line.substring(11).strip() + "'");
            } else {
                bench.disk().itNexusLoss(lost);
                out.println("I_T nexus loss for " + bench.nameOf(lost.initiator()) + ": its SPC-2 reservation (if any) released, registrations kept");
            }
            return true;
        }
        LabCommand cmd;
        try {
            cmd = parser.parse(line);
        } catch (CommandSyntaxException e) {
            failures++;
            out.println("line " + lineNo + ":" + e.column() + ": " + e.getMessage());
            return true;
        }
        ItNexus nexus = bench.nexus(cmd.node(), cmd.path());
        if (nexus == null) {
            failures++;
            out.println("line " + lineNo + ":1: unknown node or path '" + cmd.node() + (cmd.path() == null ? "" : "/" + cmd.path())
                    + "'; nodes are " + String.join(", ", bench.nodes().keySet()) + " with paths p1, p2");
            return true;
        }
        ScsiResponse r = bench.disk().execute(nexus, cmd.request());
        lastCommand = cmd;
        lastResponse = r;
        out.print(describe(cmd, r));
        return true;
    }

    private String describe(LabCommand cmd, ScsiResponse r) {
        byte[] cdb = cmd.request().cdb();
        return switch (cmd.kind()) {
            case PR_IN -> r.isGood()
                    ? SgPersistFormat.formatPrIn(PrInAction.fromCode(cdb[1] & 0x1F), r.dataIn())
                    : "Persistent reserve in command failed: " + SgPersistFormat.describeFailure(r) + "\n";
            case PR_OUT -> SgPersistFormat.formatPrOut(PrOutAction.fromCode(cdb[1] & 0x1F), r);
            case OTHER -> r.isGood()
                    ? "GOOD" + (r.dataIn().length > 0 ? ", " + r.dataIn().length + " bytes: " + preview(r.dataIn()) : "") + "\n"
                    : SgPersistFormat.describeFailure(r) + "\n";
        };
    }

    private static String preview(byte[] d) {
        int n = Math.min(d.length, 32);
        return Bytes.hex(d, 0, n) + (d.length > n ? "..." : "");
    }

    /** The last command, field by field: CDB, parameter list, PR IN data and sense. */
    private void decodeLast() {
        if (lastCommand == null) {
            out.println("nothing to decode yet: run a command first");
            return;
        }
        byte[] cdb = lastCommand.request().cdb();
        out.println(ScsiDecoder.summarize(cdb, lastCommand.request().dataOut()) + " -> " + lastResponse.status().label());
        out.print(ScsiDecoder.render(ScsiDecoder.decodeCdb(cdb)));
        if (lastCommand.kind() == LabCommand.Kind.PR_OUT) out.print(ScsiDecoder.render(ScsiDecoder.decodePrOutParameters(cdb, lastCommand.request().dataOut())));
        if (lastCommand.kind() == LabCommand.Kind.PR_IN && lastResponse.isGood()) out.print(ScsiDecoder.render(ScsiDecoder.decodePrInResponse(cdb, lastResponse.dataIn())));
        if (lastResponse.sense() != null) out.print(ScsiDecoder.render(ScsiDecoder.decodeSense(SenseCodec.encodeFixed(lastResponse.sense()))));
    }

    private void show() {
        ReservationSnapshot s = bench.disk().reservations().snapshot();
        out.println("disk1: PR generation=0x" + Long.toHexString(s.generation())
                + (s.reserved() ? ", reservation type " + SgPersistFormat.typeName(s.reservationType()) : ", no persistent reservation")
                + (s.spc2Holder() != null ? ", SPC-2 reserved by " + bench.nameOf(s.spc2Holder().initiator()) : "")
                + (s.aptplActive() ? ", APTPL active" : ""));
        if (s.registrants().isEmpty()) out.println("  no registrations");
        for (ReservationSnapshot.Registrant reg : s.registrants()) {
            out.printf("  %-10s key=0x%-16x %-14s %s%n", bench.nameOf(reg.initiator()), reg.key(),
                    reg.allTargetPorts() ? "all ports" : "port " + reg.targetPort().relativeId(), reg.holder() ? "HOLDER" : "");
        }
    }

    private void help() {
        out.println("""
                Commands: NODE[/PATH] then sg_persist options or a verb. Keys are hex (sg_persist style).
                  node-a --register --param-sark=a1          register key 0xa1 (-o -G -S a1)
                  node-a --register-ignore --param-sark=a1   REGISTER AND IGNORE EXISTING KEY (-I)
                  node-a --reserve --param-rk=a1 --prout-type=5
                  node-b --preempt-abort --param-rk=b1 --param-sark=a1 --prout-type=5
                  node-a --release --param-rk=a1 --prout-type=5 | --clear --param-rk=a1
                  node-a --read-keys | --read-reservation | --read-full-status | --report-capabilities
                  options: --param-alltgpt --param-aptpl --transport-id=IQN,i,0xISID --relative-target-port=N --unreg
                Verbs:""");
        LabCommandParser.VERBS.forEach((v, h) -> out.printf("  node-a %-14s %s%n", v, h));
        out.println("Paths: node-a/p1 (target port 1, default) and node-a/p2 (target port 2).");
        out.println("Console: show (registrants and reservation), decode (the last command, field by field), help, quit.");
        out.println("Events: lu-reset, target-reset, nexus-loss NODE[/PATH], power-cycle (APTPL decides what survives).");
    }
}
