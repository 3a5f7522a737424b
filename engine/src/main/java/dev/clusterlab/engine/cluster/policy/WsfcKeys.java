package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.NodeContext;

/**
 * WSFC's production reservation keys (reference/cluster-arbitration.md §1.2): one 8-byte key per
 * node, the same on every path; the low 32 bits are a fixed mask saying "placed by failover
 * clustering". The stored sources do not give the mask's bytes, so the simulator uses "MSFT" in
 * ASCII and the node id in the high word [A]. Keys without the mask (cluster validation's random
 * keys, keys typed by hand) belong to no node.
 *
 * <p>Cluster Shared Volumes (§1.2, §1.7, US 7,840,730): the coordinator registers its owner key and
 * holds the reservation; every other node registers a <em>shared key</em> that lets it write. The
 * patent gives no bytes either, so a shared key is the node id in the high word and "CSV " in ASCII
 * in the low word [A].
 */
final class WsfcKeys {
    /** "MSFT" in ASCII, the low word of every production key [A] (§1.2). */
    static final long MASK = 0x4D534654L;

    /** "CSV " in ASCII, the low word of a node's shared key on a Cluster Shared Volume [A] (§1.7). */
    static final long SHARED_MASK = 0x43535620L;

    /** Write Exclusive - Registrants Only, the type WSFC reserves with [I] (§1.3). */
    static final int TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY = 5;

    private WsfcKeys() {}

    /** The key of the node with id {@code nodeId} [A] (§1.2). */
    static long keyOf(int nodeId) { return ((long) nodeId << 32) | MASK; }

    /** The shared key of the node with id {@code nodeId} on a Cluster Shared Volume [A] (§1.7). */
    static long sharedKeyOf(int nodeId) { return ((long) nodeId << 32) | SHARED_MASK; }

    /** The node whose production key (owner or shared) {@code key} is, or null for a key failover clustering did not place. */
    static String nodeOf(long key, NodeContext node) {
        long low = key & 0xFFFF_FFFFL;
        if (low != MASK && low != SHARED_MASK) return null;
        long id = key >>> 32;
        for (String name : node.nodeNames()) if (node.idOf(name) == id) return name;
        return null;
    }

    /** The key in hex, as sg_persist prints it. */
    static String hex(long key) { return "0x" + Long.toHexString(key); }

    /** "0x...(node-a)" or just the hex for a foreign key, for log lines. */
    static String describe(long key, NodeContext node) {
        String owner = nodeOf(key, node);
        return owner == null ? hex(key) + " (not a cluster node's key)" : hex(key) + " (" + owner + ")";
    }
}
