package dev.clusterlab.engine.cluster;

/**
 * Heartbeat timing shared by every node of a cluster: a heartbeat goes to every peer on every
 * network every {@code delayNanos}, and a peer whose heartbeats have been missed {@code threshold}
 * consecutive times on every network is removed from membership, so detection takes about
 * delay x threshold.
 */
public record HeartbeatSettings(long delayNanos, int threshold) {
    public static final long SECOND = 1_000_000_000L;

    /**
     * WSFC 2016+ same-subnet defaults: SameSubnetDelay 1000 ms, SameSubnetThreshold 10
     * (cluster-arbitration.md §1.9).
     */
    public static final HeartbeatSettings WSFC_SAME_SUBNET = new HeartbeatSettings(SECOND, 10);

    /** WSFC 2016+ cross-subnet defaults: CrossSubnetDelay 1000 ms, CrossSubnetThreshold 20 (§1.9). */
    public static final HeartbeatSettings WSFC_CROSS_SUBNET = new HeartbeatSettings(SECOND, 20);

    public HeartbeatSettings {
        if (delayNanos <= 0) throw new IllegalArgumentException("heartbeat delay must be positive: " + delayNanos);
        if (threshold < 1) throw new IllegalArgumentException("heartbeat threshold must be at least 1: " + threshold);
    }

    /** The nominal time from the last heartbeat heard to the peer's removal. */
    public long detectionNanos() { return delayNanos * threshold; }
}
