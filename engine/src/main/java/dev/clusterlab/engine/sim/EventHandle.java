package dev.clusterlab.engine.sim;

/** A scheduled one-shot or periodic event, as seen by whoever scheduled it. */
public interface EventHandle {
    /**
     * Stops the event from running (a periodic event stops repeating). Returns true if this call
     * cancelled it, false if it had already run (one-shot), been cancelled or stopped.
     */
    boolean cancel();

    /** True while the event (or the next repetition of a periodic event) is waiting to run. */
    boolean isPending();

    /** True once {@link #cancel()} has taken effect. */
    boolean isCancelled();

    /** Virtual time at which the event runs next, or ran last once it is no longer pending. */
    long dueNanos();
}
