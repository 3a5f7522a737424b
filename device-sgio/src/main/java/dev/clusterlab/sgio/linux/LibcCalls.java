package dev.clusterlab.sgio.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;

/**
 * {@link LinuxCalls} through the C library with JNA. Declaring the functions {@code throws
 * LastErrorException} makes JNA capture errno on the calling thread right after the call, before
 * anything else can overwrite it.
 *
 * <p>{@code open} and {@code ioctl} are variadic in C; a fixed-arity binding is correct on x86_64 and
 * aarch64 Linux (the only platforms SG_IO exists on), not on arm64 macOS, so do not reuse it there.
 */
public final class LibcCalls implements LinuxCalls {

    /** The binding itself; loaded on first use so that merely referencing this class needs no native code. */
    interface CLib extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;
    }

    private static final class Holder {
        static final CLib C = Native.load("c", CLib.class);
    }

    private static final LibcCalls INSTANCE = new LibcCalls();

    private LibcCalls() {}

    /**
     * The process-wide instance.
     *
     * @throws UnsupportedOperationException when not on Linux (SG_IO is a Linux interface)
     */
    public static LibcCalls get() {
        if (!Platform.isLinux()) throw new UnsupportedOperationException("SG_IO needs Linux (this is " + System.getProperty("os.name") + ")");
        return INSTANCE;
    }

    @Override
    public int open(String path, int flags) throws ErrnoException {
        try {
            return Holder.C.open(path, flags);
        } catch (LastErrorException e) {
            throw new ErrnoException("open(" + path + ")", e.getErrorCode());
        }
    }

    @Override
    public void close(int fd) throws ErrnoException {
        try {
            Holder.C.close(fd);
        } catch (LastErrorException e) {
            throw new ErrnoException("close", e.getErrorCode());
        }
    }

    @Override
    public void sgIo(int fd, Pointer header) throws ErrnoException {
        try {
            Holder.C.ioctl(fd, new NativeLong(SgIoHeader.SG_IO), header);
        } catch (LastErrorException e) {
            throw new ErrnoException("ioctl(SG_IO)", e.getErrorCode());
        }
    }

    @Override
    public int sgVersion(int fd) throws ErrnoException {
        Memory version = new Memory(4);
        try {
            version.setInt(0, 0);
            Holder.C.ioctl(fd, new NativeLong(SgIoHeader.SG_GET_VERSION_NUM), version);
            return version.getInt(0);
        } catch (LastErrorException e) {
            throw new ErrnoException("ioctl(SG_GET_VERSION_NUM)", e.getErrorCode());
        } finally {
            Reference.reachabilityFence(version);
            version.close();
        }
    }
}
