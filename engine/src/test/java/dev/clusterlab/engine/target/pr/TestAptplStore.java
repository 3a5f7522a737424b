package dev.clusterlab.engine.target.pr;

import java.io.IOException;
import java.util.Optional;

/** An in-memory APTPL store for tests, able to fail on demand. */
<<<<<<<< HEAD:engine/src/test/java/dev/clusterlab/engine/target/pr/FailableAptplStore.java
final class FailableAptplStore implements AptplStore {
========
final class TestAptplStore implements AptplStore {
>>>>>>>> main:engine/src/test/java/dev/clusterlab/engine/target/pr/TestAptplStore.java
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
