package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.target.LogicalUnit;
import java.util.Set;

/** One shared disk of the simulated SAN: a simulated logical unit and what the cluster uses it for. */
public record SharedDisk(String name, int index, DiskRole role, Set<DiskQuirk> quirks, LogicalUnit lu) {

    public SharedDisk { quirks = Set.copyOf(quirks); }
}
