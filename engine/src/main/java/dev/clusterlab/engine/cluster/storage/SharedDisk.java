package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.Set;

/**
 * One shared disk of the SAN and what the cluster uses it for: a simulated logical unit
 * ({@code lu}), or a real one reached through {@code real} (then {@code lu} is null).
 */
public record SharedDisk(String name, int index, DiskRole role, Set<DiskQuirk> quirks, LogicalUnit lu, RealDisk real) {

    public SharedDisk {
        quirks = Set.copyOf(quirks);
        if ((lu == null) == (real == null)) throw new IllegalArgumentException("a disk is either simulated or real");
    }

    public boolean isReal() { return real != null; }

    /** The reservation state now: the simulated LU's, or the last one read from the real device. */
    public ReservationSnapshot reservationState() { return lu != null ? lu.reservations().snapshot() : real.snapshot(); }
}
