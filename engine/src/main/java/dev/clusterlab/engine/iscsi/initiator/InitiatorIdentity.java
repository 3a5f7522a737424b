package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.scsi.InitiatorPort;

/**
 * Who an initiator session speaks as: its iSCSI name and ISID. Together they are the SCSI
 * initiator port {@code <name>,i,0x<ISID>} (SPC-4 §7.6.4.6, TransportID format 01b), which the target uses as the I_T
 * nexus that owns persistent reservation registrations (SPC-4 §5.13.2).
 *
 * <p>Naming convention (the caller chooses; ClusterLab's passthrough does this): every simulated
 * node gets its own iSCSI name, e.g. {@code iqn.2026-11.dev.clusterlab:node-a}, and every path of
 * that node its own ISID (path 1 = 0x400000000001, path 2 = ...002, see {@link #forNodePath}), so
 * the target sees one distinct I_T nexus per node path. Reconnecting with the same identity
 * reaches the same nexus, so registrations still belong to it.
 *
 * @param isid the 48-bit Initiator Session ID; the default {@link #forNodePath} uses the "random"
 *     format (type 01b, RFC 7143 §11.12.5) with the path number as qualifier
 */
public record InitiatorIdentity(String name, long isid) {
    private static final long ISID_MASK = 0xFFFF_FFFF_FFFFL;
    /** ISID type 01b ("random", RFC 7143 §11.12.5) in the top two bits of the 48-bit value. */
    private static final long ISID_TYPE_RANDOM = 0x4000_0000_0000L;

    public InitiatorIdentity {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("initiator name is required");
        if (name.length() > 223) throw new IllegalArgumentException("iSCSI names are at most 223 bytes (RFC 3720 §3.2.6.1)");
        if ((isid & ~ISID_MASK) != 0) throw new IllegalArgumentException("ISID is 48 bits");
    }

    /** The conventional identity of one node path: name {@code <prefix>:<node>}, ISID 0x4000000000nn for path nn. */
    public static InitiatorIdentity forNodePath(String namePrefix, String node, int path) {
        if (path < 0 || path > 0xFFFF) throw new IllegalArgumentException("path number is 0..65535");
        return new InitiatorIdentity(namePrefix + ":" + node, ISID_TYPE_RANDOM | path);
    }

    /**
     * Parses an initiator port name {@code <name>,i,0x<ISID>} (what {@link #portName} prints and
     * sg_persist shows), or a bare iSCSI name, which gets ISID {@code defaultIsid}.
     */
    public static InitiatorIdentity parse(String text, long defaultIsid) {
        int sep = text.toLowerCase(java.util.Locale.ROOT).lastIndexOf(",i,0x");
        if (sep < 0) return new InitiatorIdentity(text, defaultIsid);
        String hex = text.substring(sep + 5);
        if (hex.isEmpty() || hex.length() > 12) throw new IllegalArgumentException("ISID must be 1 to 12 hex digits: " + text);
        try {
            return new InitiatorIdentity(text.substring(0, sep), Long.parseUnsignedLong(hex, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ISID must be hex digits: " + text, e);
        }
    }

    public InitiatorPort port() { return InitiatorPort.iscsi(name, isid); }

    /** {@code <name>,i,0x<12 hex digits>} as targets print it. */
    public String portName() { return port().displayName(); }
}
