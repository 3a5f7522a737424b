package dev.clusterlab.sgio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceConnector.OpenedDevice;
import dev.clusterlab.engine.device.DeviceIdentification;
import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.iscsi.initiator.IscsiConnector;
import dev.clusterlab.sgio.FakeSgKernel.Reply;
import dev.clusterlab.sgio.sysfs.SysfsDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SgConnectorTest {
    @TempDir Path sys;

    private final FakeSgKernel kernel = new FakeSgKernel();

    private SgConnector connector() { return new SgConnector(kernel, new SysfsDevices(sys), SgDevice.Options.DEFAULT); }

    /** class/scsi_generic/sg3/device -> a 2:0:0:1 directory, as on a real kernel. */
    private void sysfsKnowsSg3OnHost2() throws Exception {
        Path lun = Files.createDirectories(sys.resolve("devices/platform/host2/target2:0:0/2:0:0:1"));
        Path sgDir = Files.createDirectories(lun.resolve("scsi_generic/sg3"));
        Files.createSymbolicLink(sgDir.resolve("device"), Path.of("../../../2:0:0:1"));
        Files.createDirectories(sys.resolve("class/scsi_generic"));
        Files.createSymbolicLink(sys.resolve("class/scsi_generic/sg3"), Path.of("../../").resolve(sys.relativize(sgDir)));
    }

    @Test
    void handlesSgUrlsOnly() {
        assertThat(connector().handles(DeviceUrl.parse("sg:///dev/sg3"))).isTrue();
        assertThat(connector().handles(DeviceUrl.parse("iscsi://127.0.0.1:3260/iqn.2026-01.lab:t1/0"))).isFalse();
    }

    @Test
    void iscsiUrlIsUnsupported() {
        assertThatThrownBy(() -> connector().open(DeviceUrl.parse("iscsi://127.0.0.1:3260/iqn.2026-01.lab:t1/0"), "iqn.x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void initiatorPortIsTheScsiHostFromSysfs() throws Exception {
        sysfsKnowsSg3OnHost2();
        kernel.device("/dev/sg3", c -> Reply.good());
        try (OpenedDevice dev = connector().open(DeviceUrl.parse("sg:///dev/sg3"), "iqn.ignored", 1)) {
            assertThat(dev.initiatorPortName()).isEqualTo("host2 (/dev/sg3)");
            assertThat(dev.describe()).contains("/dev/sg3").contains("host2");
        }
    }

    @Test
    void iscsiHostPortNameIncludesTheKernelInitiatorName() throws Exception {
        sysfsKnowsSg3OnHost2();
        Files.createDirectories(sys.resolve("class/iscsi_host/host2"));
        Files.writeString(sys.resolve("class/iscsi_host/host2/initiatorname"), "iqn.2004-10.com.ubuntu:01:abc\n");
        kernel.device("/dev/sg3", c -> Reply.good());
        try (OpenedDevice dev = connector().open(DeviceUrl.parse("sg:///dev/sg3"), "iqn.ignored", 1)) {
            assertThat(dev.initiatorPortName()).isEqualTo("host2 iqn.2004-10.com.ubuntu:01:abc (/dev/sg3)");
        }
    }

    @Test
    void deviceUnknownToSysfsGetsAGenericPortName() throws Exception {
        kernel.device("/dev/sg3", c -> Reply.good());
        try (OpenedDevice dev = connector().open(DeviceUrl.parse("sg:///dev/sg3"), "iqn.ignored", 1)) {
            assertThat(dev.initiatorPortName()).isEqualTo("local SCSI port (/dev/sg3)");
        }
    }

    @Test
    void openFailureIsTheTypedIoException() {
        assertThatThrownBy(() -> connector().open(DeviceUrl.parse("sg:///dev/sg42"), "iqn.x", 1))
                .isInstanceOfSatisfying(SgDeviceException.class,
                        e -> assertThat(e.reason()).isEqualTo(SgDeviceException.Reason.NO_SUCH_DEVICE));
    }

    @Test
    void firstOfRoutesSgUrlsToThisConnector() throws Exception {
        kernel.device("/dev/sg3", c -> Reply.good());
        DeviceConnector all = DeviceConnector.firstOf(new IscsiConnector(), connector());
        try (OpenedDevice dev = all.open(DeviceUrl.parse("/dev/sg3"), "iqn.x", 1)) {
            assertThat(dev).isInstanceOf(SgDevice.class);
        }
    }

    @Test
    void deviceIdentificationReadsVpd83ThroughSgIo() throws Exception {
        byte[] naa = HexFormat.of().parseHex("6001405a1b2c3d4e5f60718293a4b5c6");
        byte[] page = new byte[4 + 4 + 16];
        page[1] = (byte) 0x83;
        page[3] = 20;
        page[4] = 1;
        page[5] = 3;
        page[7] = 16;
        System.arraycopy(naa, 0, page, 8, 16);
        kernel.device("/dev/sg3", c -> c.cdb()[0] == 0x12 && (c.cdb()[1] & 1) == 1 && (c.cdb()[2] & 0xFF) == 0x83
                ? Reply.good(page) : Reply.checkCondition(new byte[] {0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0, 0, 0, 0, 0}));
        try (OpenedDevice dev = connector().open(DeviceUrl.parse("sg:///dev/sg3"), "iqn.x", 1)) {
            assertThat(DeviceIdentification.read(dev).name()).isEqualTo("naa.6001405a1b2c3d4e5f60718293a4b5c6");
        }
    }
}
