package dev.clusterlab.engine.target.pr;

import java.io.IOException;
import java.util.Optional;

/**
 * Non-volatile storage for APTPL state. {@link #save} is atomic: after a crash at any point,
 * {@link #load} returns either the previous state or the new one, never a mix.
 */
public interface AptplStore {

    /** Replaces the stored state; returns only once it is durable. */
    void save(PersistedReservations state) throws IOException;

    /** Removes the stored state (APTPL deactivated: nothing survives power loss). */
    void clear() throws IOException;

    /**
     * The stored state, or empty when nothing is stored.
     *
     * @throws IOException when state was stored but cannot be read back intact (the LU then reports
     *     that persistent reservation information was lost)
     */
    Optional<PersistedReservations> load() throws IOException;

    /** A store that keeps nothing: the LU does not support persistence through power loss. */
    AptplStore NONE = new AptplStore() {
        public void save(PersistedReservations state) {}

        public void clear() {}

        public Optional<PersistedReservations> load() { return Optional.empty(); }
    };
}
