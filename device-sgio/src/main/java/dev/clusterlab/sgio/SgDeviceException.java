package dev.clusterlab.sgio;

import java.io.IOException;

/**
 * Opening a device, or handing a command to the kernel, failed before any SCSI status existed. The
 * message says what to do about it; {@link #reason()} lets a caller react without parsing text.
 */
public final class SgDeviceException extends IOException {
    /** What went wrong, in the user's terms. */
    public enum Reason {
        /** The path does not exist (ENOENT). */
        NO_SUCH_DEVICE,
        /** The device node exists but this process may not open it (EACCES, EPERM at open, EROFS). */
        PERMISSION_DENIED,
        /** The file accepts no SG_IO: not a SCSI device, or a partition (ENOTTY). */
        NOT_A_SCSI_DEVICE,
        /** The kernel's SCSI command filter refused this opcode (EPERM from SG_IO). */
        COMMAND_NOT_PERMITTED,
        /** The node has no device behind it any more (ENODEV, ENXIO). */
        DEVICE_GONE,
        /** Someone holds the device exclusively or sg's queue is full (EBUSY, EAGAIN, EDOM). */
        DEVICE_BUSY,
        /** The kernel rejected the request itself: CDB length, transfer size, bad field (EINVAL, EMSGSIZE, EIO, ...). */
        REQUEST_REJECTED,
        /** The native C library could not be reached (not Linux, JNA not loadable). */
        NATIVE_UNAVAILABLE,
        /** Any other errno. */
        OTHER
    }

    private final Reason reason;
    private final String path;
    private final int errno;

    public SgDeviceException(Reason reason, String path, int errno, String message) {
        this(reason, path, errno, message, null);
    }

    public SgDeviceException(Reason reason, String path, int errno, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.path = path;
        this.errno = errno;
    }

    public Reason reason() { return reason; }

    /** The device path as the user gave it. */
    public String path() { return path; }

    /** The errno behind the failure, or 0 when there was none. */
    public int errno() { return errno; }
}
