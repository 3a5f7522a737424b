package dev.clusterlab.engine.scenario;

/**
 * A resource group: a service on a data disk that starts on {@code owner} and fails over; {@code shared}:
 * a Cluster Shared Volume that runs on every member at once, coordinated first by {@code owner}.
 */
public record GroupSpec(String name, String disk, String owner, boolean shared) {
    /** A failover group. */
    public GroupSpec(String name, String disk, String owner) { this(name, disk, owner, false); }
}
