package dev.clusterlab.engine.scenario;

/** A shared disk (one simulated logical unit) of {@code sizeBytes}, a multiple of 512. */
public record DiskSpec(String name, long sizeBytes) {}
