package dev.clusterlab.sgio;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.OpcodeNames;
import dev.clusterlab.sgio.SgDeviceException.Reason;
import dev.clusterlab.sgio.linux.Errno;

/**
 * Turns an errno into a {@link SgDeviceException} whose message says what happened and what to do.
 * The kernel facts behind the advice (drivers/scsi/sg.c, drivers/scsi/scsi_ioctl.c):
 * <ul>
 *   <li>{@code /dev/sgN} applies the SCSI command filter only to file descriptors not opened O_RDWR;
 *       opened read-write it passes every CDB, PERSISTENT RESERVE IN/OUT included.</li>
 *   <li>{@code /dev/sdX} always filters: without CAP_SYS_RAWIO only read-class commands (and
 *       write-class ones on a writable descriptor) pass; PERSISTENT RESERVE IN/OUT are refused with EPERM.</li>
 *   <li>A file that is not a SCSI device (or a partition) answers SG_IO with ENOTTY.</li>
 * </ul>
 */
public final class SgErrors {
    private SgErrors() {}

    /** open(2) failed. */
    public static SgDeviceException atOpen(DeviceNode node, boolean readWrite, int errno) {
        String path = node.path();
        String how = readWrite ? "read-write" : "read-only";
        String e = Errno.name(errno);
        return switch (errno) {
            case Errno.ENOENT -> new SgDeviceException(Reason.NO_SUCH_DEVICE, path, errno, path + ": no such device ("
                    + e + "). Check the name with `clusterlab devices`; /dev/sgN nodes exist only when the sg module is loaded (modprobe sg).");
            case Errno.EACCES, Errno.EPERM, Errno.EROFS -> new SgDeviceException(Reason.PERMISSION_DENIED, path, errno, path
                    + ": permission denied opening it " + how + " (" + e + "); the node is " + node.ownershipText() + ". "
                    + permissionAdvice(node, errno));
            case Errno.ENXIO, Errno.ENODEV -> new SgDeviceException(Reason.DEVICE_GONE, path, errno, path
                    + ": the node exists but no device is behind it (" + e + "): the device was removed or its driver is not loaded.");
            case Errno.EBUSY, Errno.EAGAIN -> new SgDeviceException(Reason.DEVICE_BUSY, path, errno, path + ": busy (" + e
                    + "): another program holds it open exclusively (O_EXCL).");
            default -> new SgDeviceException(Reason.OTHER, path, errno, path + ": cannot open it " + how + " (" + e + ").");
        };
    }

    private static String permissionAdvice(DeviceNode node, int errno) {
        String group = node.group() != null && !"root".equals(node.group()) ? "group '" + node.group() + "'" : "the node's group";
        String advice = "Run as root, or as a member of " + group + " (sudo usermod -aG " + (node.group() != null ? node.group() : "disk")
                + " $USER, then log in again), or grant access with a udev rule.";
        if (errno == Errno.EPERM) {
            advice += " EPERM on open usually means a container's device cgroup does not allow this device, or O_EXCL was asked for without read-write.";
        }
        if (errno == Errno.EROFS) advice = "The device is write-protected; open it read-only.";
        return advice;
    }

    /** The SG_GET_VERSION_NUM probe right after open failed. */
    public static SgDeviceException atProbe(DeviceNode node, int errno) {
        if (errno == Errno.ENOTTY || errno == Errno.EINVAL) return notScsi(node, errno);
        return new SgDeviceException(Reason.OTHER, node.path(), errno, node.path() + ": the SG_IO driver did not answer (" + Errno.name(errno) + ").");
    }

    /** ioctl(SG_IO) returned -1 for {@code cdb}. */
    public static SgDeviceException atCommand(DeviceNode node, boolean readWrite, byte[] cdb, int errno) {
        String path = node.path();
        String command = commandName(cdb);
        String e = Errno.name(errno);
        return switch (errno) {
            case Errno.ENOTTY -> notScsi(node, errno);
            case Errno.EPERM, Errno.EACCES -> new SgDeviceException(Reason.COMMAND_NOT_PERMITTED, path, errno,
                    path + ": the kernel's SCSI command filter refused " + command + " (" + e + "). " + filterAdvice(node, readWrite));
            case Errno.ENODEV, Errno.ENXIO -> new SgDeviceException(Reason.DEVICE_GONE, path, errno, path
                    + ": the device went away (" + e + ") while sending " + command + ".");
            case Errno.EBUSY, Errno.EAGAIN, Errno.EDOM -> new SgDeviceException(Reason.DEVICE_BUSY, path, errno, path
                    + ": the device is busy (" + e + "); " + command + " was not sent.");
            case Errno.EINVAL, Errno.EMSGSIZE, Errno.ENOSYS, Errno.EIO, Errno.EFAULT, Errno.ENOMEM, Errno.EOVERFLOW ->
                    new SgDeviceException(Reason.REQUEST_REJECTED, path, errno, path + ": the kernel rejected the SG_IO request for "
                            + command + " (" + e + rejectionHint(errno, cdb) + ").");
            default -> new SgDeviceException(Reason.OTHER, path, errno, path + ": SG_IO failed for " + command + " (" + e + ").");
        };
    }

    private static String filterAdvice(DeviceNode node, boolean readWrite) {
        if (node.isBlockPath()) {
            return "Through a block device (/dev/sdX) only read-class commands pass without CAP_SYS_RAWIO; use the matching "
                    + "/dev/sgN node (opened read-write), or run with CAP_SYS_RAWIO.";
        }
        if (!readWrite) {
            return "The descriptor was opened read-only, so the filter applies; open /dev/sgN read-write (the default) "
                    + "to send any command, PERSISTENT RESERVE included.";
        }
        return "Run with CAP_SYS_RAWIO, or check for a security module (SELinux, AppArmor) or container policy blocking SG_IO.";
    }

    private static String rejectionHint(int errno, byte[] cdb) {
        return switch (errno) {
            case Errno.EMSGSIZE -> ": a CDB of " + cdb.length + " bytes is outside what the driver accepts";
            case Errno.EIO -> ": the transfer may exceed the device queue's maximum";
            case Errno.ENOMEM -> ": the kernel could not allocate the transfer buffer";
            default -> "";
        };
    }

    private static SgDeviceException notScsi(DeviceNode node, int errno) {
        return new SgDeviceException(Reason.NOT_A_SCSI_DEVICE, node.path(), errno, node.path()
                + " is not a SCSI device: the kernel does not accept SG_IO on it (" + Errno.name(errno)
                + "). Use a /dev/sgN node or a whole-disk /dev/sdX node (not a partition); `clusterlab devices` lists them.");
    }

    private static String commandName(byte[] cdb) {
        if (cdb.length == 0) return "an empty CDB";
        return Bytes.hexByte(cdb[0] & 0xFF) + "h " + OpcodeNames.name(cdb);
    }
}
