package dev.clusterlab.engine.target.pr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The handful of file operations an atomic state-file update is made of. They sit behind this
 * interface so that tests can substitute a file system that loses power between, or inside, any
 * of them; {@link #nio()} is the real one.
 *
 * <p>The durability contract mirrors POSIX: {@link #write} is not durable until {@link #force};
 * creating, renaming and deleting a name is not durable until {@link #forceDirectory}.
 */
public interface StateFileSystem {

    /** The real file system, through java.nio. */
    static StateFileSystem nio() { return NioStateFileSystem.INSTANCE; }

    /**
     * The contents of {@code file}, or empty when it does not exist. A file longer than
     * {@code limit} bytes yields only its first {@code limit + 1} bytes, so the caller can reject
     * it without reading it all.
     */
    Optional<byte[]> read(Path file, int limit) throws IOException;

    /** Creates {@code file}, or truncates it, and writes {@code data} to it. */
    void write(Path file, byte[] data) throws IOException;

    /** Makes the contents of {@code file} durable (fsync). */
    void force(Path file) throws IOException;

    /** Renames {@code source} to {@code target} atomically, replacing {@code target} if it exists. */
    void replace(Path source, Path target) throws IOException;

    /** Makes the creations, renames and deletions of names in {@code directory} durable. */
    void forceDirectory(Path directory) throws IOException;

    /** Deletes {@code file}; returns whether it existed. */
    boolean deleteIfExists(Path file) throws IOException;

    /** Creates {@code directory} and its missing parents. */
    void createDirectories(Path directory) throws IOException;
}
