package dev.clusterlab.engine.sim;

/** A clock that only moves when told to: deterministic time for simulations and tests. */
public final class VirtualClock implements Clock {
    private long now;

    @Override
    public long nowNanos() { return now; }

    public void advanceNanos(long delta) {
        if (delta < 0) throw new IllegalArgumentException("time does not go backwards");
        now += delta;
    }

    public void setNanos(long t) {
        if (t < now) throw new IllegalArgumentException("time does not go backwards");
        now = t;
    }
}
