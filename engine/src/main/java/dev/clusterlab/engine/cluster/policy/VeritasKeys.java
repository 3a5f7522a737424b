package dev.clusterlab.engine.cluster.policy;

import java.nio.charset.StandardCharsets;

/**
 * Veritas I/O fencing registration keys, 8 ASCII bytes read as one big-endian 64-bit key
 * (reference/cluster-arbitration.md §6.2 [S]).
 *
 * <ul>
 *   <li>Coordinator disks: {@code V F c c c c n n}, the LLT cluster id as 4 hex digits and the node
 *       id as 2. [A] The simulated cluster's id is {@value #CLUSTER_ID_TEXT}: node 1 registers
 *       {@code VF123401} = {@code 0x5646313233343031}, node 4 {@code VF123404}.</li>
 *   <li>Data disks of VCS failover disk groups: {@code ('A' + node id) V C S}. [A] The last four
 *       bytes are zero (the reference gives only the four letters): node 1 registers {@code BVCS}
 *       = {@code 0x4256435300000000}.</li>
 *   <li>[A] The node id is the simulator's 1-based declaration order, as the reference's examples
 *       (node 1 -> VF123401, BVCS) read; hex digits are upper case.</li>
 * </ul>
 */
public final class VeritasKeys {
    /** [A] The LLT cluster id of every simulated cluster. */
    public static final int CLUSTER_ID = 0x1234;
    static final String CLUSTER_ID_TEXT = "0x1234";

    private VeritasKeys() {}

    /** {@code VF} + cluster id (4 hex digits) + node id (2 hex digits). */
    public static long coordinatorKey(int clusterId, int nodeId) {
        if (clusterId < 0 || clusterId > 0xFFFF) throw new IllegalArgumentException("LLT cluster id out of range: " + clusterId);
        if (nodeId < 0 || nodeId > 0xFF) throw new IllegalArgumentException("node id out of range: " + nodeId);
        return ascii("VF" + hex(clusterId, 4) + hex(nodeId, 2));
    }

    public static long coordinatorKey(int nodeId) { return coordinatorKey(CLUSTER_ID, nodeId); }

    /** {@code ('A' + node id) VCS} followed by four zero bytes. */
    public static long dataKey(int nodeId) {
        if (nodeId < 0 || nodeId > 25) throw new IllegalArgumentException("node id out of range for a data key: " + nodeId);
        return ascii((char) ('A' + nodeId) + "VCS");
    }

    /** The node id a coordinator key of cluster {@code clusterId} names, or -1 for any other key. */
    public static int nodeOfCoordinatorKey(long key, int clusterId) {
        for (int node = 0; node <= 0xFF; node++) if (coordinatorKey(clusterId, node) == key) return node;
        return -1;
    }

    /** The key's printable bytes, as vxfenadm shows it: {@code VF123401}, {@code BVCS}. */
    public static String text(long key) {
        StringBuilder s = new StringBuilder(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            int b = (int) (key >>> shift) & 0xFF;
            if (b != 0) s.append(b >= 0x20 && b < 0x7F ? (char) b : '?');
        }
        return s.toString();
    }

    private static long ascii(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        long key = 0;
        for (int i = 0; i < 8; i++) key = (key << 8) | (i < bytes.length ? bytes[i] & 0xFF : 0);
        return key;
    }

    private static String hex(int value, int digits) {
        String h = Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(digits - h.length()) + h;
    }
}
