package dev.clusterlab.sgio.sysfs;

import dev.clusterlab.engine.device.DeviceIdentity;
import dev.clusterlab.engine.scsi.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds local SCSI devices from sysfs (drivers/scsi/scsi_sysfs.c): every
 * {@code class/scsi_generic/sgN}, whose {@code device} link leads to the H:C:T:L scsi_device
 * directory holding {@code type}, {@code vendor}, {@code model}, {@code rev}, {@code state},
 * {@code wwid}, {@code vpd_pg80}, {@code vpd_pg83} and, for disks, {@code block/sdX}.
 *
 * <p>Never throws for what it finds: a missing or damaged file becomes a sentence in the device's
 * {@link LocalScsiDevice#problems()} (or the scan's, when a whole entry is unusable). The root is a
 * parameter so tests can build a fake tree.
 */
public final class SysfsDevices {
    public static final Path DEFAULT_ROOT = Path.of("/sys");

    private final Path root;

    /** The result of a scan: devices in sg order, and what kept entries from being read at all. */
    public record Scan(List<LocalScsiDevice> devices, List<String> problems) {
        public Scan {
            devices = List.copyOf(devices);
            problems = List.copyOf(problems);
        }
    }

    public SysfsDevices(Path root) { this.root = root; }

    public SysfsDevices() { this(DEFAULT_ROOT); }

    public Scan scan() {
        Path classDir = root.resolve("class/scsi_generic");
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(classDir)) {
            problems.add(classDir + " does not exist: no SCSI generic devices (the sg module is not loaded, or this is a container without them)");
            return new Scan(List.of(), problems);
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(classDir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sg")).forEach(names::add);
        } catch (IOException | RuntimeException e) {
            problems.add(classDir + ": cannot list it (" + e.getMessage() + ")");
            return new Scan(List.of(), problems);
        }
        names.sort(Comparator.comparingLong(SysfsDevices::sgNumber).thenComparing(Comparator.naturalOrder()));
        List<LocalScsiDevice> devices = new ArrayList<>();
        for (String name : names) {
            try {
                read(name, problems).ifPresent(devices::add);
            } catch (RuntimeException e) {
                problems.add(name + ": unreadable (" + e + ")");
            }
        }
        return new Scan(devices, problems);
    }

    private static long sgNumber(String name) {
        try {
            return Long.parseLong(name.substring(2));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Reads one sg entry; empty (with a scan problem) when its scsi_device cannot be found. */
    private Optional<LocalScsiDevice> read(String sgName, List<String> scanProblems) {
        Path link = root.resolve("class/scsi_generic").resolve(sgName).resolve("device");
        Path dir;
        try {
            dir = link.toRealPath();
        } catch (IOException e) {
            scanProblems.add(sgName + ": no device link to its scsi_device (" + e.getMessage() + ")");
            return Optional.empty();
        }
        Optional<ScsiAddress> address = ScsiAddress.parse(dir.getFileName().toString());
        if (address.isEmpty()) {
            scanProblems.add(sgName + ": its device link leads to " + dir.getFileName() + ", not an H:C:T:L directory");
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        int type = readText(dir, "type", problems).map(t -> parseType(t, problems)).orElse(-1);
        String vendor = readText(dir, "vendor", problems).orElse("");
        String model = readText(dir, "model", problems).orElse("");
        String rev = readText(dir, "rev", problems).orElse("");
        String state = readText(dir, "state", problems).orElse("unknown");
        Optional<String> block = blockDevice(dir);
        Optional<String> serial = readBytes(dir, "vpd_pg80", problems).flatMap(b -> serial(b, problems));
        Optional<DeviceIdentity> identity = readBytes(dir, "vpd_pg83", problems).flatMap(b -> identity(b, problems));
        Optional<String> wwid = readText(dir, "wwid", problems).filter(w -> !w.isEmpty());
        return Optional.of(new LocalScsiDevice(sgName, address.get(), type, vendor, model, rev, state, block, serial, identity, wwid, problems));
    }

    private static int parseType(String text, List<String> problems) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add("type: not a number ('" + text + "')");
            return -1;
        }
    }

    private static Optional<String> readText(Path dir, String file, List<String> problems) {
        return readBytes(dir, file, problems).map(b -> new String(b, StandardCharsets.UTF_8).strip());
    }

    private static Optional<byte[]> readBytes(Path dir, String file, List<String> problems) {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            problems.add(file + ": missing");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": unreadable (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** {@code block/sdX} in current kernels; {@code block:sdX} links in very old ones. */
    private static Optional<String> blockDevice(Path dir) {
        Path block = dir.resolve("block");
        boolean current = Files.isDirectory(block);
        try (Stream<Path> s = Files.list(current ? block : dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> current || n.startsWith("block:"))
                    .map(n -> current ? n : n.substring(6))
                    .filter(n -> !n.isEmpty())
                    .sorted()
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Unit Serial Number VPD page (SPC-4 §7.8.17): page code 80h, PAGE LENGTH, then ASCII. */
    private static Optional<String> serial(byte[] page, List<String> problems) {
        if (page.length < 4 || Bytes.u8(page, 1) != 0x80) {
            problems.add("vpd_pg80: not a Unit Serial Number page (" + page.length + " bytes)");
            return Optional.empty();
        }
        int len = Math.min(Bytes.u16(page, 2), page.length - 4);
        String s = new String(page, 4, len, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<DeviceIdentity> identity(byte[] page, List<String> problems) {
        try {
            return Optional.of(DeviceIdentity.parseVpd83(page));
        } catch (IllegalArgumentException e) {
            problems.add("vpd_pg83: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Paths that lead to the same LU, by identity (VPD 83h name, else wwid), in first-seen order.
     * A device without either is a group of its own under its sg name.
     */
    public static List<SameLun> groupByLun(List<LocalScsiDevice> devices) {
        Map<String, List<LocalScsiDevice>> groups = new LinkedHashMap<>();
        for (LocalScsiDevice d : devices) groups.computeIfAbsent(d.lunKey().orElse(d.sgName()), k -> new ArrayList<>()).add(d);
        List<SameLun> out = new ArrayList<>();
        groups.forEach((k, v) -> out.add(new SameLun(k, v)));
        return out;
    }

    /**
     * The H:C:T:L behind a device path ({@code /dev/sgN} or {@code /dev/sdX}, symlinks followed); empty
     * when sysfs does not know it (a partition, another kind of file, no sysfs).
     */
    public Optional<ScsiAddress> addressOf(String devicePath) {
        try {
            Path p = Path.of(devicePath);
            Path real = Files.exists(p) ? p.toRealPath() : p;
            if (real.getFileName() == null) return Optional.empty();
            String name = real.getFileName().toString();
            Path link = name.startsWith("sg") ? root.resolve("class/scsi_generic").resolve(name).resolve("device")
                    : root.resolve("class/block").resolve(name).resolve("device");
            if (!Files.exists(link)) return Optional.empty();
            return ScsiAddress.parse(link.toRealPath().getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The SCSI host's port name when the transport class exports one: the iSCSI initiator name
     * ({@code class/iscsi_host/hostN/initiatorname}) or the FC port WWPN ({@code class/fc_host/hostN/port_name}).
     */
    public Optional<String> hostPortName(int host) {
        String h = "host" + host;
        for (String file : new String[] {"class/iscsi_host/" + h + "/initiatorname", "class/fc_host/" + h + "/port_name"}) {
            Path p = root.resolve(file);
            try {
                if (Files.isRegularFile(p)) {
                    String s = Files.readString(p, StandardCharsets.UTF_8).strip();
                    if (!s.isEmpty() && !"(null)".equals(s)) return Optional.of(s);
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable attribute only means a less informative name.
            }
        }
        return Optional.empty();
    }
}
