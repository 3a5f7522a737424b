package dev.clusterlab.engine.target;

/**
 * What a logical unit says about itself in INQUIRY and VPD pages.
 *
 * @param vendor T10 vendor identification (8 characters, space padded on the wire)
 * @param product product identification (16 characters)
 * @param revision product revision level (4 characters)
 * @param serial unit serial number (VPD 0x80)
 * @param naa the NAA designator of the LU (VPD 0x83, designator type 3h), 8 or 16 bytes
 */
public record LuIdentity(String vendor, String product, String revision, String serial, byte[] naa) {
    public LuIdentity {
        if (naa.length != 8 && naa.length != 16) throw new IllegalArgumentException("NAA designators are 8 or 16 bytes");
        naa = naa.clone();
    }

    /** T10 vendor identification of every simulated LU. */
    public static final String VENDOR = "CLUSTLAB";
    public static final String PRODUCT = "SIMULATED DISK";
    /** Bumped when the simulated device's externally visible behaviour changes. */
    public static final String REVISION = "0100";

    /**
     * A stable, unique identity for the LU called {@code luName}: the same name and seed always give
     * the same designator (tests and recordings stay deterministic), different ones almost surely not.
     * The designator is NAA 3h, "locally assigned" (SPC-4 §7.8.6.6.2): 4 bits of NAA then 60 bits
     * that only need to be unique within this lab. The serial number is those 60 bits in hex.
     */
    public static LuIdentity forName(String luName, long seed) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 name, then the seed, then a final mix
        for (byte b : luName.getBytes(java.nio.charset.StandardCharsets.UTF_8)) h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        for (int i = 0; i < 8; i++) h = (h ^ ((seed >>> (8 * i)) & 0xFF)) * 0x100000001b3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        long id = h & 0x0FFF_FFFF_FFFF_FFFFL;
        byte[] naa = new byte[8];
        dev.clusterlab.engine.scsi.Bytes.put64(naa, 0, (0x3L << 60) | id);
        String serial = "CL" + dev.clusterlab.engine.scsi.Bytes.hex(naa).substring(1);
        return new LuIdentity(VENDOR, PRODUCT, REVISION, serial, naa);
    }

    @Override
    public byte[] naa() { return naa.clone(); }

    /** The identity as `clusterlab devices` and `--arm` write it, e.g. {@code naa.3c1a2b...}. */
    public String naaName() { return "naa." + dev.clusterlab.engine.scsi.Bytes.hex(naa).toLowerCase(java.util.Locale.ROOT); }
}
