package dev.clusterlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.app.target.StopSignal;
import dev.clusterlab.app.target.TargetConfig;
import dev.clusterlab.engine.iscsi.target.ChapSecret;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.target.pr.FileAptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.target.store.SparseFileBlockStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `clusterlab target`: option parsing, validation and exit codes (0 clean stop, 1 cannot start, 2 usage). */
class TargetCommandTest {

    /** Parses like the command line does, without starting anything. */
    private static TargetConfig parse(String... args) {
        TargetCommand cmd = new TargetCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.validate();
    }

    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome execute(TargetCommand cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(cmd).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Through the top-level command, as `clusterlab target ...` runs it. */
    private static Outcome executeTop(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new ClusterLab()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void defaultsAreOneLoopbackPortalOn3260TheSharedIqnAndOne1GiBMemoryLun() {
        TargetConfig c = parse();
        assertThat(c.targetName()).isEqualTo("iqn.2026-11.dev.clusterlab:shared");
        assertThat(c.portals()).containsExactly(new InetSocketAddress("127.0.0.1", 3260));
        assertThat(c.lunBytes()).containsExactly(1L << 30);
        assertThat(c.stateDir()).isNull();
        assertThat(c.chap()).isNull();
        assertThat(c.mutualChap()).isNull();
        assertThat(c.allowedInitiators()).isEmpty();
        assertThat(c.limits()).isEqualTo(TargetLimits.DEFAULT);
    }

    @Test
    void eachListenIsItsOwnPortalGroupTaggedInOrder() {
        TargetConfig c = parse("--listen", "127.0.0.1:13270", "--listen", "[::1]:13271");
        assertThat(c.portalGroups()).containsExactly(
                new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 13270))),
                new PortalGroup(2, List.of(new InetSocketAddress("::1", 13271))));
    }

    @Test
    void lunsAreNumberedInTheOrderGiven() {
        TargetConfig c = parse("--lun", "64M", "--lun", "2G", "--lun", "512K");
        assertThat(c.lunBytes()).containsExactly(64L << 20, 2L << 30, 512L << 10);
    }

    @Test
    void withoutStateDirLunsAreMemoryStoresOfTheRightSize() throws IOException {
        TargetDefinition d = parse("--lun", "64M", "--lun", "1M").openDefinition();
        assertThat(d.luns()).extracting(LunDefinition::name)
                .containsExactly("iqn.2026-11.dev.clusterlab:shared/lun0", "iqn.2026-11.dev.clusterlab:shared/lun1");
        assertThat(d.luns()).allSatisfy(l -> assertThat(l.store()).isInstanceOf(MemoryBlockStore.class));
        assertThat(d.luns().get(0).store().blockCount()).isEqualTo(131072);
        assertThat(d.luns().get(1).store().blockCount()).isEqualTo(2048);
        TargetConfig.closeStores(d.luns());
    }

    @Test
    void stateDirBacksEachLunWithASparseFileAndAptplStateInTheDirectory(@TempDir Path dir) throws IOException {
        Path state = dir.resolve("state");
        TargetDefinition d = parse("--lun", "1G", "--lun", "4M", "--state-dir", state.toString()).openDefinition();
        try {
            assertThat(d.luns()).allSatisfy(l -> {
                assertThat(l.store()).isInstanceOf(SparseFileBlockStore.class);
                assertThat(l.aptpl()).isInstanceOf(FileAptplStore.class);
            });
            assertThat(((SparseFileBlockStore) d.luns().get(0).store()).path()).isEqualTo(state.resolve("lun-0.img"));
            assertThat(((SparseFileBlockStore) d.luns().get(1).store()).path()).isEqualTo(state.resolve("lun-1.img"));
            assertThat(((FileAptplStore) d.luns().get(1).aptpl()).stateFile().getParent()).isEqualTo(state);
            assertThat(d.luns().get(0).store().blockCount()).isEqualTo(2097152);
            // Sparse: a 1 GiB LUN costs nothing until it is written.
            assertThat(state.resolve("lun-0.img")).exists().isEmptyFile();
        } finally {
            TargetConfig.closeStores(d.luns());
        }
    }

    @Test
    void chapMutualChapAllowListAndLimitsReachTheDefinition() throws IOException {
        TargetConfig c = parse("--target", "iqn.2026-11.dev.clusterlab:quorum", "--chap", "node:secret-123456",
                "--mutual-chap", "target:other-secret-789", "--allow", "iqn.2026-11.dev.clusterlab:node-a",
                "--allow", "iqn.2026-11.dev.clusterlab:node-b", "--max-sessions", "8", "--queue-depth", "32");
        TargetDefinition d = c.openDefinition();
        assertThat(d.name()).isEqualTo("iqn.2026-11.dev.clusterlab:quorum");
        assertThat(d.chap()).isEqualTo(new ChapSecret("node", "secret-123456"));
        assertThat(d.mutualChap()).isEqualTo(new ChapSecret("target", "other-secret-789"));
        assertThat(d.allowedInitiators()).containsExactlyInAnyOrder("iqn.2026-11.dev.clusterlab:node-a", "iqn.2026-11.dev.clusterlab:node-b");
        assertThat(c.limits().maxSessions()).isEqualTo(8);
        assertThat(c.limits().queueDepth()).isEqualTo(32);
        assertThat(c.limits().maxRecvDataSegmentLength()).isEqualTo(TargetLimits.DEFAULT.maxRecvDataSegmentLength());
        TargetConfig.closeStores(d.luns());
    }

    @Test
    void nonLoopbackListenIsAUsageErrorThatNamesAllowRemote() {
        Outcome o = executeTop("target", "--listen", "192.0.2.10:3260");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("192.0.2.10:3260 is not a loopback address", "--allow-remote");
    }

    @Test
    void wildcardListenIsNotLoopbackEither() {
        assertThat(executeTop("target", "--listen", "0.0.0.0:3260").exitCode()).isEqualTo(2);
    }

    @Test
    void allowRemoteAcceptsANonLoopbackAddress() {
        TargetConfig c = parse("--listen", "192.0.2.10:3260", "--allow-remote");
        assertThat(c.portals()).containsExactly(new InetSocketAddress("192.0.2.10", 3260));
    }

    @Test
    void malformedSizeIsAUsageError() {
        Outcome o = executeTop("target", "--lun", "1X");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--lun", "'1X' is not a size");
    }

    @Test
    void sizeThatIsNotWholeBlocksIsAUsageError() {
        Outcome o = executeTop("target", "--lun", "1000");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("whole number of 512-byte blocks");
    }

    @Test
    void malformedListenIsAUsageError() {
        Outcome o = executeTop("target", "--listen", "127.0.0.1");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("expected HOST:PORT");
    }

    @Test
    void shortChapSecretIsAUsageError() {
        Outcome o = executeTop("target", "--chap", "user:short");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("12 characters");
    }

    @Test
    void mutualChapWithoutChapIsAUsageError() {
        Outcome o = executeTop("target", "--mutual-chap", "target:secret-123456");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--mutual-chap needs --chap");
    }

    @Test
    void targetThatIsNotAnIscsiNameIsAUsageError() {
        Outcome o = executeTop("target", "--target", "shared-disk");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("is not an iSCSI name");
    }

    @Test
    void zeroQueueDepthIsAUsageError() {
        assertThat(executeTop("target", "--queue-depth", "0").exitCode()).isEqualTo(2);
        assertThat(executeTop("target", "--max-sessions", "-1").exitCode()).isEqualTo(2);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(executeTop("target", "--frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void helpListsEveryOption() {
        Outcome o = executeTop("target", "--help");
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("--listen", "--allow-remote", "--target", "--lun", "--state-dir", "--chap",
                "--mutual-chap", "--allow", "--max-sessions", "--queue-depth");
    }

    /** Needs the iSCSI target (engine/iscsi) to report the bind failure. */
    @Test
    @Timeout(30)
    void portInUseIsAFailureToStartWithTheReason() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TargetCommand cmd = new TargetCommand();
            cmd.stopSignal = StopSignal.manual();
            Outcome o = execute(cmd, "--listen", "127.0.0.1:" + taken.getLocalPort(), "--lun", "1M");
            assertThat(o.exitCode()).isEqualTo(1);
            assertThat(o.err()).startsWith("clusterlab target: cannot start: ").containsIgnoringCase("in use");
        }
    }

    /** Needs the iSCSI target (engine/iscsi): until it exists, start() throws and this test fails. */
    @Test
    @Timeout(60)
    void runsOnPortZeroAcceptsConnectionsAndStopsCleanlyWithExitZero() throws Exception {
        TargetCommand cmd = new TargetCommand();
        StopSignal stop = StopSignal.manual();
        cmd.stopSignal = stop;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(cmd).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> line.execute("--listen", "127.0.0.1:0", "--lun", "64M"));

        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(portal group 1\\)");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Matcher m = listening.matcher("");
        while (System.nanoTime() < deadline && !run.isDone()) {
            synchronized (out) {
                m = listening.matcher(out.toString());
            }
            if (m.find()) break;
            Thread.sleep(20);
        }
        assertThat(run.isDone()).as("the command ended early; stderr: %s", err).isFalse();
        assertThat(m.find(0)).as("output: %s", out).isTrue();
        int port = Integer.parseInt(m.group(1));
        assertThat(port).isPositive();
        try (Socket s = new Socket("127.0.0.1", port)) {
            assertThat(s.isConnected()).isTrue();
        }

        stop.trigger("test");
        assertThat(run.get(30, TimeUnit.SECONDS)).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("LUN 0: 64 MiB (memory)").endsWith("stopped" + System.lineSeparator());
    }
}
