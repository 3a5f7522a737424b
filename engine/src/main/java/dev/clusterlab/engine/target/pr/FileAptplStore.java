package dev.clusterlab.engine.target.pr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * APTPL state of one logical unit in a file, {@code <directory>/aptpl-<lu name>.state}, in the
 * format {@link AptplStateCodec} documents.
 *
 * <p>Why the steps of {@link #save} are what they are (SPC-4 §5.13.5: "a crash must leave either
 * the old state or the new one"): the new state goes to a temporary file in the same directory,
 * {@code aptpl-<lu name>.tmp}, which is fsynced before it is renamed over the state file, so the
 * name can never point at unwritten data; rename(2) swaps the name atomically; the directory is then
 * fsynced so that a completed save survives power loss. Until the rename the old file is
 * untouched, so any failure before it leaves the old state in place.
 *
 * <p>{@link #clear} unlinks the state file and fsyncs the directory; an unlink is itself atomic, so
 * a crash leaves the old state or none. A temporary file left by a crash is never read: it is
 * deleted by the next {@link #load} and overwritten by the next {@link #save}.
 *
 * <p>One store per logical unit, used from the LU's engine loop only (not thread-safe).
 */
public final class FileAptplStore implements AptplStore {
    private static final String PREFIX = "aptpl-";
    private static final String STATE_SUFFIX = ".state";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path directory;
    private final Path stateFile;
    private final Path tempFile;
    private final StateFileSystem fs;

    public FileAptplStore(Path directory, String luName) { this(directory, luName, StateFileSystem.nio()); }

    public FileAptplStore(Path directory, String luName, StateFileSystem fs) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.fs = Objects.requireNonNull(fs, "fs");
        String base = PREFIX + fileNameSafe(luName);
        this.stateFile = directory.resolve(base + STATE_SUFFIX);
        this.tempFile = directory.resolve(base + TEMP_SUFFIX);
    }

    /** The file the state lives in. */
    public Path stateFile() { return stateFile; }

    /** The temporary file a save writes first. */
    public Path tempFile() { return tempFile; }

    @Override
    public void save(PersistedReservations state) throws IOException {
        byte[] bytes = AptplStateCodec.encode(state);
        fs.createDirectories(directory);
        try {
            fs.write(tempFile, bytes);
            fs.force(tempFile);
        } catch (IOException e) {
            discardTemp(e);
            throw new IOException("could not write APTPL state to " + tempFile + "; " + stateFile + " is unchanged", e);
        }
        try {
            fs.replace(tempFile, stateFile);
        } catch (IOException e) {
            discardTemp(e);
            throw new IOException("could not rename " + tempFile + " to " + stateFile + "; the previous state is kept", e);
        }
        // After the rename the new state is visible; a failure here means it may not survive power loss.
        fs.forceDirectory(directory);
    }

    @Override
    public void clear() throws IOException {
        fs.deleteIfExists(stateFile);
        // Even when there was nothing to delete now, an earlier unlink may not be durable yet.
        try {
            fs.forceDirectory(directory);
        } catch (NoSuchFileException noDirectory) {
            // Nothing was ever saved here, so nothing can come back.
        }
    }

    @Override
    public Optional<PersistedReservations> load() throws IOException {
        discardLeftoverTemp();
        Optional<byte[]> bytes = fs.read(stateFile, AptplStateCodec.MAX_FILE_LENGTH);
        if (bytes.isEmpty()) return Optional.empty();
        return Optional.of(AptplStateCodec.decode(bytes.get(), stateFile));
    }

    /** A crash during save can leave a half-written temporary file; it was never the state, so drop it. */
    private void discardLeftoverTemp() {
        try {
            fs.deleteIfExists(tempFile);
        } catch (IOException ignored) {
            // Harmless: it is never read, and the next save overwrites it.
        }
    }

    private void discardTemp(IOException cause) {
        try {
            fs.deleteIfExists(tempFile);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The LU name as a portable file-name fragment: letters, digits, '.', '_' and '-' stay; every
     * other UTF-8 byte becomes {@code %XX}. The mapping is injective, so two LUs never share a file
     * (on a case-sensitive file system).
     */
    static String fileNameSafe(String luName) {
        if (luName.isEmpty()) throw new IllegalArgumentException("LU name is empty");
        StringBuilder sb = new StringBuilder(luName.length());
        for (byte b : luName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && sb.length() > 0);
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >>> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
