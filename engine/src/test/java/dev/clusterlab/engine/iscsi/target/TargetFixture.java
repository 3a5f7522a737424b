package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A running target on 127.0.0.1 with an ephemeral port, for integration tests. */
final class TargetFixture implements AutoCloseable {
    static final String IQN = "iqn.2026-11.dev.clusterlab:test";
    static final int BLOCKS = 8192;

    final IscsiTargetServer server;
    final ConcurrentLinkedQueue<TargetEvent> events = new ConcurrentLinkedQueue<>();

    private TargetFixture(List<TargetDefinition> targets, TargetLimits limits) throws IOException {
        server = IscsiTargetServer.start(targets, limits, TimelineSink.DISCARD, events::add);
    }

    static TargetDefinition target(String name, int luns, ChapSecret chap, ChapSecret mutual, Set<String> acl) {
        List<LunDefinition> l = new ArrayList<>();
        for (int i = 0; i < luns; i++) l.add(new LunDefinition("lu" + i, new MemoryBlockStore(512, BLOCKS), AptplStore.NONE));
        return new TargetDefinition(name, List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 0)))), l,
                chap, mutual, acl);
    }

    static TargetFixture start() throws IOException { return start(List.of(target(IQN, 2, null, null, Set.of())), TargetLimits.DEFAULT); }

    static TargetFixture start(List<TargetDefinition> targets, TargetLimits limits) throws IOException {
        return new TargetFixture(targets, limits);
    }

    InetSocketAddress address() { return server.boundAddresses().get(0); }

    TestInitiator initiator(String name, long isid) throws IOException { return new TestInitiator(address(), name, isid); }

    /** A logged-in Normal session to the default target. */
    TestInitiator session(String name, long isid) throws IOException {
        TestInitiator i = initiator(name, isid);
        var r = i.login(IQN);
        if (r.statusClass() != 0) throw new IOException("login failed " + r.statusClass() + "/" + r.statusDetail());
        return i;
    }

    @Override
    public void close() { server.close(); }
}
