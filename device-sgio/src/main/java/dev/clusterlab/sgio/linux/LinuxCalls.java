package dev.clusterlab.sgio.linux;

import com.sun.jna.Pointer;

/**
 * The few system calls SG_IO needs, behind an interface so that tests can put a fake kernel in their
 * place: the fake receives the real native {@code sg_io_hdr} and fills it as the kernel would.
 * Every method reports failure as an {@link ErrnoException} carrying errno.
 */
public interface LinuxCalls {
    /** {@code open(2)} flags (x86_64 values). */
    int O_RDONLY = 0, O_RDWR = 2, O_EXCL = 0x80, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

    /** {@code open(path, flags)}; returns the file descriptor. */
    int open(String path, int flags) throws ErrnoException;

    void close(int fd) throws ErrnoException;

    /**
     * {@code ioctl(fd, SG_IO, header)}: runs one command synchronously. Returning normally only means
     * the request ran; the outcome is in the header's output fields.
     */
    void sgIo(int fd, Pointer header) throws ErrnoException;

    /** {@code ioctl(fd, SG_GET_VERSION_NUM, &v)}: the sg driver version; ENOTTY on a non-SCSI file. */
    int sgVersion(int fd) throws ErrnoException;
}
