package dev.clusterlab.app;

import dev.clusterlab.app.console.ConsoleSession;
import dev.clusterlab.app.console.SharedDiskBench;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.pr.FileAptplStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `clusterlab console`: issue SCSI and PR commands as any node against a simulated shared disk. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Issue SCSI commands as any node against a simulated shared disk, sg_persist style.",
                "Reads commands from the terminal, or from --script FILE (then exits 1 if any line was invalid)."})
final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--nodes", split = ",", defaultValue = "node-a,node-b,node-c", description = "Node names (default: ${DEFAULT-VALUE}).")
    List<String> nodes;

    @Option(names = "--blocks", defaultValue = "2097152", description = "Disk size in 512-byte blocks (default: ${DEFAULT-VALUE}, 1 GiB).")
    long blocks;

    @Option(names = "--script", description = "Read commands from this file instead of the terminal.")
    Path script;

    @Option(names = "--state-dir", description = "Keep APTPL state (persist through power loss) in this directory, so it survives power-cycle and restarts of the console.")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        ConsoleSession session = new ConsoleSession(new SharedDiskBench(nodes, blocks,
                stateDir == null ? AptplStore.NONE : new FileAptplStore(stateDir, "disk1")), out);
        boolean interactive = script == null && System.console() != null;
        try (BufferedReader in = script != null ? Files.newBufferedReader(script)
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            int failures = session.run(in, interactive, script != null || !interactive);
            return failures == 0 ? 0 : 1;
        }
    }
}
