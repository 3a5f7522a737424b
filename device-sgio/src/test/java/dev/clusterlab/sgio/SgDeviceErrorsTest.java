package dev.clusterlab.sgio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.sgio.FakeSgKernel.Reply;
import dev.clusterlab.sgio.SgDeviceException.Reason;
import dev.clusterlab.sgio.linux.Errno;
import dev.clusterlab.sgio.linux.LinuxCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening devices and errno from SG_IO become typed errors whose messages say what to do (notes §4.2, §4.4). */
class SgDeviceErrorsTest {
    private final FakeSgKernel kernel = new FakeSgKernel();

    private SgDeviceException openFails(String path, SgDevice.Options options) {
        try {
            SgDevice.open(kernel, path, options, null).close();
        } catch (SgDeviceException e) {
            return e;
        }
        throw new AssertionError("open(" + path + ") succeeded");
    }

    private SgIoctlException commandFails(String path, SgDevice.Options options, ScsiRequest request) throws SgDeviceException {
        try (SgDevice dev = SgDevice.open(kernel, path, options, null)) {
            dev.execute(request);
        } catch (SgIoctlException e) {
            return e;
        }
        throw new AssertionError("command succeeded");
    }

    @Test
    void opensReadWriteNonBlockingByDefault() throws Exception {
        kernel.device("/dev/sg1", c -> Reply.good());
        try (SgDevice dev = SgDevice.open(kernel, "/dev/sg1", SgDevice.Options.DEFAULT, null)) {
            assertThat(kernel.lastOpenFlags() & 3).isEqualTo(LinuxCalls.O_RDWR);
            assertThat(kernel.lastOpenFlags() & LinuxCalls.O_NONBLOCK).isNotZero();
            assertThat(kernel.lastOpenFlags() & LinuxCalls.O_EXCL).isZero();
            assertThat(dev.sgVersion()).isEqualTo(FakeSgKernel.SG_VERSION);
        }
    }

    @Test
    void readOnlyOptionOpensORdonly() throws Exception {
        kernel.device("/dev/sg1", c -> Reply.good());
        try (SgDevice dev = SgDevice.open(kernel, "/dev/sg1", SgDevice.Options.DEFAULT.readOnly(), null)) {
            assertThat(kernel.lastOpenFlags() & 3).isEqualTo(LinuxCalls.O_RDONLY);
            assertThat(dev.options().readWrite()).isFalse();
        }
    }

