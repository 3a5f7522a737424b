package dev.clusterlab.sgio;

import com.sun.jna.Pointer;
import dev.clusterlab.sgio.linux.Errno;
import dev.clusterlab.sgio.linux.ErrnoException;
import dev.clusterlab.sgio.linux.LinuxCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake kernel for {@link LinuxCalls}: it receives the real native {@code sg_io_hdr} and handles it
 * as drivers/scsi/sg.c and scsi_ioctl.c do — reads the header by the C offsets (not through the Java
 * structure, so a layout mistake shows), validates it, reads the CDB through {@code cmdp} and data-out
 * through {@code dxferp}, then writes data-in, sense and the output fields into native memory.
 */
final class FakeSgKernel implements LinuxCalls {
    static final int SG_VERSION = 30536;

    /** The command as the fake kernel decoded it from native memory. */
    record Command(byte[] cdb, int direction, int dxferLen, byte[] dataOut, int timeoutMs, int mxSbLen, int cmdLen,
                   int openFlags) {}

    /**
     * What the "device" answers. {@code driver} -1 means as the kernel sets it (DRIVER_SENSE when sense
     * was written); {@code resid} null means dxfer_len minus the data-in bytes written.
     */
    record Reply(int status, byte[] data, byte[] sense, int host, int driver, Integer resid, int errno) {
        static Reply good() { return new Reply(0, new byte[0], new byte[0], 0, -1, null, 0); }
        static Reply good(byte[] data) { return new Reply(0, data, new byte[0], 0, -1, null, 0); }
        static Reply status(int status) { return new Reply(status, new byte[0], new byte[0], 0, -1, null, 0); }
        static Reply checkCondition(byte[] sense) { return new Reply(2, new byte[0], sense, 0, -1, null, 0); }
        static Reply host(int host) { return new Reply(0, new byte[0], new byte[0], host, -1, null, 0); }
        static Reply errno(int errno) { return new Reply(0, new byte[0], new byte[0], 0, -1, null, errno); }
        Reply driver(int d) { return new Reply(status, data, sense, host, d, resid, errno); }
        Reply resid(int r) { return new Reply(status, data, sense, host, driver, r, errno); }
    }

    private final Map<String, Function<Command, Reply>> scsiDevices = new HashMap<>();
    private final Map<String, Integer> openErrors = new HashMap<>();
    private final Map<String, Boolean> plainFiles = new HashMap<>();
    private final Map<Integer, String> open = new HashMap<>();
    private final Map<Integer, Integer> flagsByFd = new HashMap<>();
    final List<Command> commands = new ArrayList<>();
    final List<Integer> closed = new ArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    volatile int maxInFlight;
    /** Runs after the fake has read the request and before it writes the answer (GC stress, timing). */
    volatile Runnable betweenReadAndWrite = () -> {};
    private int nextFd = 3;

    FakeSgKernel device(String path, Function<Command, Reply> device) { scsiDevices.put(path, device); return this; }

    FakeSgKernel plainFile(String path) { plainFiles.put(path, true); return this; }

    FakeSgKernel openFails(String path, int errno) { openErrors.put(path, errno); return this; }

    synchronized int lastOpenFlags() { return flagsByFd.get(nextFd - 1); }

    synchronized boolean isOpen(int fd) { return open.containsKey(fd); }

    synchronized int openCount() { return open.size(); }

    @Override
    public synchronized int open(String path, int flags) throws ErrnoException {
        Integer err = openErrors.get(path);
        if (err != null) throw new ErrnoException("open(" + path + ")", err);
        if (!scsiDevices.containsKey(path) && !plainFiles.containsKey(path)) throw new ErrnoException("open(" + path + ")", Errno.ENOENT);
        int fd = nextFd++;
        open.put(fd, path);
        flagsByFd.put(fd, flags);
        return fd;
    }

    @Override
    public synchronized void close(int fd) throws ErrnoException {
        if (open.remove(fd) == null) throw new ErrnoException("close", Errno.EBADF);
        closed.add(fd);
    }

