package dev.clusterlab.sgio.sysfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a sysfs tree in a temp directory with the links a real kernel makes:
 * {@code class/scsi_generic/sgN -> ../../devices/.../H:C:T:L/scsi_generic/sgN},
 * {@code .../scsi_generic/sgN/device -> ../../../H:C:T:L}, and the same for {@code class/block/sdX}.
 */
final class FakeSysfs {
    final Path root;

    FakeSysfs(Path root) { this.root = root; }

    /** One scsi_device directory, with files added by the caller. */
    final class Lun {
        final Path dir;
        final String hctl;

        Lun(String hctl) {
            this.hctl = hctl;
            int host = Integer.parseInt(hctl.substring(0, hctl.indexOf(':')));
            String target = hctl.substring(0, hctl.lastIndexOf(':'));
            this.dir = root.resolve("devices/platform/host" + host + "/session1/target" + target + "/" + hctl);
            mkdirs(dir);
        }

        Lun text(String file, String content) { write(dir.resolve(file), content.getBytes(StandardCharsets.UTF_8)); return this; }

        Lun bytes(String file, byte[] content) { write(dir.resolve(file), content); return this; }

        Lun inquiry(int type, String vendor, String model, String rev) {
            // The kernel pads these to 8, 16 and 4 characters and ends each file with a newline.
            return text("type", type + "\n").text("vendor", pad(vendor, 8) + "\n").text("model", pad(model, 16) + "\n")
                    .text("rev", pad(rev, 4) + "\n").text("state", "running\n");
        }

        Lun sg(String name) {
            Path sgDir = dir.resolve("scsi_generic/" + name);
            mkdirs(sgDir);
            link(sgDir.resolve("device"), "../../../" + hctl);
            link(root.resolve("class/scsi_generic/" + name), "../../" + root.relativize(sgDir));
            return this;
        }

        Lun block(String name) {
            Path blockDir = dir.resolve("block/" + name);
            mkdirs(blockDir);
            link(blockDir.resolve("device"), "../../../" + hctl);
            link(root.resolve("class/block/" + name), "../../" + root.relativize(blockDir));
            return this;
        }
    }

    Lun lun(String hctl) { return new Lun(hctl); }

    FakeSysfs hostFile(String relative, String content) {
        write(root.resolve(relative), content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private static String pad(String s, int n) { return s.length() >= n ? s : s + " ".repeat(n - s.length()); }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, byte[] content) {
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void link(Path link, String target) {
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Device Identification page (SPC-4 §7.8.6): an NAA LU designator and a relative target port. */
    static byte[] vpd83(byte[] naa, int relativePort) {
        byte[] page = new byte[4 + 4 + naa.length + 8];
        page[1] = (byte) 0x83;
        page[3] = (byte) (page.length - 4);
        page[4] = 0x01; // binary
        page[5] = 0x03; // LU, NAA
        page[7] = (byte) naa.length;
        System.arraycopy(naa, 0, page, 8, naa.length);
        int o = 8 + naa.length;
        page[o] = 0x61; // iSCSI, binary
        page[o + 1] = (byte) 0x94; // PIV, target port, relative port
        page[o + 3] = 4;
        page[o + 7] = (byte) relativePort;
        return page;
    }

    /** A Unit Serial Number page (SPC-4 §7.8.17). */
    static byte[] vpd80(String serial) {
        byte[] s = serial.getBytes(StandardCharsets.US_ASCII);
        byte[] page = new byte[4 + s.length];
        page[1] = (byte) 0x80;
        page[3] = (byte) s.length;
        System.arraycopy(s, 0, page, 4, s.length);
        return page;
    }
}
