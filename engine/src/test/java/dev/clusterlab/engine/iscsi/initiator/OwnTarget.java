package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.target.ChapSecret;
import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetEvent;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Our own iSCSI target on 127.0.0.1 (ephemeral port), as the initiator's counterpart in tests. */
final class OwnTarget implements AutoCloseable {
    static final String IQN = "iqn.2026-11.dev.clusterlab:initiator-test";
    static final int BLOCKS = 8192;
    static final int BLOCK_SIZE = 512;
    static final String PREFIX = "iqn.2026-11.dev.clusterlab";

    final IscsiTargetServer server;
    final ConcurrentLinkedQueue<TargetEvent> events = new ConcurrentLinkedQueue<>();

    private OwnTarget(List<TargetDefinition> targets, TargetLimits limits) throws IOException {
        server = IscsiTargetServer.start(targets, limits, TimelineSink.DISCARD, events::add);
    }

    static TargetDefinition target(String name, ChapSecret chap, ChapSecret mutual) {
        List<LunDefinition> luns = new ArrayList<>();
        for (int i = 0; i < 2; i++) luns.add(new LunDefinition("lu" + i, new MemoryBlockStore(BLOCK_SIZE, BLOCKS), AptplStore.NONE));
        return new TargetDefinition(name, List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 0)))), luns,
                chap, mutual, Set.of());
    }

    static OwnTarget start() throws IOException { return start(List.of(target(IQN, null, null)), TargetLimits.DEFAULT); }

    static OwnTarget start(List<TargetDefinition> targets, TargetLimits limits) throws IOException {
        return new OwnTarget(targets, limits);
    }

    InetSocketAddress address() { return server.boundAddresses().get(0); }

    static InitiatorIdentity node(String node) { return InitiatorIdentity.forNodePath(PREFIX, node, 1); }

    /** Short timeouts so a broken test fails in seconds, not minutes. */
    static InitiatorSettings settings() {
        return InitiatorSettings.DEFAULT.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    IscsiSession session(String node) throws IOException { return session(node, settings()); }

    IscsiSession session(String node, InitiatorSettings settings) throws IOException {
        return IscsiSession.open(address(), IQN, 0, node(node), settings);
    }

    @Override
    public void close() { server.close(); }
}
