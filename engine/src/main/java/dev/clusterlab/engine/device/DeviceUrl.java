package dev.clusterlab.engine.device;

import dev.clusterlab.engine.iscsi.initiator.IscsiUrl;

/**
 * Where a real logical unit is reached: an iSCSI LUN ({@code iscsi://host[:port]/target-iqn/lun}) or
 * a local SCSI device through Linux SG_IO ({@code sg:///dev/sg3}, {@code sg:///dev/sdb}).
 */
public sealed interface DeviceUrl {

    /** An iSCSI LUN; each node path that uses it logs in with its own initiator identity. */
    record Iscsi(IscsiUrl url) implements DeviceUrl {
        @Override public String toString() { return url.toString(); }
    }

    /** A local device node: every opener of the same node shares the host's I_T nexus. */
    record Sg(String devicePath) implements DeviceUrl {
        public Sg {
            if (devicePath == null || !devicePath.startsWith("/"))
                throw new IllegalArgumentException("sg URL needs an absolute device path, e.g. sg:///dev/sg3");
        }
        @Override public String toString() { return "sg://" + devicePath; }
    }

    /** Parses {@code iscsi://...} or {@code sg:///dev/...}; throws IllegalArgumentException saying what is wrong. */
    static DeviceUrl parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("device URL is empty");
        String t = text.strip();
        if (t.regionMatches(true, 0, "iscsi://", 0, 8)) return new Iscsi(IscsiUrl.parse(t));
        if (t.regionMatches(true, 0, "sg://", 0, 5)) {
            String path = t.substring(5);
            if (!path.startsWith("/"))
                throw new IllegalArgumentException("sg URL needs three slashes and an absolute path, e.g. sg:///dev/sg3: " + text);
            return new Sg(path);
        }
        if (t.startsWith("/dev/")) return new Sg(t); // what sg_persist users type
        throw new IllegalArgumentException("unknown device URL (expected iscsi://host[:port]/target-iqn/lun or sg:///dev/sgN): " + text);
    }
}
