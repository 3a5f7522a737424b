package dev.clusterlab.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.testing.InProcessArray;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `clusterlab run` on a scenario whose data disk is a real iSCSI LU (our own target on loopback standing in for an array). */
class RunRealDiskTest {
    private InProcessArray server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir Path dir;

    @BeforeEach
    void startArray() throws Exception {
        server = InProcessArray.start(4096);
    }

    @AfterEach
    void stopArray() { server.close(); }

    private String identity() { return server.identity(); }

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
                disk data url=%s
                group sql disk=data owner=node-a
                at 5s: crash node-a
                at 30s: node-b --read-keys data
                expect by 30s: owner sql = node-b
                """.formatted(server.url()));
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
        assertThat(server.logicalUnit().reservations().snapshot().registrants()).isEmpty();
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
