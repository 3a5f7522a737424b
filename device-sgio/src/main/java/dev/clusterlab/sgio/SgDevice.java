package dev.clusterlab.sgio;

import com.sun.jna.Memory;
import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.scsi.OpcodeNames;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.sgio.linux.Errno;
import dev.clusterlab.sgio.linux.ErrnoException;
import dev.clusterlab.sgio.linux.LibcCalls;
import dev.clusterlab.sgio.linux.LinuxCalls;
import dev.clusterlab.sgio.linux.SgIoHeader;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A local SCSI device ({@code /dev/sgN} or {@code /dev/sdX}) driven through the Linux SG_IO v3
 * ioctl. The I_T nexus is the host's: every process that opens the same node speaks through the same
 * initiator port.
 *
 * <p><b>Threading.</b> Safe to share between threads; commands on one device run one at a time,
 * in arrival order (a fair lock). SG_IO is synchronous: the calling thread blocks in the kernel until
 * the device answers or the command's timeout expires, and Java interruption cannot shorten that (the
 * midlayer aborts the command at the timeout, which can disturb other users of the LU). Callers that
 * must not block should run {@link #execute} on a dedicated executor. {@link #close} waits for the
 * command in flight.
 *
 * <p><b>Results</b> (sg(4), drivers/scsi/scsi_ioctl.c): ioctl failing is a setup error and throws
 * {@link SgIoctlException}; a host_status other than DID_OK, or DRIVER_TIMEOUT, throws {@link
 * SgTransportException}; otherwise the SAM status byte, the sense bytes (fixed or descriptor format,
 * SPC-4 §4.5) and the residual become the {@link ScsiResponse}. Sense returned with a status other
 * than CHECK CONDITION is dropped, since the engine's response carries sense only with CHECK CONDITION.
 */
public final class SgDevice implements DeviceConnector.OpenedDevice {
    /** sg3_utils' default (lib/sg_pt_linux.c DEF_TIMEOUT). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The SCSI midlayer keeps at most 96 sense bytes (SCSI_SENSE_BUFFERSIZE), so a larger buffer gains nothing. */
    public static final int SENSE_CAPACITY = 96;

    private static final byte[] NONE = new byte[0];

    /**
     * How to open the node.
     *
     * @param readWrite O_RDWR (the default): on /dev/sgN the kernel's command filter then does not apply,
     *     which PERSISTENT RESERVE IN/OUT need unless the process has CAP_SYS_RAWIO (sg.c)
     * @param exclusive O_EXCL: no other process may open the sg node meanwhile (needs readWrite)
     * @param timeout per-command timeout, 1 ms to Integer.MAX_VALUE ms
     */
    public record Options(boolean readWrite, boolean exclusive, Duration timeout) {
        public static final Options DEFAULT = new Options(true, false, DEFAULT_TIMEOUT);

        public Options {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
            if (exclusive && !readWrite) throw new IllegalArgumentException("O_EXCL on an sg node needs read-write (sg.c refuses it with EPERM)");
        }

        public Options withTimeout(Duration t) { return new Options(readWrite, exclusive, t); }

        public Options readOnly() { return new Options(false, false, timeout); }

        int timeoutMillis() {
            long ms = Math.max(1, timeout.toMillis());
            return (int) Math.min(ms, Integer.MAX_VALUE);
        }

        int openFlags() {
            return (readWrite ? LinuxCalls.O_RDWR : LinuxCalls.O_RDONLY) | LinuxCalls.O_NONBLOCK | LinuxCalls.O_CLOEXEC
                    | (exclusive ? LinuxCalls.O_EXCL : 0);
        }
    }

    private final LinuxCalls calls;
    private final int fd;
    private final DeviceNode node;
    private final Options options;
    private final int sgVersion;
    private final String initiatorPortName;
    private final ReentrantLock lock = new ReentrantLock(true);
    private boolean closed;

    private SgDevice(LinuxCalls calls, int fd, DeviceNode node, Options options, int sgVersion, String initiatorPortName) {
        this.calls = calls;
        this.fd = fd;
        this.node = node;
        this.options = options;
        this.sgVersion = sgVersion;
        this.initiatorPortName = initiatorPortName;
    }

    /** Opens {@code path} with the default options through the C library. */
    public static SgDevice open(String path) throws SgDeviceException {
        return open(libc(path), path, Options.DEFAULT, null);
    }

    /**
     * Opens {@code path} and checks, with SG_GET_VERSION_NUM, that it accepts SG_IO at all; closes it
     * again if not.
     *
     * @param initiatorPortName what {@link #initiatorPortName()} reports; null for "local SCSI port (path)"
     * @throws SgDeviceException saying what failed: missing node, permission (with owner and mode), not a SCSI device
     */
    public static SgDevice open(LinuxCalls calls, String path, Options options, String initiatorPortName) throws SgDeviceException {
        DeviceNode node = DeviceNode.of(path);
        int fd;
        try {
            fd = calls.open(path, options.openFlags());
        } catch (ErrnoException e) {
            throw SgErrors.atOpen(node, options.readWrite(), e.errno());
        }
        int version;
        try {
            version = calls.sgVersion(fd);
        } catch (ErrnoException e) {
            closeQuietly(calls, fd);
            throw SgErrors.atProbe(node, e.errno());
        }
        String port = initiatorPortName != null ? initiatorPortName : "local SCSI port (" + path + ")";
        return new SgDevice(calls, fd, node, options, version, port);
    }

    /** The C library binding, or a NATIVE_UNAVAILABLE error saying why there is none. */
    static LinuxCalls libc(String path) throws SgDeviceException {
        try {
            return LibcCalls.get();
        } catch (UnsupportedOperationException | LinkageError e) {
            throw new SgDeviceException(SgDeviceException.Reason.NATIVE_UNAVAILABLE, path, 0,
                    path + ": SG_IO is not available here: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(LinuxCalls calls, int fd) {
        try {
            calls.close(fd);
        } catch (ErrnoException ignored) {
            // Nothing useful to do: the descriptor is gone either way (close(2) never leaves it open on Linux).
        }
    }

    @Override
    public ScsiResponse execute(ScsiRequest request) {
        lock.lock();
        try {
            if (closed) {
                throw new SgIoctlException(new SgDeviceException(SgDeviceException.Reason.DEVICE_GONE, node.path(), Errno.EBADF,
                        node.path() + ": the device is closed"));
            }
            return run(request);
        } finally {
            lock.unlock();
        }
    }

    private ScsiResponse run(ScsiRequest request) {
        byte[] cdb = request.cdb();
        byte[] out = request.dataOut();
        int inCapacity = request.dataInCapacity();
        if (cdb.length == 0 || cdb.length > 255) throw new IllegalArgumentException("CDB length " + cdb.length + " does not fit sg_io_hdr.cmd_len");
        if (out.length > 0 && inCapacity > 0)
            throw new IllegalArgumentException("SG_IO v3 moves data in one direction only; this request has data-out and data-in");
        int direction = out.length > 0 ? SgIoHeader.SG_DXFER_TO_DEV : inCapacity > 0 ? SgIoHeader.SG_DXFER_FROM_DEV : SgIoHeader.SG_DXFER_NONE;
        int length = Math.max(out.length, inCapacity);

        Memory cdbBuffer = new Memory(cdb.length);
        Memory data = length > 0 ? new Memory(length) : null; // new Memory(0) throws; NONE takes a null dxferp
        Memory sense = new Memory(SENSE_CAPACITY);
        SgIoHeader header = new SgIoHeader();
        try {
            cdbBuffer.write(0, cdb, 0, cdb.length);
            if (direction == SgIoHeader.SG_DXFER_TO_DEV) data.write(0, out, 0, out.length);
            else if (data != null) data.clear(); // not zeroed by JNA; the device may fill only part of it
            sense.clear();
            header.interfaceId = SgIoHeader.INTERFACE_ID_S;
            header.dxferDirection = direction;
            header.cmdLen = (byte) cdb.length;
            header.mxSbLen = (byte) SENSE_CAPACITY;
            header.dxferLen = length;
            header.dxferp = data;
            header.cmdp = cdbBuffer;
            header.sbp = sense;
            header.timeout = options.timeoutMillis();
            header.write();
            try {
                calls.sgIo(fd, header.getPointer());
            } catch (ErrnoException e) {
                throw new SgIoctlException(SgErrors.atCommand(node, options.readWrite(), cdb, e.errno()));
            }
            header.read();
            return interpret(header, cdb, direction, length, data, sense);
        } finally {
            // The header holds only the buffers' addresses: without these fences the collector could free
            // a buffer while the kernel is still writing into it (JNA issue #664).
            Reference.reachabilityFence(header);
            Reference.reachabilityFence(cdbBuffer);
            Reference.reachabilityFence(data);
            Reference.reachabilityFence(sense);
            cdbBuffer.close();
            if (data != null) data.close();
            sense.close();
        }
    }

    /** sg(4) and sg3_utils' sg_err_category: host status first, then driver status, then the SAM status byte. */
    private ScsiResponse interpret(SgIoHeader h, byte[] cdb, int direction, int length, Memory data, Memory sense) {
        int host = h.hostStatusUnsigned();
        int driver = h.driverStatusUnsigned();
        int driverCode = driver & SgResultCodes.DRIVER_MASK;
        if (host != SgResultCodes.DID_OK) {
            throw transport(SgTransportException.Reason.HOST_STATUS, host, driver, cdb, "host_status " + SgResultCodes.hostStatusName(host));
        }
        if (driverCode == SgResultCodes.DRIVER_TIMEOUT) {
            throw transport(SgTransportException.Reason.TIMEOUT, host, driver, cdb, "driver_status "
                    + SgResultCodes.driverStatusName(driver) + " after " + options.timeoutMillis() + " ms");
        }
        ScsiStatus status = statusOf(h.statusUnsigned());
        if (status == null) {
            throw transport(SgTransportException.Reason.UNKNOWN_STATUS, host, driver, cdb,
                    "status byte 0x" + Integer.toHexString(h.statusUnsigned()) + ", which SAM-5 does not define");
        }
        int senseLength = Math.min(h.sbLenWrUnsigned(), SENSE_CAPACITY);
        int transferred = length - Math.max(0, Math.min(h.resid, length)); // resid is dxfer_len minus what moved
        int residual = direction == SgIoHeader.SG_DXFER_FROM_DEV ? length - transferred : 0;
        if (status == ScsiStatus.CHECK_CONDITION) {
            if (senseLength == 0) {
                throw transport(SgTransportException.Reason.SENSE_MISSING, host, driver, cdb,
                        "CHECK CONDITION without sense data (sb_len_wr 0, driver_status " + SgResultCodes.driverStatusName(driver) + ")");
            }
            byte[] senseBytes = sense.getByteArray(0, senseLength);
            SenseData decoded = SenseCodec.decode(senseBytes, senseLength);
            if (decoded == null) {
                throw transport(SgTransportException.Reason.SENSE_MISSING, host, driver, cdb,
                        "CHECK CONDITION with sense data in no known format (response code 0x"
                                + Integer.toHexString(senseBytes[0] & 0x7F) + ", SPC-4 §4.5.1)");
            }
            return new ScsiResponse(ScsiStatus.CHECK_CONDITION, NONE, decoded, residual);
        }
        if (status == ScsiStatus.GOOD && driverCode != SgResultCodes.DRIVER_OK && driverCode != SgResultCodes.DRIVER_SENSE) {
            // GOOD with a driver error: the data cannot be trusted, so do not report success.
            throw transport(SgTransportException.Reason.DRIVER_STATUS, host, driver, cdb, "driver_status " + SgResultCodes.driverStatusName(driver));
        }
        byte[] dataIn = direction == SgIoHeader.SG_DXFER_FROM_DEV && transferred > 0 ? data.getByteArray(0, transferred) : NONE;
        return new ScsiResponse(status, dataIn, null, residual);
    }

    private static ScsiStatus statusOf(int code) {
        for (ScsiStatus s : ScsiStatus.values()) if (s.code() == code) return s;
        return null;
    }

    private SgTransportException transport(SgTransportException.Reason reason, int host, int driver, byte[] cdb, String what) {
        return new SgTransportException(reason, host, driver, node.path() + ": " + OpcodeNames.name(cdb)
                + " failed in transport: " + what);
    }

    /** The path this device was opened with. */
    public String path() { return node.path(); }

    /** The sg driver version the probe reported (e.g. 30536 for 3.5.36). */
    public int sgVersion() { return sgVersion; }

    public Options options() { return options; }

    @Override
    public String describe() { return "sg://" + node.path() + " via " + initiatorPortName; }

    @Override
    public String initiatorPortName() { return initiatorPortName; }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            closeQuietly(calls, fd);
        } finally {
            lock.unlock();
        }
    }
}
