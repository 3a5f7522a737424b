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

    @Override
    public byte[] naa() { return naa.clone(); }

    /** The identity as `clusterlab devices` and `--arm` write it, e.g. {@code naa.3c1a2b...}. */
    public String naaName() { return "naa." + dev.clusterlab.engine.scsi.Bytes.hex(naa).toLowerCase(java.util.Locale.ROOT); }
}
