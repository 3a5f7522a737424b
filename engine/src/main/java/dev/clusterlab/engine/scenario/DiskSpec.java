package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import java.util.Set;

/**
 * A shared disk (one simulated logical unit) of {@code sizeBytes}, a multiple of 512. The role is
 * DATA or COORDINATOR as written; the quorum line's witness disk is given the WITNESS role by the
 * runner. {@code quirks} are deliberate target defects (support cases).
 */
public record DiskSpec(String name, long sizeBytes, DiskRole role, Set<DiskQuirk> quirks) {

    public DiskSpec { quirks = Set.copyOf(quirks); }

    public DiskSpec(String name, long sizeBytes) { this(name, sizeBytes, DiskRole.DATA, Set.of()); }
}