    @Override
    public int sgVersion(int fd) throws ErrnoException {
        String path = pathOf(fd, "ioctl(SG_GET_VERSION_NUM)");
        if (!scsiDevices.containsKey(path)) throw new ErrnoException("ioctl(SG_GET_VERSION_NUM)", Errno.ENOTTY);
        return SG_VERSION;
    }

    private synchronized String pathOf(int fd, String call) throws ErrnoException {
        String path = open.get(fd);
        if (path == null) throw new ErrnoException(call, Errno.EBADF);
        return path;
    }

    @Override
    public void sgIo(int fd, Pointer h) throws ErrnoException {
        String path = pathOf(fd, "ioctl(SG_IO)");
        Function<Command, Reply> device = scsiDevices.get(path);
        if (device == null) throw new ErrnoException("ioctl(SG_IO)", Errno.ENOTTY);
        int now = inFlight.incrementAndGet();
        maxInFlight = Math.max(maxInFlight, now);
        try {
            handle(h, device, flagsOf(fd));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private synchronized int flagsOf(int fd) { return flagsByFd.get(fd); }

    private void handle(Pointer h, Function<Command, Reply> device, int openFlags) throws ErrnoException {
        // Offsets of struct sg_io_hdr on x86_64 (reference notes §4.1).
        if (h.getInt(0) != 'S') throw new ErrnoException("ioctl(SG_IO)", Errno.ENOSYS);
        int direction = h.getInt(4);
        int cmdLen = h.getByte(8) & 0xFF;
        int mxSbLen = h.getByte(9) & 0xFF;
        int iovecCount = h.getShort(10) & 0xFFFF;
        int dxferLen = h.getInt(12);
        Pointer dxferp = h.getPointer(16);
        Pointer cmdp = h.getPointer(24);
        Pointer sbp = h.getPointer(32);
        int timeout = h.getInt(40);
        if (direction < -4 || direction > -1) throw new ErrnoException("ioctl(SG_IO)", Errno.EINVAL);
        if (cmdLen < 6) throw new ErrnoException("ioctl(SG_IO)", Errno.EMSGSIZE);
        if (iovecCount != 0 || cmdp == null) throw new ErrnoException("ioctl(SG_IO)", Errno.EFAULT);
        if (dxferLen != 0 && dxferp == null) throw new ErrnoException("ioctl(SG_IO)", Errno.EFAULT);
        if (direction == -1 && (dxferLen != 0 || dxferp != null)) throw new ErrnoException("ioctl(SG_IO)", Errno.EINVAL);
        if (mxSbLen > 0 && sbp == null) throw new ErrnoException("ioctl(SG_IO)", Errno.EFAULT);
        byte[] cdb = cmdp.getByteArray(0, cmdLen);
        byte[] dataOut = direction == -2 ? dxferp.getByteArray(0, dxferLen) : null;
        Command command = new Command(cdb, direction, dxferLen, dataOut, timeout, mxSbLen, cmdLen, openFlags);
        synchronized (this) {
            commands.add(command);
        }
        Reply reply = device.apply(command);
        if (reply.errno() != 0) throw new ErrnoException("ioctl(SG_IO)", reply.errno());
        betweenReadAndWrite.run();

        int written = 0;
        if (direction == -3 && dxferLen > 0) {
            written = Math.min(reply.data().length, dxferLen);
            dxferp.write(0, reply.data(), 0, written);
        } else if (direction == -2) {
            written = dxferLen;
        }
        int senseLen = Math.min(reply.sense().length, mxSbLen);
        if (senseLen > 0) sbp.write(0, reply.sense(), 0, senseLen);
        int driver = reply.driver() >= 0 ? reply.driver() : senseLen > 0 ? 0x08 : 0;
        h.setByte(64, (byte) reply.status());
        h.setByte(65, (byte) ((reply.status() >> 1) & 0x7F));
        h.setByte(66, (byte) 0);
        h.setByte(67, (byte) senseLen);
        h.setShort(68, (short) reply.host());
        h.setShort(70, (short) driver);
        h.setInt(72, reply.resid() != null ? reply.resid() : dxferLen - written);
        h.setInt(76, 1);
        boolean abnormal = reply.status() != 0 || reply.host() != 0 || driver != 0;
        h.setInt(80, abnormal ? 1 : 0);
    }
}
