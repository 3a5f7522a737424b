package dev.clusterlab.app.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code clusterlab devices} without a URL, on a fake sysfs tree (the layout of
 * drivers/scsi/scsi_sysfs.c: class/scsi_generic/sgN/device -> the H:C:T:L directory).
 */
class DevicesLocalListingTest {
    private static final String NAA = "6001405abcdef0123456789abcdef012";

    @TempDir Path sys;

    private void device(String sg, String hctl, String block, String naa) throws Exception {
        Path dir = Files.createDirectories(sys.resolve("devices/platform/host" + hctl.charAt(0) + "/" + hctl));
        Files.writeString(dir.resolve("type"), "0\n");
        Files.writeString(dir.resolve("vendor"), "LIO-ORG \n");
        Files.writeString(dir.resolve("model"), "shared-disk     \n");
        Files.writeString(dir.resolve("rev"), "4.0 \n");
        Files.writeString(dir.resolve("state"), "running\n");
        byte[] designator = HexFormat.of().parseHex(naa);
        byte[] page = new byte[8 + designator.length];
        page[1] = (byte) 0x83;
        page[3] = (byte) (4 + designator.length);
        page[4] = 0x01; // binary
        page[5] = 0x03; // LU, NAA
        page[7] = (byte) designator.length;
        System.arraycopy(designator, 0, page, 8, designator.length);
        Files.write(dir.resolve("vpd_pg83"), page);
        Files.createDirectories(dir.resolve("block/" + block));
        Path sgDir = Files.createDirectories(sys.resolve("class/scsi_generic/" + sg));
        Files.createSymbolicLink(sgDir.resolve("device"), dir);
    }

    private String listing() {
        DevicesCommand cmd = new DevicesCommand();
        cmd.sysfsRoot = sys;
        StringWriter out = new StringWriter();
        int code = new CommandLine(cmd).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter(), true)).execute();
        assertThat(code).isZero();
        return out.toString();
    }

    @Test
    void twoPathsToTheSameLuAreListedTogetherUnderItsIdentity() throws Exception {
        device("sg0", "2:0:0:1", "sda", NAA);
        device("sg1", "3:0:0:1", "sdb", NAA);
        assertThat(listing()).isEqualTo("naa." + NAA + "  LIO-ORG shared-disk  disk  2 paths\n"
                + "  sg:///dev/sg0  (/dev/sda)\n  sg:///dev/sg1  (/dev/sdb)\n");
    }

    @Test
    void differentLusAreListedSeparately() throws Exception {
        device("sg0", "2:0:0:1", "sda", NAA);
        device("sg1", "2:0:0:2", "sdb", "6001405abcdef0123456789abcdef099");
        assertThat(listing()).contains("naa." + NAA + "  LIO-ORG shared-disk  disk\n  sg:///dev/sg0  (/dev/sda)\n")
                .contains("naa.6001405abcdef0123456789abcdef099  LIO-ORG shared-disk  disk\n  sg:///dev/sg1  (/dev/sdb)\n");
    }

    @Test
    void anEmptyScsiGenericDirectoryMeansNoDevices() throws Exception {
        Files.createDirectories(sys.resolve("class/scsi_generic"));
        assertThat(listing()).isEqualTo("no local SCSI devices found (looked in " + sys.resolve("class/scsi_generic") + ")\n");
    }
}
