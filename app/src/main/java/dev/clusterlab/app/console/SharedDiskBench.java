package dev.clusterlab.app.console;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.Timeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated shared disk reachable by several named nodes, each with two paths (I_T nexuses)
 * through two target ports: the smallest lab in which every reservation rule can be tried by hand.
 */
public final class SharedDiskBench {
    public static final String IQN_PREFIX = "iqn.2026-11.dev.clusterlab:";
    private static final long ISID_BASE = 0x23d000000000L;

    private final Timeline timeline = new Timeline();
    private final LogicalUnit disk;
    private final Map<String, List<ItNexus>> paths = new LinkedHashMap<>();

    public SharedDiskBench(List<String> nodes, long blocks) { this(nodes, blocks, AptplStore.NONE); }

    /** With {@code aptpl} other than NONE the disk persists reservations through power loss (APTPL). */
    public SharedDiskBench(List<String> nodes, long blocks, AptplStore aptpl) {
        List<TargetPort> ports = List.of(
                new TargetPort(1, IQN_PREFIX + "disk1,t,0x0001", 1),
                new TargetPort(2, IQN_PREFIX + "disk1,t,0x0002", 2));
        disk = LogicalUnit.builder("disk1")
                .identity(LuIdentity.forName("disk1", 0))
                .store(new MemoryBlockStore(512, blocks))
                .targetPorts(ports)
                .timeline(timeline)
                .aptplStore(aptpl)
                .build();
        for (String node : nodes) {
            paths.put(node, List.of(
                    new ItNexus(InitiatorPort.iscsi(IQN_PREFIX + node, ISID_BASE + 1), ports.get(0)),
                    new ItNexus(InitiatorPort.iscsi(IQN_PREFIX + node, ISID_BASE + 2), ports.get(1))));
        }
    }

    public LogicalUnit disk() { return disk; }

    public Timeline timeline() { return timeline; }

    public Map<String, List<ItNexus>> nodes() { return paths; }

    /** The nexus of {@code node}'s path: null or "p1" is the first, "p2" the second. Null when unknown. */
    public ItNexus nexus(String node, String path) {
        List<ItNexus> p = paths.get(node);
        if (p == null) return null;
        if (path == null || path.equals("p1")) return p.get(0);
        if (path.equals("p2")) return p.get(1);
        return null;
    }

    /** Which node (and path) an initiator port belongs to, e.g. "node-a/p2", or its raw name. */
    public String nameOf(InitiatorPort port) {
        for (var e : paths.entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++)
                if (e.getValue().get(i).initiator().equals(port)) return e.getKey() + "/p" + (i + 1);
        }
        return port.displayName();
    }
}
