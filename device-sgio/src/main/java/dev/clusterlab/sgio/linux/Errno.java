package dev.clusterlab.sgio.linux;

/** The Linux (x86_64, asm-generic) errno values this module reports by name. */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, ENXIO = 6, EBADF = 9, EAGAIN = 11,
            ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22,
            ENOTTY = 25, EROFS = 30, EDOM = 33, ENAMETOOLONG = 36, ENOSYS = 38, ELOOP = 40, EOVERFLOW = 75,
            EMSGSIZE = 90;

    private Errno() {}

    /** The symbolic name, e.g. "ENOTTY", or "errno 123" for one this table does not know. */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case ENXIO -> "ENXIO";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case ENODEV -> "ENODEV";
            case ENOTDIR -> "ENOTDIR";
            case EISDIR -> "EISDIR";
            case EINVAL -> "EINVAL";
            case ENOTTY -> "ENOTTY";
            case EROFS -> "EROFS";
            case EDOM -> "EDOM";
            case ENAMETOOLONG -> "ENAMETOOLONG";
            case ENOSYS -> "ENOSYS";
            case ELOOP -> "ELOOP";
            case EOVERFLOW -> "EOVERFLOW";
            case EMSGSIZE -> "EMSGSIZE";
            default -> "errno " + errno;
        };
    }
}
