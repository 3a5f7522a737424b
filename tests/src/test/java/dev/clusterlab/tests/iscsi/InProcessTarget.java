package dev.clusterlab.tests.iscsi;

import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetEvent;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuOptions;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Our iSCSI target, started in the test JVM: one target with one memory LUN (LUN 0), reachable
 * through {@code portalGroups} portal groups on 127.0.0.1 with system-chosen ports.
 */
public final class InProcessTarget implements AutoCloseable {
    public static final String INITIATOR_1 = "iqn.2026-11.dev.clusterlab:initiator-1";
    public static final String INITIATOR_2 = "iqn.2026-11.dev.clusterlab:initiator-2";
    public static final int BLOCK_SIZE = 512;

    private final String iqn;
    private final IscsiTargetServer server;
    private final ConcurrentLinkedQueue<TargetEvent> events;

    private InProcessTarget(String iqn, IscsiTargetServer server, ConcurrentLinkedQueue<TargetEvent> events) {
        this.iqn = iqn;
        this.server = server;
        this.events = events;
    }

    public static InProcessTarget start(String iqn, int portalGroups, long lunBytes) throws IOException {
        return start(iqn, portalGroups, lunBytes, LuOptions.FIXED_WRITABLE);
    }

    /** As above, with LUN 0 given {@code options} (removable medium, write protection, physical block size). */
    public static InProcessTarget start(String iqn, int portalGroups, long lunBytes, LuOptions options) throws IOException {
        List<PortalGroup> groups = new ArrayList<>();
        for (int tag = 1; tag <= portalGroups; tag++)
            groups.add(new PortalGroup(tag, List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
        LunDefinition lun = new LunDefinition(iqn + "/lun0", new MemoryBlockStore(BLOCK_SIZE, lunBytes / BLOCK_SIZE), AptplStore.NONE, options);
        TargetDefinition target = new TargetDefinition(iqn, groups, List.of(lun), null, null, Set.of());
        ConcurrentLinkedQueue<TargetEvent> events = new ConcurrentLinkedQueue<>();
        IscsiTargetServer server = IscsiTargetServer.start(List.of(target), TargetLimits.DEFAULT, TimelineSink.DISCARD, events::add);
        return new InProcessTarget(iqn, server, events);
    }

    public String iqn() { return iqn; }

    /** The bound address of portal group {@code index + 1}. */
    public InetSocketAddress portal(int index) { return server.boundAddresses().get(index); }

    /** "127.0.0.1:PORT" of portal group {@code index + 1}. */
    public String portalText(int index) { return portal(index).getAddress().getHostAddress() + ":" + portal(index).getPort(); }

    /** libiscsi's URL of LUN 0 through portal group {@code index + 1}. */
    public String url(int index) { return "iscsi://" + portalText(index) + "/" + iqn + "/0"; }

    public LogicalUnit lun0() { return server.logicalUnit(iqn, 0); }

    /** Login failures and protocol errors so far, one line each: what a failing test should show. */
    public List<String> troubleEvents() {
        List<String> lines = new ArrayList<>();
        for (TargetEvent e : events) {
            if (e instanceof TargetEvent.LoginFailed || e instanceof TargetEvent.ProtocolError) lines.add(e.toString());
        }
        return lines;
    }

    @Override
    public void close() { server.close(); }
}
