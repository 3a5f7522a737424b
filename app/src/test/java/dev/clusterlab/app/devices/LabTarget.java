package dev.clusterlab.app.devices;

import dev.clusterlab.app.ClusterLab;
import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/**
 * ClusterLab's own iSCSI target in the test JVM on 127.0.0.1 (ports 3600-3644 of this helper's range
 * 3600-3649; tgtd takes 3645-3648 and 3649 stays unused, the "unreachable" portal):
 * one target, one 1 MiB memory LUN 0; and a way to run {@code clusterlab ...} in-process.
 */
final class LabTarget implements AutoCloseable {
    static final String IQN = "iqn.2026-11.dev.clusterlab:persist-test";
    static final String NODE_A = "iqn.2026-11.dev.clusterlab:node-a";
    static final String NODE_B = "iqn.2026-11.dev.clusterlab:node-b";
    private static final int FIRST_PORT = 3600, LAST_PORT = 3644;
    private static final AtomicInteger NEXT = new AtomicInteger(FIRST_PORT);

    private final IscsiTargetServer server;
    final int port;

    private LabTarget(IscsiTargetServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static LabTarget start() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt <= LAST_PORT - FIRST_PORT; attempt++) {
            int port = FIRST_PORT + Math.floorMod(NEXT.getAndIncrement() - FIRST_PORT, LAST_PORT - FIRST_PORT + 1);
            LunDefinition lun = new LunDefinition(IQN + "/lun0", new MemoryBlockStore(512, 2048), AptplStore.NONE);
            TargetDefinition target = new TargetDefinition(IQN,
                    List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", port)))), List.of(lun), null, null, Set.of());
            try {
                return new LabTarget(IscsiTargetServer.start(List.of(target), TargetLimits.DEFAULT, TimelineSink.DISCARD, e -> {}), port);
            } catch (IOException e) {
                last = e; // port taken (another test run): try the next one in our range
            }
        }
        throw last;
    }

    String url() { return "iscsi://127.0.0.1:" + port + "/" + IQN + "/0"; }

    LogicalUnit lun() { return server.logicalUnit(IQN, 0); }

    String identity() { return lun().identity().naaName(); }

    ReservationSnapshot reservations() { return lun().reservations().snapshot(); }

    @Override
    public void close() { server.close(); }

    record Run(int exitCode, String out, String err) {}

    /** Runs {@code clusterlab ARGS} as main() would, capturing both streams. */
    static Run clusterlab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new ClusterLab()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
