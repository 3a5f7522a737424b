package dev.clusterlab.engine.cluster.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * fence_scsi's reservation keys in its default {@code --key-value=id} mode
 * (reference/cluster-arbitration.md §4.1 [S]): the first 4 hex digits of md5(corosync
 * {@code totem.cluster_name}) followed by the corosync node id printed with at least 4 decimal
 * digits (the agent formats it with {@code "%.4d"}), the whole read as a hexadecimal key.
 *
 * <p>[A] The simulated cluster is named {@value #CLUSTER_NAME}: md5("clusterlab") starts
 * {@code 8105}, so node 1 has key {@code 0x81050001}, node 2 {@code 0x81050002}, node 3
 * {@code 0x81050003}. The node id is the simulator's 1-based declaration order. For ids 1..9 the
 * decimal digits read the same as hex; node 12 gets {@code 0x81050012}, as the real agent gives it.
 */
public final class FenceScsiKeys {
    /** [A] corosync's totem.cluster_name for every simulated cluster. */
    public static final String CLUSTER_NAME = "clusterlab";

    private FenceScsiKeys() {}

    /** The key of node {@code nodeId} (1..9999) in cluster {@code clusterName}. */
    public static long key(String clusterName, int nodeId) {
        if (nodeId < 1 || nodeId > 9999) throw new IllegalArgumentException("corosync node id out of range: " + nodeId);
        String digits = Integer.toString(nodeId);
        String hex = clusterPrefix(clusterName) + "0".repeat(4 - digits.length()) + digits;
        return Long.parseUnsignedLong(hex, 16);
    }

    /** The key of node {@code nodeId} in the simulated cluster. */
    public static long key(int nodeId) { return key(CLUSTER_NAME, nodeId); }

    /** The first 4 hex digits of md5(cluster name), lower case, as the agent takes them. */
    static String clusterPrefix(String clusterName) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(clusterName.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md5, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    /** How sg_persist prints a key: {@code 0x81050001}. */
    public static String format(long key) { return "0x" + Long.toHexString(key); }
}
