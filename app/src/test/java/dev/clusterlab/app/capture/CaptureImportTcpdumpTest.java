package dev.clusterlab.app.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.capture.CaptureComparison;
import dev.clusterlab.engine.capture.CaptureImport;
import dev.clusterlab.engine.capture.ImportedCommand;
import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiSession;
import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.testing.Tgtd;
import dev.clusterlab.engine.timeline.TimelineSink;
import dev.clusterlab.engine.timeline.TraceReader;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.SessionFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real captures: tcpdump on loopback while ClusterLab's initiator runs a two-node persistent
 * reservation sequence against (a) a private tgtd and (b) ClusterLab's own target; the import must
 * give back the sequence, and the comparison must flag tgt's known deviations and nothing for our own.
 */
class CaptureImportTcpdumpTest {
    private static final long KEY_A = 0xA1, KEY_B = 0xB2;
    private static final int WRITE_EXCLUSIVE = 1;

    @TempDir
    Path dir;

    /** REGISTER both, A reserves WE, B reads it, B preempts A, A sees the unit attention, B reads full status and keys, B unregisters. */
    private static void twoNodeSequence(InetSocketAddress address, String iqn, int lun) throws Exception {
        InitiatorSettings settings = InitiatorSettings.DEFAULT;
        try (IscsiSession a = IscsiSession.open(address, iqn, lun, new InitiatorIdentity("iqn.2026-11.dev.clusterlab.test:node-a", 0x23D000000001L), settings);
             IscsiSession b = IscsiSession.open(address, iqn, lun, new InitiatorIdentity("iqn.2026-11.dev.clusterlab.test:node-b", 0x23D000000002L), settings)) {
            for (IscsiSession s : List.of(a, b)) {
                s.execute(new ScsiRequest(Cdbs.testUnitReady(), null, 0)); // a new nexus may first see a reset notice
                s.execute(new ScsiRequest(Cdbs.testUnitReady(), null, 0));
            }
            prOut(a, PrOutAction.REGISTER, 0, 0, KEY_A);
            prOut(b, PrOutAction.REGISTER, 0, 0, KEY_B);
            prOut(a, PrOutAction.RESERVE, WRITE_EXCLUSIVE, KEY_A, 0);
            prIn(b, PrInAction.READ_RESERVATION);
            prOut(b, PrOutAction.PREEMPT, WRITE_EXCLUSIVE, KEY_B, KEY_A);
            a.execute(new ScsiRequest(Cdbs.testUnitReady(), null, 0)); // the unit attention of the preemption
            a.execute(new ScsiRequest(Cdbs.testUnitReady(), null, 0));
            prIn(b, PrInAction.READ_FULL_STATUS);
            prIn(b, PrInAction.READ_KEYS);
            prOut(b, PrOutAction.REGISTER, 0, KEY_B, 0);
            a.logout();
            b.logout();
        }
    }

    private static void prOut(IscsiSession s, PrOutAction action, int type, long key, long serviceActionKey) {
        byte[] params = Cdbs.prOutParameters(key, serviceActionKey, false, false);
        s.execute(new ScsiRequest(Cdbs.persistentReserveOut(action, 0, type, params.length), params, 0));
    }

    private static void prIn(IscsiSession s, PrInAction action) {
        s.execute(new ScsiRequest(Cdbs.persistentReserveIn(action, 1024), null, 1024));
    }

    private static final List<Integer> PR_SEQUENCE = List.of(0x5F, 0x5F, 0x5F, 0x5E, 0x5F, 0x5E, 0x5E, 0x5F);

    private static List<Integer> prOpcodes(CaptureImport.Result r) {
        return r.commands().stream().map(c -> c.cdb()[0] & 0xFF).filter(op -> op == 0x5E || op == 0x5F).toList();
    }

