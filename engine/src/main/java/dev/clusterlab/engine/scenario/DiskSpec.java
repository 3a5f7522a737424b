package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.device.DeviceUrl;
import java.util.Map;
import java.util.Set;

/**
 * A shared disk of {@code sizeBytes}, a multiple of 512: a simulated logical unit, or — when
 * {@code url} is set — a real one every node path reaches through its own I_T nexus. The role is
 * DATA or COORDINATOR as written; the quorum line's witness disk is given the WITNESS role by the
 * runner. {@code quirks} are deliberate target defects (support cases; simulated disks only).
 *
 * @param url the real device, or null for a simulated disk
 * @param pathUrls per node path ("node-b/p1") overrides of {@code url}, from {@code bind} lines
 */
public record DiskSpec(String name, long sizeBytes, DiskRole role, Set<DiskQuirk> quirks, DeviceUrl url,
                       Map<String, DeviceUrl> pathUrls) {

    public DiskSpec {
        quirks = Set.copyOf(quirks);
        pathUrls = Map.copyOf(pathUrls);
    }

    public DiskSpec(String name, long sizeBytes, DiskRole role, Set<DiskQuirk> quirks) {
        this(name, sizeBytes, role, quirks, null, Map.of());
    }

    public DiskSpec(String name, long sizeBytes) { this(name, sizeBytes, DiskRole.DATA, Set.of()); }

    public boolean real() { return url != null; }

    /** The device {@code node}'s path {@code path} ("p1") reaches: its bind override, else the disk's URL. */
    public DeviceUrl urlFor(String node, String path) { return pathUrls.getOrDefault(node + "/" + path, url); }

    /** This disk as a simulated one (a trace replay shows a real disk's recorded history without reaching it). */
    public DiskSpec simulated() { return new DiskSpec(name, sizeBytes, role, quirks); }

    DiskSpec withPathUrl(String nodePath, DeviceUrl device) {
        java.util.Map<String, DeviceUrl> m = new java.util.LinkedHashMap<>(pathUrls);
        m.put(nodePath, device);
        return new DiskSpec(name, sizeBytes, role, quirks, url, m);
    }
}
