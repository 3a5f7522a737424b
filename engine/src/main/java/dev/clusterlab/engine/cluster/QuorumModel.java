package dev.clusterlab.engine.cluster;

/** Quorum models as WSFC names them; the two disk-based ones need a witness disk. */
public enum QuorumModel {
    NODE_MAJORITY("node-majority", false),
    NODE_AND_DISK_MAJORITY("node-and-disk-majority", true),
    DISK_ONLY("disk-only", true);

    private final String fileName;
    private final boolean needsWitness;

    QuorumModel(String fileName, boolean needsWitness) {
        this.fileName = fileName;
        this.needsWitness = needsWitness;
    }

    /** The spelling used in scenario files. */
    public String fileName() { return fileName; }

    public boolean needsWitness() { return needsWitness; }
}
