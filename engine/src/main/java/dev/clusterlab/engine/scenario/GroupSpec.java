package dev.clusterlab.engine.scenario;

/** A resource group: a service on a data disk that starts on {@code owner} and fails over. */
public record GroupSpec(String name, String disk, String owner) {}
