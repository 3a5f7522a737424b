package dev.clusterlab.engine.target.pr;

import java.util.Optional;

/**
 * APTPL state kept in memory: survives a simulated target restart (the logical unit's power-on),
 * not the process. Simulated clusters use it so that "target restart" keeps exactly what SPC-4
 * §5.13.5 says survives power loss.
 */
public final class MemoryAptplStore implements AptplStore {
    private PersistedReservations saved;

    @Override
    public synchronized void save(PersistedReservations state) { saved = state; }

    @Override
    public synchronized void clear() { saved = null; }

    @Override
    public synchronized Optional<PersistedReservations> load() { return Optional.ofNullable(saved); }
}
