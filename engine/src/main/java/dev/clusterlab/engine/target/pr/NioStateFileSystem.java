package dev.clusterlab.engine.target.pr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** {@link StateFileSystem} over java.nio. */
final class NioStateFileSystem implements StateFileSystem {
    static final NioStateFileSystem INSTANCE = new NioStateFileSystem();
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private NioStateFileSystem() {}

    @Override
    public Optional<byte[]> read(Path file, int limit) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int want = (int) Math.min(size, (long) limit + 1);
            ByteBuffer buf = ByteBuffer.allocate(want);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading: a short read is not the end of the file
            }
            return Optional.of(buf.position() == want ? buf.array() : Arrays.copyOf(buf.array(), buf.position()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        // Registrant names are nobody else's business: LIO creates its APTPL file 0600 too.
        FileAttribute<?>[] attributes = posix(file) ? new FileAttribute<?>[] {OWNER_ONLY} : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(file, options, attributes)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) ch.write(buf);
        }
    }

    @Override
    public void force(Path file) throws IOException {
        // fsync applies to the file, not to the descriptor, so a fresh channel flushes what write() left.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    @Override
    public void replace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically; keep APTPL state on a local file system", e);
        }
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        // Windows cannot open a directory as a channel; NTFS journals renames, so there is nothing to do.
        if (!posix(directory)) return;
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException { return Files.deleteIfExists(file); }

    @Override
    public void createDirectories(Path directory) throws IOException { Files.createDirectories(directory); }

    private static boolean posix(Path p) { return p.getFileSystem().supportedFileAttributeViews().contains("posix"); }
}
