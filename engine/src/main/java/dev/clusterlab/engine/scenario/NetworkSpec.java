package dev.clusterlab.engine.scenario;

import java.time.Duration;

/** A network joining all nodes; {@code loss} is the probability (0..1) that a message is dropped. */
public record NetworkSpec(String name, Duration latency, Duration jitter, double loss) {}
