package dev.clusterlab.engine.target.pr;

import java.io.IOException;
import java.util.Optional;

/** An in-memory APTPL store for tests, able to fail on demand. */
final class TestAptplStore implements AptplStore {
    PersistedReservations stored;
    boolean failSave;
    boolean failLoad;
    int saves;
    int clears;

    @Override
    public void save(PersistedReservations state) throws IOException {
        if (failSave) throw new IOException("disk full (test)");
        stored = state;
        saves++;
    }

    @Override
    public void clear() throws IOException {
        if (failSave) throw new IOException("disk full (test)");
        stored = null;
        clears++;
    }

    @Override
    public Optional<PersistedReservations> load() throws IOException {
        if (failLoad) throw new IOException("checksum mismatch (test)");
        return Optional.ofNullable(stored);
    }
}
