package dev.clusterlab.engine.cluster.storage;

/**
 * A deliberate misbehaviour of a simulated target, to reproduce support cases. Each quirk is a
 * departure from SPC-4 that a real product shipped with.
 */
public enum DiskQuirk {
    /**
     * PERSISTENT RESERVE IN READ RESERVATION always reports "no reservation", although RESERVE
     * succeeded and the reservation is enforced (quantum/esos#62: cluster validation fails with
     * "Failed to read PR on cluster disk"; see reference/cluster-arbitration.md §3.3).
     */
    FORGETS_RESERVATION("forgets-reservation");

    private final String fileName;

    DiskQuirk(String fileName) { this.fileName = fileName; }

    /** The spelling used in scenario files. */
    public String fileName() { return fileName; }
}
