package dev.clusterlab.sgio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.clusterlab.sgio.SgDeviceException.Reason;
import dev.clusterlab.sgio.linux.Errno;
import dev.clusterlab.sgio.linux.ErrnoException;
import dev.clusterlab.sgio.linux.LibcCalls;
import dev.clusterlab.sgio.linux.LinuxCalls;
import dev.clusterlab.sgio.linux.SgIoHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The real C library and kernel, on files every Linux machine has: the negative paths (notes §4.1, §5.4.5). */
@EnabledOnOs(value = OS.LINUX, disabledReason = "SG_IO is a Linux ioctl")
class LinuxSgIoTest {

    @Test
    void sgIoOnDevNullFailsWithEnotty() throws Exception {
        LinuxCalls libc = LibcCalls.get();
        int fd = libc.open("/dev/null", LinuxCalls.O_RDWR | LinuxCalls.O_CLOEXEC);
        try (Memory cdb = new Memory(6)) {
            cdb.clear();
            SgIoHeader h = new SgIoHeader();
            h.interfaceId = 'S';
            h.dxferDirection = SgIoHeader.SG_DXFER_NONE;
            h.cmdLen = 6;
            h.cmdp = cdb;
            h.timeout = 1000;
            h.write();
            assertThatThrownBy(() -> libc.sgIo(fd, h.getPointer()))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTTY));
        } finally {
            libc.close(fd);
        }
    }

    @Test
    void devNullIsNotAScsiDevice() {
        assertThatThrownBy(() -> SgDevice.open("/dev/null"))
                .isInstanceOfSatisfying(SgDeviceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_A_SCSI_DEVICE);
                    assertThat(e.errno()).isEqualTo(Errno.ENOTTY);
                })
                .hasMessageContaining("/dev/null is not a SCSI device");
    }

    @Test
    void regularFileIsNotAScsiDevice(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("disk.img"), new byte[4096]);
        assertThatThrownBy(() -> SgDevice.open(image.toString()))
                .isInstanceOfSatisfying(SgDeviceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_SCSI_DEVICE));
    }

    @Test
    void missingPathIsNoSuchDevice() {
        assertThatThrownBy(() -> SgDevice.open("/dev/sg-clusterlab-does-not-exist"))
                .isInstanceOfSatisfying(SgDeviceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_DEVICE);
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                });
    }

    @Test
    void closeOfAnUnknownDescriptorReportsEbadf() {
        assertThatThrownBy(() -> LibcCalls.get().close(987_654))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
    }

    @Test
    void devNullNodeIsSeenAsACharacterDevice() {
        assertThat(DeviceNode.of("/dev/null").kind()).isEqualTo(DeviceNode.Kind.CHARACTER_DEVICE);
        assertThat(DeviceNode.of("/dev/null").isBlockPath()).isFalse();
        assertThat(DeviceNode.of("/nonexistent/x").kind()).isEqualTo(DeviceNode.Kind.MISSING);
    }
}
