package dev.clusterlab.app.capture;

import dev.clusterlab.engine.capture.CaptureComparison;
import dev.clusterlab.engine.capture.CaptureImport;
import dev.clusterlab.engine.capture.ImportedCommand;
import dev.clusterlab.engine.capture.ImportedNexus;
import dev.clusterlab.engine.scenario.SgPersistFormat;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TraceWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clusterlab import CAPTURE [--compare] [--trace OUT]}: the I_T nexuses and SCSI command
 * sequence of a pcap/pcapng capture of iSCSI traffic, optionally compared with a conforming LU.
 * Exit codes: 0 imported (and, with --compare, no deviation found), 1 --compare found deviations,
 * 2 the file cannot be imported (the one-line message says why).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Rebuild the iSCSI sessions and SCSI command sequence of a pcap/pcapng capture (e.g. tcpdump -w).",
                "With --compare, re-run the sequence against a simulated conforming disk and explain every answer that differs.",
                "Exit codes: 0 imported (no deviation with --compare), 1 deviations found, 2 not importable."})
public final class ImportCommand implements Callable<Integer> {
    public static final int OK = 0, DEVIATIONS = 1, NOT_IMPORTABLE = 2;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "A pcap or pcapng file.")
    Path capture;

    @Option(names = "--compare", description = "Re-run the commands against a conforming simulated logical unit and report differences.")
    boolean compare;

    @Option(names = "--trace", paramLabel = "OUT.jsonl.gz", description = "Write the rebuilt timeline as a trace (replay it with: clusterlab OUT).")
    Path trace;

    private final PrintStream out;

    public ImportCommand() { this(System.out); }

    ImportCommand(PrintStream out) { this.out = out; }

    @Override
    public Integer call() {
        CaptureImport.Result result;
        try {
            result = CaptureImport.read(capture);
        } catch (NoSuchFileException e) {
            return refuse(capture + ": no such file");
        } catch (IOException e) {
            return refuse(capture + ": cannot read: " + e.getMessage());
        } catch (CaptureImport.CaptureImportException e) {
            return refuse(e.getMessage());
        }
        printSequence(result);
        int code = OK;
        if (compare) code = printComparison(CaptureComparison.compare(result));
        if (trace != null) {
            try {
                writeTrace(result);
                out.println();
                out.println("trace written to " + trace + " (replay it with: clusterlab " + trace + ")");
            } catch (IOException e) {
                return refuse("cannot write " + trace + ": " + e.getMessage());
            }
        }
        return code;
    }

    private int refuse(String message) {
        System.err.println("clusterlab import: " + message);
        return NOT_IMPORTABLE;
    }

    private void printSequence(CaptureImport.Result r) {
        out.println(r.name() + ": " + r.format() + ", " + r.packets() + " packets, " + r.nexuses().size() + " iSCSI session"
                + (r.nexuses().size() == 1 ? "" : "s") + ", " + r.commands().size() + " SCSI command" + (r.commands().size() == 1 ? "" : "s"));
        out.println();
        out.println("I_T nexuses:");
        Map<ItNexus, String> names = CaptureComparison.shortNames(r);
        for (ImportedNexus n : r.nexuses()) {
            String name = names.get(n.nexus());
            out.println("  " + name + "  " + n.nexus().initiator().displayName() + " -> " + n.nexus().target().name() + " at " + n.portal()
                    + (n.loginSeen() ? ", TSIH " + n.tsih() : ", login not captured") + ", " + CaptureImport.seconds(n.loginTime()));
        }
        out.println();
        out.println("Commands:");
        Map<Long, ImportedCommand> byId = new LinkedHashMap<>();
        for (ImportedCommand c : r.commands()) byId.put(c.commandId(), c);
        for (TimelineEvent e : r.events()) {
            if (e instanceof TimelineEvent.CommandStarted s && byId.get(s.commandId()) instanceof ImportedCommand c) printCommand(c, names);
            else if (e instanceof TimelineEvent.TaskManagement t)
                out.println("  " + CaptureImport.seconds(t.time()) + " " + names.getOrDefault(t.requester(), "?") + "  "
                        + (t.kind() == TimelineEvent.TaskManagementKind.I_T_NEXUS_LOSS ? "session ended (I_T nexus loss)" : t.kind().toString())
                        + " on " + t.lu());
        }
        if (!r.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            for (String n : r.notes()) out.println("  " + n);
        }
    }

    private void printCommand(ImportedCommand c, Map<ItNexus, String> names) {
        String answer = c.answered() ? describe(c) : "(no answer captured)";
        out.println("  " + CaptureImport.seconds(c.startTime()) + " " + names.getOrDefault(c.nexus(), "?") + "  "
                + ScsiDecoder.summarize(c.cdb(), c.dataOut()) + "  ->  " + answer);
        if (!c.answered() || c.cdb().length < 2) return;
        int op = c.cdb()[0] & 0xFF;
        try {
            if (op == Opcode.PERSISTENT_RESERVE_IN && c.status() == ScsiStatus.GOOD)
                for (String line : SgPersistFormat.formatPrIn(PrInAction.fromCode(c.cdb()[1] & 0x1F), c.dataIn()).split("\n"))
                    out.println("        " + line);
            else if (op == Opcode.PERSISTENT_RESERVE_OUT && response(c) instanceof ScsiResponse r)
                out.println("        " + SgPersistFormat.formatPrOut(PrOutAction.fromCode(c.cdb()[1] & 0x1F), r).strip());
        } catch (IllegalArgumentException e) {
            // a reserved service action: the summary line already says what it was
        }
    }

    private static String describe(ImportedCommand c) {
        if (c.status() == ScsiStatus.CHECK_CONDITION && c.sense() != null)
            return "CHECK CONDITION " + c.sense().key().label() + " " + c.sense().additional();
        return c.status().label();
    }

    private static ScsiResponse response(ImportedCommand c) {
        if (c.status() == ScsiStatus.CHECK_CONDITION && c.sense() == null) return null;
        return new ScsiResponse(c.status(), c.dataIn(), c.status() == ScsiStatus.CHECK_CONDITION ? c.sense() : null, c.residual());
    }

    private int printComparison(CaptureComparison.Report report) {
        out.println();
        int deviations = report.of(CaptureComparison.Kind.DEVIATION).size();
        out.println("Comparison with a conforming logical unit (" + report.compared() + " commands re-run"
                + (report.notCompared() > 0 ? ", " + report.notCompared() + " without an answer skipped" : "") + "): "
                + (report.findings().isEmpty() ? "no differences"
                        : deviations + " deviation" + (deviations == 1 ? "" : "s") + ", "
                                + report.of(CaptureComparison.Kind.CONSEQUENCE).size() + " following from one, "
                                + report.of(CaptureComparison.Kind.PERMITTED).size() + " permitted"));
        for (String line : CaptureComparison.lines(report)) out.println("  " + line);
        return deviations > 0 ? DEVIATIONS : OK;
    }

    private void writeTrace(CaptureImport.Result r) throws IOException {
        try (TraceWriter w = TraceWriter.toFile(trace, new LinkedHashMap<>(r.trace().header()))) {
            for (TimelineEvent e : r.events()) w.append(e);
        }
    }
}
