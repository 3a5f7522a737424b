package dev.clusterlab.app.target;

import java.util.concurrent.CountDownLatch;

/**
 * What ends a foreground server: SIGINT (Ctrl-C) or SIGTERM, or {@link #trigger} (tests, the GUI).
 *
 * <p>Why signal handlers rather than a shutdown hook: a hook runs while the JVM is already exiting
 * with status 130/143, and output written from it races the exit. With handlers the main thread
 * closes the server, prints that it stopped and returns 0 like any clean stop.
 */
public final class StopSignal {
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String reason = "stopped";

    /** A stop signal that only {@link #trigger} fires. */
    public static StopSignal manual() { return new StopSignal(); }

    /** A stop signal fired by SIGINT and SIGTERM (falls back to a shutdown hook where signals cannot be handled). */
    public static StopSignal onInterruptOrTerminate() {
        StopSignal s = new StopSignal();
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> s.trigger("SIG" + sig.getName()));
            }
        } catch (IllegalArgumentException | LinkageError unsupported) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> s.trigger("shutdown")));
        }
        return s;
    }

    public void trigger(String why) {
        reason = why;
        stop.countDown();
    }

    /** Blocks until triggered; returns what triggered it. */
    public String await() throws InterruptedException {
        stop.await();
        return reason;
    }
}
