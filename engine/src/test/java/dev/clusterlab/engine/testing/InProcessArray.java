package dev.clusterlab.engine.testing;

import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * ClusterLab's own iSCSI target on 127.0.0.1 (a free port), one memory LUN, standing in for a real
 * array in tests of the lab's passthrough: `disk data url=` + {@link #url()}.
 */
public final class InProcessArray implements AutoCloseable {
    public static final String TARGET = "iqn.2026-11.dev.clusterlab:array";

    private final IscsiTargetServer server;

    private InProcessArray(IscsiTargetServer server) { this.server = server; }

    /** Starts the target with one LUN of {@code blocks} 512-byte blocks. */
    public static InProcessArray start(long blocks) throws IOException {
        List<LunDefinition> luns = List.of(new LunDefinition("lun0", new MemoryBlockStore(512, blocks), AptplStore.NONE));
        return new InProcessArray(IscsiTargetServer.start(List.of(new TargetDefinition(TARGET,
                List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 0)))), luns, null, null, Set.of())),
                TargetLimits.DEFAULT, e -> { }, e -> { }));
    }

    public int port() { return server.boundAddresses().get(0).getPort(); }

    /** The LU's URL as scenarios write it. */
    public String url() { return "iscsi://127.0.0.1:" + port() + "/" + TARGET + "/0"; }

    /** The LU itself, to check what reached it. */
    public LogicalUnit logicalUnit() { return server.logicalUnit(TARGET, 0); }

    /** The identity `--arm` expects: the LU's NAA designator. */
    public String identity() { return "naa." + HexFormat.of().formatHex(logicalUnit().identity().naa()); }

    @Override
    public void close() { server.close(); }
}
