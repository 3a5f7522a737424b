package dev.clusterlab.engine.target;

/**
 * The device server's mutable state other than reservations and unit attentions: mode parameters,
 * started/stopped, medium removal prevention. Placeholder, filled in by the SPC/SBC command work.
 */
public final class DeviceServerState {
    /** Back to power-on defaults. */
    public void reset() {}
}
