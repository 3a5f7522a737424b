package dev.clusterlab.engine.target.pr;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * An in-memory {@link StateFileSystem} that can lose power during any mutating operation, with
 * the weakest guarantees a POSIX file system with a metadata journal gives:
 * <ul>
 *   <li>file data is durable only once forced; a file written but not forced comes back after a
 *       power loss with its old durable contents, all new contents, a prefix of them, or a prefix
 *       followed by zeros (delayed allocation);</li>
 *   <li>creating, renaming and deleting names is durable only once the directory is forced; of the
 *       name operations since then, some prefix survives, each one entirely or not at all;</li>
 *   <li>the operation during which power fails may be torn: a write keeps a random prefix of its
 *       data, any other operation happens entirely or not at all. After it nothing persists (every
 *       operation throws) until {@link #reboot}.</li>
 * </ul>
 * Every random decision comes from {@link Choices}, so a test can draw them at random or enumerate
 * all of them.
 */
final class PowerLossFileSystem implements StateFileSystem {

    /** Source of the file system's nondeterminism. */
    interface Choices {
        /** A value in [0, bound); bound is at least 1. */
        int next(int bound);

        static Choices random(long seed) {
            Random r = new Random(seed);
            return r::nextInt;
        }
    }

    private static final class Inode {
        byte[] data = new byte[0];
        byte[] durable; // null until first forced

        boolean dirty() { return durable == null || !Arrays.equals(durable, data); }
    }

    /** A change of the directory's names, not yet durable. */
    private sealed interface NameOp {
        void applyTo(Map<Path, Inode> names);

        record Bind(Path name, Inode inode) implements NameOp {
            public void applyTo(Map<Path, Inode> names) { names.put(name, inode); }
        }

        record Rename(Path from, Path to) implements NameOp {
            public void applyTo(Map<Path, Inode> names) {
                Inode moved = names.remove(from);
                if (moved != null) names.put(to, moved);
            }
        }

        record Unbind(Path name) implements NameOp {
            public void applyTo(Map<Path, Inode> names) { names.remove(name); }
        }
    }

    private final Choices choices;
    private Map<Path, Inode> visible = new HashMap<>();
    private Map<Path, Inode> durableNames = new HashMap<>();
    private final List<NameOp> pending = new ArrayList<>();
    private int mutations;
    private int powerFailsAt = -1;
    private int failsAt = -1;
    private boolean unreadable;
    private boolean down;

    PowerLossFileSystem(Choices choices) { this.choices = choices; }

    /** Power fails during the mutating operation with this index (0-based, counted since the last reboot). */
    void losePowerDuringOperation(int index) { powerFailsAt = mutations + index; }

    /** The mutating operation with this index fails with an IOException (disk full, I/O error); power stays on. */
    void failOperation(int index) { failsAt = mutations + index; }

    /** Reads fail as they do in a directory the process may not read. */
    void makeUnreadable(boolean value) { unreadable = value; }

    /** Mutating operations started since the last reboot. */
    int mutations() { return mutations; }

    boolean isDown() { return down; }

    /** The names present right now. */
    Set<Path> names() { return Set.copyOf(visible.keySet()); }

    /** Places a durable file directly, as if written long ago. */
    void putDurable(Path file, byte[] data) {
        Inode inode = new Inode();
        inode.data = data.clone();
        inode.durable = data.clone();
        visible.put(file, inode);
        durableNames.put(file, inode);
    }

    /** Power comes back (after a failure, or cut now if it was on): only what was durable, plus torn leftovers, remains. */
    void reboot() {
        Map<Path, Inode> names = new HashMap<>(durableNames);
        int survivors = choices.next(pending.size() + 1);
        for (int i = 0; i < survivors; i++) pending.get(i).applyTo(names);
        Map<Inode, byte[]> contents = new IdentityHashMap<>();
        Map<Path, Inode> after = new HashMap<>();
        for (Map.Entry<Path, Inode> e : names.entrySet()) {
            byte[] content = contents.computeIfAbsent(e.getValue(), this::contentAfterPowerLoss);
            Inode fresh = new Inode();
            fresh.data = content.clone();
            fresh.durable = content.clone();
            after.put(e.getKey(), fresh);
        }
        visible = after;
        durableNames = new HashMap<>(after);
        pending.clear();
        down = false;
        mutations = 0;
        powerFailsAt = -1;
        failsAt = -1;
    }

    private byte[] contentAfterPowerLoss(Inode inode) {
        if (!inode.dirty()) return inode.durable;
        byte[] old = inode.durable != null ? inode.durable : new byte[0];
        return switch (choices.next(4)) {
            case 0 -> old;
            case 1 -> inode.data;
            case 2 -> Arrays.copyOf(inode.data, choices.next(inode.data.length + 1));
            default -> { // the size made it to disk, only part of the data did
                byte[] b = new byte[inode.data.length];
                System.arraycopy(inode.data, 0, b, 0, choices.next(inode.data.length + 1));
                yield b;
            }
        };
    }

    @Override
    public Optional<byte[]> read(Path file, int limit) throws IOException {
        if (down) throw poweredOff();
        if (unreadable) throw new AccessDeniedException(file.toString());
        Inode inode = visible.get(file);
        if (inode == null) return Optional.empty();
        return Optional.of(Arrays.copyOf(inode.data, Math.min(inode.data.length, limit + 1)));
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        boolean tear = begin(file);
        Inode inode = visible.get(file);
        if (inode == null) {
            inode = new Inode();
            bind(new NameOp.Bind(file, inode));
        }
        if (tear) {
            inode.data = Arrays.copyOf(data, choices.next(data.length + 1));
            throw powerFailed();
        }
        inode.data = data.clone();
    }

    @Override
    public void force(Path file) throws IOException {
        boolean tear = begin(file);
        Inode inode = visible.get(file);
        if (inode == null) throw new NoSuchFileException(file.toString());
        if (!tear || choices.next(2) == 1) inode.durable = inode.data.clone();
        if (tear) throw powerFailed();
    }

    @Override
    public void replace(Path source, Path target) throws IOException {
        boolean tear = begin(source);
        if (!visible.containsKey(source)) throw new NoSuchFileException(source.toString());
        if (!tear || choices.next(2) == 1) bind(new NameOp.Rename(source, target));
        if (tear) throw powerFailed();
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        boolean tear = begin(directory);
        if (!tear || choices.next(2) == 1) {
            durableNames = new HashMap<>(visible);
            pending.clear();
        }
        if (tear) throw powerFailed();
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
        boolean tear = begin(file);
        boolean existed = visible.containsKey(file);
        if (existed && (!tear || choices.next(2) == 1)) bind(new NameOp.Unbind(file));
        if (tear) throw powerFailed();
        return existed;
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        if (down) throw poweredOff();
    }

    /** Counts a mutating operation; returns whether power fails during it. */
    private boolean begin(Path subject) throws IOException {
        if (down) throw poweredOff();
        int index = mutations++;
        if (index == failsAt) throw new IOException("injected I/O error on " + subject);
        if (unreadable) throw new AccessDeniedException(subject.toString());
        return index == powerFailsAt;
    }

    private void bind(NameOp op) {
        op.applyTo(visible);
        pending.add(op);
    }

    private IOException powerFailed() {
        down = true;
        return new IOException("simulated power loss");
    }

    private static IOException poweredOff() { return new IOException("simulated power is off"); }
}
