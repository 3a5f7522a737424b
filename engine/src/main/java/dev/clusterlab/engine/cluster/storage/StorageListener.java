package dev.clusterlab.engine.cluster.storage;

/** What a node's storage stack tells the node's cluster service. */
@FunctionalInterface
public interface StorageListener {
    /**
     * The device said this node no longer holds {@code disk}: RESERVATION CONFLICT on a disk it
     * owns, or a 2Ah/03h..05h unit attention (reservations or registrations preempted or released).
     * Only faithful passthrough lets this through.
     */
    void diskLost(String disk, String reason);

    StorageListener NONE = (disk, reason) -> { };
}
