package dev.clusterlab.engine.cluster;

/**
 * A network between cluster nodes (e.g. "cluster" and "client"): one-way latency with uniform
 * jitter, an independent loss probability per heartbeat, and links between node pairs that can be
 * cut and healed to build partitions. Links start connected. Faults are applied through
 * {@link Cluster} so that each one is recorded on the timeline.
 */
public final class Network {
    private final String name;
    private final int index;
    private final long latencyNanos;
    private final long jitterNanos;
    private double lossProbability;
    private boolean[] cut = new boolean[0];
    private int nodeCount;

    Network(String name, int index, long latencyNanos, long jitterNanos, double lossProbability) {
        if (latencyNanos < 0) throw new IllegalArgumentException("negative latency: " + latencyNanos);
        if (jitterNanos < 0) throw new IllegalArgumentException("negative jitter: " + jitterNanos);
        this.name = name;
        this.index = index;
        this.latencyNanos = latencyNanos;
        this.jitterNanos = jitterNanos;
        lossProbability(lossProbability);
    }

    public String name() { return name; }

    public long latencyNanos() { return latencyNanos; }

    /** Maximum deviation from the latency, drawn uniformly in [-jitter, +jitter] per heartbeat. */
    public long jitterNanos() { return jitterNanos; }

    public double lossProbability() { return lossProbability; }

    int index() { return index; }

    void lossProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("loss probability outside [0, 1]: " + probability);
        }
        this.lossProbability = probability;
    }

    /** Sizes the link matrix once the node set is known. */
    void connect(int nodes) {
        nodeCount = nodes;
        cut = new boolean[nodes * nodes];
    }

    /** True when the link between the two nodes is cut (links are symmetric). */
    boolean isCut(int a, int b) { return cut[a * nodeCount + b]; }

    /** Sets the link state; returns true if it changed. */
    boolean setCut(int a, int b, boolean isCut) {
        if (cut[a * nodeCount + b] == isCut) return false;
        cut[a * nodeCount + b] = isCut;
        cut[b * nodeCount + a] = isCut;
        return true;
    }

    @Override public String toString() { return name; }
}