    private static String runImport(Path capture, int expectedExit, String... more) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] args = new String[more.length + 1];
        args[0] = capture.toString();
        System.arraycopy(more, 0, args, 1, more.length);
        int exit = new CommandLine(new ImportCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8))).execute(args);
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out); // the report shows in the test log
        assertThat(exit).as(out).isEqualTo(expectedExit);
        return out;
    }

    @Test
    void tgtdCaptureReproducesTheSequenceAndFlagsTgtsKnownDeviations() throws Exception {
        Path file = dir.resolve("tgtd.pcap");
        try (Tgtd tgtd = Tgtd.start(3700, 3739)) {
            String iqn = "iqn.2026-11.dev.clusterlab.capture:tgt";
            tgtd.target(1, iqn, 16L << 20);
            try (CaptureTcpdump capture = CaptureTcpdump.start(file, tgtd.port())) {
                twoNodeSequence(tgtd.address(), iqn, 1);
            }
        }
        CaptureImport.Result r = CaptureImport.read(file);
        assertThat(r.nexuses()).hasSize(2);
        assertThat(prOpcodes(r)).isEqualTo(PR_SEQUENCE);
        assertThat(r.commands()).allMatch(ImportedCommand::answered);

        CaptureComparison.Report report = CaptureComparison.compare(r);
        List<CaptureComparison.Finding> deviations = report.of(CaptureComparison.Kind.DEVIATION);
        // tgt: RESERVATIONS PREEMPTED 2Ah/03h where SPC-4 §5.13.11.2.4 requires REGISTRATIONS PREEMPTED 2Ah/05h
        assertThat(deviations).anyMatch(f -> f.theirs().contains("2Ah/03h") && f.ours().contains("2Ah/05h")
                && f.clause().contains("5.13.11.2.4") && f.explanation().contains("node-b's PREEMPT"));
        // tgt: no READ FULL STATUS
        assertThat(deviations).anyMatch(f -> f.command().contains("READ FULL STATUS") && f.theirs().contains("24h/00h")
                && f.clause().contains("6.15.5"));

        String out = runImport(file, ImportCommand.DEVIATIONS, "--compare", "--trace", dir.resolve("t.jsonl.gz").toString());
        assertThat(out).contains("node-a").contains("PREEMPT").contains("DIFFERS");
        TraceReader.Trace trace = TraceReader.read(dir.resolve("t.jsonl.gz"));
        assertThat(trace.events()).hasSameSizeAs(r.events());

        // The lab opens the capture itself (recognised by its magic bytes) as a replay of the rebuilt timeline.
        LabSession lab = SessionFiles.open(file.toString());
        assertThat(lab.kind()).isEqualTo(LabSession.Kind.REPLAY);
        assertThat(lab.timeline().size()).isEqualTo(r.events().size());
    }

    @Test
    void libiscsiToolCaptureIsImported() throws Exception {
        Path file = dir.resolve("inq.pcap");
        try (Tgtd tgtd = Tgtd.start(3700, 3739)) {
            String iqn = "iqn.2026-11.dev.clusterlab.capture:inq";
            tgtd.target(1, iqn, 16L << 20);
            try (CaptureTcpdump capture = CaptureTcpdump.start(file, tgtd.port())) {
                Process p = new ProcessBuilder("iscsi-inq", "-i", "iqn.2026-11.dev.clusterlab.test:inq", tgtd.url(iqn))
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as("iscsi-inq: " + out).isZero();
            }
        }
        CaptureImport.Result r = CaptureImport.read(file);
        assertThat(r.nexuses()).extracting(n -> n.initiatorName()).contains("iqn.2026-11.dev.clusterlab.test:inq");
        assertThat(r.commands()).anyMatch(c -> (c.cdb()[0] & 0xFF) == 0x12 && c.status() == dev.clusterlab.engine.scsi.ScsiStatus.GOOD);
        assertThat(CaptureComparison.compare(r).of(CaptureComparison.Kind.DEVIATION)).isEmpty();
    }

    @Test
    void libiscsiPrTestCaptureShowsTgtsMissingReadFullStatus() throws Exception {
        Path file = dir.resolve("prin.pcap");
        try (Tgtd tgtd = Tgtd.start(3700, 3739)) {
            String iqn = "iqn.2026-11.dev.clusterlab.capture:prin";
            tgtd.target(1, iqn, 16L << 20);
            try (CaptureTcpdump capture = CaptureTcpdump.start(file, tgtd.port())) {
                // libiscsi's PrinServiceactionRange sends PR IN with every service action; tgt fails it (no READ FULL STATUS).
                Process p = new ProcessBuilder("iscsi-test-cu", "--test=SCSI.PrinServiceactionRange", "--initiator-name",
                        "iqn.2026-11.dev.clusterlab.test:cu", "--initiator-name-2", "iqn.2026-11.dev.clusterlab.test:cu2", tgtd.url(iqn))
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                assertThat(out).as("iscsi-test-cu ran the test").contains("PrinServiceactionRange");
            }
        }
        CaptureImport.Result r = CaptureImport.read(file);
        assertThat(r.commands()).filteredOn(c -> (c.cdb()[0] & 0xFF) == 0x5E).extracting(c -> c.cdb()[1] & 0x1F).contains(0, 1, 2, 3, 4, 0x1F);
        String out = runImport(file, ImportCommand.DEVIATIONS, "--compare");
        assertThat(out).contains("does not implement PERSISTENT RESERVE IN READ FULL STATUS (03h)");
    }

    @Test
    void ownTargetCaptureShowsNoDifferences() throws Exception {
        Path file = dir.resolve("own.pcapng");
        int port = freePort(3740, 3749);
        String iqn = "iqn.2026-11.dev.clusterlab.capture:own";
        LunDefinition lun = new LunDefinition(iqn + "/lun0", new MemoryBlockStore(512, 32768), AptplStore.NONE);
        TargetDefinition target = new TargetDefinition(iqn, List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", port)))),
                List.of(lun), null, null, Set.of());
        try (IscsiTargetServer server = IscsiTargetServer.start(List.of(target), TargetLimits.DEFAULT, TimelineSink.DISCARD, e -> { })) {
            try (CaptureTcpdump capture = CaptureTcpdump.start(file, port)) {
                twoNodeSequence(server.boundAddresses().get(0), iqn, 0);
            }
        }
        CaptureImport.Result r = CaptureImport.read(file);
        assertThat(prOpcodes(r)).isEqualTo(PR_SEQUENCE);
        CaptureComparison.Report report = CaptureComparison.compare(r);
        assertThat(report.findings()).isEmpty();
        assertThat(report.compared()).isEqualTo(r.commands().size());
        String out = runImport(file, ImportCommand.OK, "--compare");
        assertThat(out).contains("no differences");
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws Exception {
        Path junk = dir.resolve("junk.pcap");
        java.nio.file.Files.writeString(junk, "not a capture");
        assertThat(new CommandLine(new ImportCommand()).execute(junk.toString())).isEqualTo(ImportCommand.NOT_IMPORTABLE);
        assertThat(new CommandLine(new ImportCommand()).execute(dir.resolve("missing.pcap").toString())).isEqualTo(ImportCommand.NOT_IMPORTABLE);
    }

    private static int freePort(int first, int last) {
        for (int p = first; p <= last; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                return p;
            } catch (java.io.IOException busy) {
                // try the next one
            }
        }
        throw new AssertionError("no free port in " + first + ".." + last);
    }
}
