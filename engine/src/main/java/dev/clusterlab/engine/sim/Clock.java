package dev.clusterlab.engine.sim;

/** Source of "now" for the engine: virtual in simulations, wall time in live sessions. */
@FunctionalInterface
public interface Clock {
    /** Nanoseconds since the start of the session. */
    long nowNanos();
}