    @Test
    void exclusiveWithoutReadWriteIsRefused() {
        assertThatThrownBy(() -> new SgDevice.Options(false, true, SgDevice.DEFAULT_TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingNodeIsNoSuchDevice() {
        SgDeviceException e = openFails("/dev/sg99", SgDevice.Options.DEFAULT);
        assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_DEVICE);
        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
        assertThat(e).hasMessageContaining("/dev/sg99").hasMessageContaining("no such device").hasMessageContaining("clusterlab devices");
    }

    @Test
    void accessDeniedNamesTheNodesOwnerAndModeAndWhatToDo(@TempDir Path dir) throws Exception {
        Path node = Files.createFile(dir.resolve("sg5"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String path = node.toString();
        kernel.openFails(path, Errno.EACCES);
        String owner = Files.getOwner(node).getName();
        SgDeviceException e = openFails(path, SgDevice.Options.DEFAULT);
        assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
        assertThat(e).hasMessageContaining("permission denied").hasMessageContaining("read-write")
                .hasMessageContaining("owned by " + owner + ":").hasMessageContaining("mode rw-------")
                .hasMessageContaining("usermod -aG");
    }

    @Test
    void epermOnOpenIsPermissionDeniedAndMentionsTheContainerDeviceCgroup() {
        kernel.openFails("/dev/sg4", Errno.EPERM);
        SgDeviceException e = openFails("/dev/sg4", SgDevice.Options.DEFAULT);
        assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
        assertThat(e).hasMessageContaining("EPERM").hasMessageContaining("cgroup");
    }

    @Test
    void nodeWithoutADeviceIsDeviceGone() {
        kernel.openFails("/dev/sg4", Errno.ENXIO);
        assertThat(openFails("/dev/sg4", SgDevice.Options.DEFAULT).reason()).isEqualTo(Reason.DEVICE_GONE);
    }

    @Test
    void exclusivelyHeldDeviceIsBusy() {
        kernel.openFails("/dev/sg4", Errno.EBUSY);
        assertThat(openFails("/dev/sg4", SgDevice.Options.DEFAULT).reason()).isEqualTo(Reason.DEVICE_BUSY);
    }

    @Test
    void fileThatRefusesTheSgProbeIsNotAScsiDeviceAndIsClosedAgain() {
        kernel.plainFile("/tmp/disk.img");
        SgDeviceException e = openFails("/tmp/disk.img", SgDevice.Options.DEFAULT);
        assertThat(e.reason()).isEqualTo(Reason.NOT_A_SCSI_DEVICE);
        assertThat(e).hasMessageContaining("/tmp/disk.img is not a SCSI device").hasMessageContaining("ENOTTY");
        assertThat(kernel.openCount()).isZero();
    }

    @Test
    @DisplayName("sg.c: a read-only sg descriptor is filtered; EPERM says to open it read-write")
    void commandFilterOnReadOnlySgSaysOpenReadWrite() throws Exception {
        kernel.device("/dev/sg3", c -> Reply.errno(Errno.EPERM));
        SgIoctlException e = commandFails("/dev/sg3", SgDevice.Options.DEFAULT.readOnly(),
                ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8192), 8192));
        assertThat(e.reason()).isEqualTo(Reason.COMMAND_NOT_PERMITTED);
        assertThat(e).hasMessageContaining("5Eh PERSISTENT RESERVE IN").hasMessageContaining("read-only")
                .hasMessageContaining("read-write");
    }

    @Test
    @DisplayName("scsi_ioctl.c: the block path filters PR without CAP_SYS_RAWIO; EPERM says so")
    void commandFilterOnBlockPathSaysCapSysRawio() throws Exception {
        kernel.device("/dev/sdq", c -> Reply.errno(Errno.EPERM));
        SgIoctlException e = commandFails("/dev/sdq", SgDevice.Options.DEFAULT,
                ScsiRequest.noData(Cdbs.persistentReserveOut(0, 0, 0, 0)));
        assertThat(e.reason()).isEqualTo(Reason.COMMAND_NOT_PERMITTED);
        assertThat(e).hasMessageContaining("CAP_SYS_RAWIO").hasMessageContaining("/dev/sgN");
    }

    @Test
    void enottyFromSgIoIsNotAScsiDevice() throws Exception {
        kernel.device("/dev/sg3", c -> Reply.errno(Errno.ENOTTY));
        SgIoctlException e = commandFails("/dev/sg3", SgDevice.Options.DEFAULT, ScsiRequest.noData(Cdbs.testUnitReady()));
        assertThat(e.reason()).isEqualTo(Reason.NOT_A_SCSI_DEVICE);
        assertThat(e.errno()).isEqualTo(Errno.ENOTTY);
    }

    @Test
    void cdbShorterThanSixBytesIsRejectedByTheKernelWithEmsgsize() throws Exception {
        kernel.device("/dev/sg3", c -> Reply.good());
        SgIoctlException e = commandFails("/dev/sg3", SgDevice.Options.DEFAULT, ScsiRequest.noData(new byte[4]));
        assertThat(e.reason()).isEqualTo(Reason.REQUEST_REJECTED);
        assertThat(e).hasMessageContaining("EMSGSIZE").hasMessageContaining("4 bytes");
    }

    @Test
    void deviceRemovedDuringACommandIsDeviceGone() throws Exception {
        kernel.device("/dev/sg3", c -> Reply.errno(Errno.ENODEV));
        assertThat(commandFails("/dev/sg3", SgDevice.Options.DEFAULT, ScsiRequest.noData(Cdbs.testUnitReady())).reason())
                .isEqualTo(Reason.DEVICE_GONE);
    }

    @Test
    void closedDeviceRefusesCommandsWithoutCallingTheKernel() throws Exception {
        kernel.device("/dev/sg3", c -> Reply.good());
        SgDevice dev = SgDevice.open(kernel, "/dev/sg3", SgDevice.Options.DEFAULT, null);
        dev.close();
        assertThatThrownBy(() -> dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                .isInstanceOfSatisfying(SgIoctlException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DEVICE_GONE));
        assertThat(kernel.commands).isEmpty();
    }

    @Test
    void closingTwiceClosesTheDescriptorOnce() throws Exception {
        kernel.device("/dev/sg3", c -> Reply.good());
        SgDevice dev = SgDevice.open(kernel, "/dev/sg3", SgDevice.Options.DEFAULT, null);
        dev.close();
        dev.close();
        assertThat(kernel.closed).hasSize(1);
    }
}
