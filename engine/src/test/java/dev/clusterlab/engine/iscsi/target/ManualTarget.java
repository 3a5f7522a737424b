package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * Starts a target by hand for trying real initiators (libiscsi's iscsi-inq, iscsi-ls, iscsi-test-cu):
 * {@code java ... ManualTarget PORT [LUNS [SECOND_PORTAL_GROUP_PORT]]}. Serves iqn.2026-11.dev.clusterlab:manual on
 * 127.0.0.1; {@code -Dchap=user:secret} and {@code -Dmutual=user:secret} require CHAP;
 * {@code -Dremovable=true} and {@code -Dreadonly=true} set the LUNs' medium options.
 */
public final class ManualTarget {
    private ManualTarget() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int luns = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        var lunDefs = new java.util.ArrayList<LunDefinition>();
        for (int i = 0; i < luns; i++) lunDefs.add(new LunDefinition("disk" + i, new MemoryBlockStore(512, 2 * 1024 * 1024), AptplStore.NONE,
                new dev.clusterlab.engine.target.LuOptions(Boolean.getBoolean("removable"), Boolean.getBoolean("readonly"))));
        var groups = new java.util.ArrayList<PortalGroup>();
        groups.add(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", port))));
        if (args.length > 2) groups.add(new PortalGroup(2, List.of(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2])))));
        ChapSecret chap = System.getProperty("chap") == null ? null : ChapSecret.parse(System.getProperty("chap"));
        ChapSecret mutual = System.getProperty("mutual") == null ? null : ChapSecret.parse(System.getProperty("mutual"));
        TargetDefinition t = new TargetDefinition("iqn.2026-11.dev.clusterlab:manual", groups, lunDefs, chap, mutual, Set.of());
        IscsiTargetServer server = IscsiTargetServer.start(List.of(t), TargetLimits.DEFAULT, TimelineSink.DISCARD,
                e -> { if (Boolean.getBoolean("verbose")) System.out.println(e); });
        System.out.println("listening on " + server.boundAddresses());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
