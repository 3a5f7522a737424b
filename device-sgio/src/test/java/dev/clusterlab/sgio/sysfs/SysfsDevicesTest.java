package dev.clusterlab.sgio.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery from a sysfs tree (drivers/scsi/scsi_sysfs.c layout; notes §4.6). */
class SysfsDevicesTest {
    private static final byte[] NAA_A = HexFormat.of().parseHex("6001405a1b2c3d4e5f60718293a4b5c6");
    private static final byte[] NAA_B = HexFormat.of().parseHex("6001405fffeeeeddddccccbbbbaaaa99");

    @TempDir Path root;
    private FakeSysfs sys;

    @BeforeEach
    void tree() { sys = new FakeSysfs(root); }

    private FakeSysfs.Lun completeDisk(String hctl, String sg, String sd, byte[] naa, int port) {
        return sys.lun(hctl).inquiry(0, "LIO-ORG", "disk1", "4.0").sg(sg).block(sd)
                .bytes("vpd_pg80", FakeSysfs.vpd80("a1b2c3d4-serial")).bytes("vpd_pg83", FakeSysfs.vpd83(naa, port))
                .text("wwid", "naa." + HexFormat.of().formatHex(naa) + "\n");
    }

    @Test
    void completeDiskIsReadWithEveryAttribute() {
        completeDisk("2:0:0:1", "sg3", "sdb", NAA_A, 1);
        SysfsDevices.Scan scan = new SysfsDevices(root).scan();
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.devices()).singleElement().satisfies(d -> {
            assertThat(d.sgName()).isEqualTo("sg3");
            assertThat(d.sgPath()).isEqualTo("/dev/sg3");
            assertThat(d.url()).hasToString("sg:///dev/sg3");
            assertThat(d.address()).isEqualTo(new ScsiAddress(2, 0, 0, 1));
            assertThat(d.peripheralType()).isZero();
            assertThat(d.typeName()).isEqualTo("disk");
            assertThat(d.vendor()).isEqualTo("LIO-ORG");
            assertThat(d.model()).isEqualTo("disk1");
            assertThat(d.revision()).isEqualTo("4.0");
            assertThat(d.state()).isEqualTo("running");
            assertThat(d.blockPath()).contains("/dev/sdb");
            assertThat(d.serial()).contains("a1b2c3d4-serial");
            assertThat(d.identity()).hasValueSatisfying(i -> assertThat(i.name()).isEqualTo("naa.6001405a1b2c3d4e5f60718293a4b5c6"));
            assertThat(d.wwid()).contains("naa.6001405a1b2c3d4e5f60718293a4b5c6");
            assertThat(d.problems()).isEmpty();
        });
    }

    @Test
    void devicesAreListedInSgNumberOrder() {
        completeDisk("3:0:0:0", "sg10", "sdk", NAA_B, 2);
        completeDisk("2:0:0:0", "sg2", "sdc", NAA_A, 1);
        assertThat(new SysfsDevices(root).scan().devices()).extracting(LocalScsiDevice::sgName).containsExactly("sg2", "sg10");
    }

    @Test
    void deviceWithoutABlockDriverHasNoBlockPath() {
        sys.lun("4:0:0:0").inquiry(8, "HP", "MSL G3", "1.0").sg("sg0");
        LocalScsiDevice d = new SysfsDevices(root).scan().devices().get(0);
        assertThat(d.blockDevice()).isEmpty();
        assertThat(d.typeName()).isEqualTo("medium changer");
    }

    @Test
    void twoPathsWithTheSameIdentityAreOneLun() {
        completeDisk("2:0:0:1", "sg3", "sdb", NAA_A, 1);
        completeDisk("3:0:0:1", "sg5", "sdd", NAA_A, 2);
        completeDisk("3:0:0:2", "sg6", "sde", NAA_B, 2);
        List<SameLun> luns = SysfsDevices.groupByLun(new SysfsDevices(root).scan().devices());
        assertThat(luns).hasSize(2);
        assertThat(luns.get(0).identity()).isEqualTo("naa.6001405a1b2c3d4e5f60718293a4b5c6");
        assertThat(luns.get(0).paths()).extracting(LocalScsiDevice::sgName).containsExactly("sg3", "sg5");
        assertThat(luns.get(1).paths()).extracting(LocalScsiDevice::sgName).containsExactly("sg6");
    }

    @Test
    void devicesWithoutAnyIdentityAreNeverGroupedTogether() {
        sys.lun("2:0:0:0").inquiry(0, "ATA", "disk", "1").sg("sg0");
        sys.lun("2:0:1:0").inquiry(0, "ATA", "disk", "1").sg("sg1");
        assertThat(SysfsDevices.groupByLun(new SysfsDevices(root).scan().devices())).extracting(SameLun::identity)
                .containsExactly("sg0", "sg1");
    }

    @Test
    void wwidGroupsPathsWhenVpd83IsMissing() {
        sys.lun("2:0:0:0").inquiry(0, "X", "y", "1").sg("sg0").text("wwid", "t10.X y 123\n");
        sys.lun("5:0:0:0").inquiry(0, "X", "y", "1").sg("sg1").text("wwid", "t10.X y 123\n");
        assertThat(SysfsDevices.groupByLun(new SysfsDevices(root).scan().devices())).singleElement()
                .satisfies(l -> assertThat(l.identity()).isEqualTo("t10.X y 123"));
    }

    @Test
    void missingFilesAreReportedNotThrown() {
        sys.lun("2:0:0:0").sg("sg0").text("type", "0\n");
        LocalScsiDevice d = new SysfsDevices(root).scan().devices().get(0);
        assertThat(d.vendor()).isEmpty();
        assertThat(d.identity()).isEmpty();
        assertThat(d.problems()).contains("vendor: missing", "model: missing", "vpd_pg83: missing", "vpd_pg80: missing");
    }

    @Test
    void truncatedVpd83IsReportedAndLeavesTheIdentityEmpty() {
        sys.lun("2:0:0:0").inquiry(0, "X", "y", "1").sg("sg0").bytes("vpd_pg83", new byte[] {0, (byte) 0x83});
        LocalScsiDevice d = new SysfsDevices(root).scan().devices().get(0);
        assertThat(d.identity()).isEmpty();
        assertThat(d.problems()).anySatisfy(p -> assertThat(p).startsWith("vpd_pg83:").contains("header"));
    }

    @Test
    void vpd83WithoutALuDesignatorIsReported() {
        byte[] portOnly = {0, (byte) 0x83, 0, 8, 0x61, (byte) 0x94, 0, 4, 0, 0, 0, 1};
        sys.lun("2:0:0:0").inquiry(0, "X", "y", "1").sg("sg0").bytes("vpd_pg83", portOnly);
        assertThat(new SysfsDevices(root).scan().devices().get(0).problems())
                .anySatisfy(p -> assertThat(p).contains("no logical-unit designator"));
    }

    @Test
    void wrongPageInVpd80IsReported() {
        sys.lun("2:0:0:0").inquiry(0, "X", "y", "1").sg("sg0").bytes("vpd_pg80", new byte[] {0, (byte) 0x83, 0, 0});
        LocalScsiDevice d = new SysfsDevices(root).scan().devices().get(0);
        assertThat(d.serial()).isEmpty();
        assertThat(d.problems()).anySatisfy(p -> assertThat(p).startsWith("vpd_pg80: not a Unit Serial Number page"));
    }

    @Test
    void garbageTypeIsReportedAsUnknown() {
        sys.lun("2:0:0:0").inquiry(0, "X", "y", "1").sg("sg0").text("type", "disk?\n");
        LocalScsiDevice d = new SysfsDevices(root).scan().devices().get(0);
        assertThat(d.peripheralType()).isEqualTo(-1);
        assertThat(d.typeName()).isEqualTo("unknown");
        assertThat(d.problems()).anySatisfy(p -> assertThat(p).startsWith("type: not a number"));
    }

    @Test
    void sgEntryWithADanglingDeviceLinkIsAScanProblemNotAnException() throws Exception {
        completeDisk("2:0:0:1", "sg3", "sdb", NAA_A, 1);
        Files.createDirectories(root.resolve("class/scsi_generic/sg9"));
        Files.createSymbolicLink(root.resolve("class/scsi_generic/sg9/device"), Path.of("../../../nowhere/2:0:0:9"));
        SysfsDevices.Scan scan = new SysfsDevices(root).scan();
        assertThat(scan.devices()).extracting(LocalScsiDevice::sgName).containsExactly("sg3");
        assertThat(scan.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("sg9: no device link"));
    }

    @Test
    void missingScsiGenericClassIsAnEmptyScanSayingWhy() {
        SysfsDevices.Scan scan = new SysfsDevices(root).scan();
        assertThat(scan.devices()).isEmpty();
        assertThat(scan.problems()).singleElement().satisfies(p -> assertThat(p).contains("sg module"));
    }

    @Test
    void addressOfAnSgPathComesFromItsDeviceLink() {
        completeDisk("2:0:0:1", "sg3", "sdb", NAA_A, 1);
        assertThat(new SysfsDevices(root).addressOf("/dev/sg3")).contains(new ScsiAddress(2, 0, 0, 1));
    }

    @Test
    void addressOfABlockPathComesFromClassBlock() {
        completeDisk("2:0:0:1", "sg3", "sdb", NAA_A, 1);
        assertThat(new SysfsDevices(root).addressOf("/dev/sdb")).contains(new ScsiAddress(2, 0, 0, 1));
    }

    @Test
    void addressOfAnUnknownPathIsEmpty() {
        assertThat(new SysfsDevices(root).addressOf("/dev/sg42")).isEmpty();
        assertThat(new SysfsDevices(root).addressOf("/dev/sdb1")).isEmpty();
    }

    @Test
    void iscsiHostPortNameIsTheInitiatorName() {
        sys.hostFile("class/iscsi_host/host2/initiatorname", "iqn.1993-08.org.debian:01:abc\n");
        assertThat(new SysfsDevices(root).hostPortName(2)).contains("iqn.1993-08.org.debian:01:abc");
        assertThat(new SysfsDevices(root).hostPortName(3)).isEmpty();
    }

    @Test
    void fcHostPortNameIsTheWwpn() {
        sys.hostFile("class/fc_host/host4/port_name", "0x21000024ff5e7c3a\n");
        assertThat(new SysfsDevices(root).hostPortName(4)).contains("0x21000024ff5e7c3a");
    }

    @Test
    void scanningThisMachinesRealSysfsDoesNotThrow() {
        // This container may have no SCSI devices at all; the scan must then say so, not fail.
        assertThatCode(() -> {
            SysfsDevices.Scan scan = new SysfsDevices().scan();
            assertThat(scan.devices().isEmpty() ? scan.problems() : scan.devices()).isNotNull();
            SysfsDevices.groupByLun(scan.devices());
        }).doesNotThrowAnyException();
    }

    @Test
    void scsiAddressParsesOnlyFourNonNegativeNumbers() {
        assertThat(ScsiAddress.parse("2:0:0:1")).contains(new ScsiAddress(2, 0, 0, 1));
        assertThat(ScsiAddress.parse("2:0:0")).isEmpty();
        assertThat(ScsiAddress.parse("a:b:c:d")).isEmpty();
        assertThat(ScsiAddress.parse("host2")).isEmpty();
    }
}
