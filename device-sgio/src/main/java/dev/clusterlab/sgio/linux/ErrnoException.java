package dev.clusterlab.sgio.linux;

/** A system call failed; {@link #errno()} is the value the C library left in errno on this thread. */
public final class ErrnoException extends Exception {
    private final int errno;
    private final String call;

    public ErrnoException(String call, int errno) {
        super(call + " failed: " + Errno.name(errno));
        this.call = call;
        this.errno = errno;
    }

    public int errno() { return errno; }

    /** The call that failed, e.g. "open(/dev/sg3)" or "ioctl(SG_IO)". */
    public String call() { return call; }
}
