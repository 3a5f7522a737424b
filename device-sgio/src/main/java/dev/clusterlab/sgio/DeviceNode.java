package dev.clusterlab.sgio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What the file system says about a device path: its kind, owner, group and mode. Used to explain a
 * failed open ("owned by root:disk, mode rw-rw----") and to tell the block path from the sg path,
 * whose kernel command filters differ (see {@link SgErrors}).
 *
 * @param owner owner name, or null when unknown
 * @param group group name, or null when unknown
 * @param permissions e.g. "rw-rw----", or null when unknown
 */
public record DeviceNode(String path, Kind kind, String owner, String group, String permissions) {
    /** File type from {@code st_mode}. */
    public enum Kind { CHARACTER_DEVICE, BLOCK_DEVICE, REGULAR_FILE, OTHER, MISSING, UNKNOWN }

    private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000, S_IFREG = 0100000;

    /** Looks the path up (following symlinks, as open(2) does); never throws. */
    public static DeviceNode of(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) return new DeviceNode(path, Kind.MISSING, null, null, null);
        Kind kind = Kind.UNKNOWN;
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            if (mode instanceof Integer m) {
                kind = switch (m & S_IFMT) {
                    case S_IFCHR -> Kind.CHARACTER_DEVICE;
                    case S_IFBLK -> Kind.BLOCK_DEVICE;
                    case S_IFREG -> Kind.REGULAR_FILE;
                    default -> Kind.OTHER;
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // Not a Unix file system view: the kind stays unknown and messages say less.
        }
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, new LinkOption[0]);
            return new DeviceNode(path, kind, a.owner().getName(), a.group().getName(), PosixFilePermissions.toString(a.permissions()));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return new DeviceNode(path, kind, null, null, null);
        }
    }

    /** Whether this is the block path ({@code /dev/sdX}), judged by the node or, failing that, the name. */
    public boolean isBlockPath() {
        if (kind == Kind.BLOCK_DEVICE) return true;
        if (kind == Kind.CHARACTER_DEVICE) return false;
        String name = Path.of(path).getFileName() == null ? "" : Path.of(path).getFileName().toString();
        return name.startsWith("sd");
    }

    /** "owned by root:disk, mode rw-rw----", or "owner and mode unknown". */
    public String ownershipText() {
        if (owner == null) return "owner and mode unknown";
        return "owned by " + owner + ":" + group + ", mode " + permissions;
    }
}
