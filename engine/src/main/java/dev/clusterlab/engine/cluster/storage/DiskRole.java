package dev.clusterlab.engine.cluster.storage;

/** What a shared disk is for in the cluster. */
public enum DiskRole {
    /** Holds a resource group's data; the integrity monitor watches its writes. */
    DATA,
    /** The quorum witness (WSFC disk witness, MSCS quorum disk). */
    WITNESS,
    /** A Veritas-style coordinator disk: only registrations, never data. */
    COORDINATOR
}
