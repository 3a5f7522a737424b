package dev.clusterlab.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `clusterlab run` on a scenario whose data disk is a real iSCSI LU (our own target on loopback standing in for an array). */
class RunRealDiskTest {
    private static final String TARGET = "iqn.2026-11.dev.clusterlab:array";
    private IscsiTargetServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir Path dir;

    @BeforeEach
    void startArray() throws Exception {
        server = IscsiTargetServer.start(List.of(new TargetDefinition(TARGET,
                List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 0)))),
                List.of(new LunDefinition("lun0", new MemoryBlockStore(512, 4096), AptplStore.NONE)), null, null, Set.of())),
                TargetLimits.DEFAULT, e -> { }, e -> { });
    }

    @AfterEach
    void stopArray() { server.close(); }

    private String identity() { return "naa." + HexFormat.of().formatHex(server.logicalUnit(TARGET, 0).identity().naa()); }

    private int run(String... args) throws Exception {
        Path scenario = dir.resolve("real.scenario");
        Files.writeString(scenario, """
                title: failover on a real data disk
                seed: 1
                policy: wsfc-pr
                quorum: node-majority
                node node-a
                node node-b
                node node-c
                disk data url=iscsi://127.0.0.1:%d/%s/0
                group sql disk=data owner=node-a
                at 5s: crash node-a
                at 30s: node-b --read-keys data
                expect by 30s: owner sql = node-b
                """.formatted(server.boundAddresses().get(0).getPort(), TARGET));
        String[] all = new String[args.length + 3];
        all[0] = scenario.toString();
        all[1] = "--audit-log";
        all[2] = dir.resolve("audit.log").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        RunCommand command = new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(all);
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    @Test
    void unarmedRunSaysTheDiskIsReadOnlyAndHowToArmIt() throws Exception {
        run();
        assertThat(out()).contains("real disk data: iscsi://127.0.0.1:").contains("read-only (arm with --arm " + identity() + ")")
                .contains("node-a/p1 -> iscsi://").contains("safety guard refused");
        assertThat(server.logicalUnit(TARGET, 0).reservations().snapshot().registrants()).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("audit.log"))).isNotEmpty().allMatch(l -> l.contains("\"phase\":\"refused\""));
    }

    @Test
    void armedRunFailsOverOnTheArrayAndPassesItsExpectations() throws Exception {
        int code = run("--arm", identity(), "--allow-data-writes");
        assertThat(code).as(out() + err).isZero();
        assertThat(out()).contains("ARMED with data writes").contains("1 held, 0 failed");
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"phase\":\"sending\"").contains("PERSISTENT RESERVE OUT");
    }

    @Test
    void dataWritesWithoutArmingIsAUsageError() throws Exception {
        assertThat(run("--allow-data-writes")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--allow-data-writes needs --arm");
    }

    @Test
    void anUnreachableArrayIsAClearErrorNotAStackTrace() throws Exception {
        server.close();
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("clusterlab run: disk data: cannot open iscsi://127.0.0.1:")
                .doesNotContain("Exception");
    }
}
