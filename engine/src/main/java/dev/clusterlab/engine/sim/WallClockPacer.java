package dev.clusterlab.engine.sim;

/**
 * Paces a {@link Scheduler} to wall time times a speed factor, for the UI (DESIGN.md "Time").
 *
 * <p>It has no thread and reads no clock: the UI's once-per-frame callback passes the frame's wall
 * time to {@link #advanceTo(long)}, which runs every event due by the matching virtual time. That
 * keeps the engine single-threaded and lets tests drive it with a fake wall clock.
 *
 * <p>Virtual time is {@code anchorVirtual + (wall - anchorWall) * speed}; the anchor is reset on
 * every speed change and resume, so neither makes virtual time jump. A pacer starts paused; while
 * paused, the UI may step the scheduler directly ({@link Scheduler#step()}) and resuming continues
 * from wherever the scheduler then is.
 */
public final class WallClockPacer {
    public static final double MIN_SPEED = 0.1;
    public static final double MAX_SPEED = 100.0;

    private final Scheduler scheduler;
    private double speed;
    private boolean paused = true;
    private long anchorWall;
    private long anchorVirtual;
    private long lastWall = Long.MIN_VALUE;

    public WallClockPacer(Scheduler scheduler, double speed) {
        this.scheduler = scheduler;
        this.speed = checkedSpeed(speed);
    }

    public double speed() { return speed; }

    public boolean isPaused() { return paused; }

    /** Starts or continues pacing from the scheduler's current virtual time at {@code wallNanos}. */
    public void resume(long wallNanos) {
        observe(wallNanos);
        if (!paused) return;
        paused = false;
        anchor(wallNanos, scheduler.now());
    }

    /**
     * Stops virtual time at {@code wallNanos}: events due up to that instant run first, so pausing
     * between two frames loses nothing.
     */
    public void pause(long wallNanos) {
        if (paused) {
            observe(wallNanos);
            return;
        }
        advanceTo(wallNanos);
        paused = true;
    }

    /** Changes the speed (0.1x to 100x) from {@code wallNanos} on; time up to then ran at the old speed. */
    public void setSpeed(double newSpeed, long wallNanos) {
        double checked = checkedSpeed(newSpeed);
        if (!paused) advanceTo(wallNanos);
        else observe(wallNanos);
        speed = checked;
        if (!paused) anchor(wallNanos, scheduler.now());
    }

    /**
     * Called once per frame with the frame's wall time: runs every event due by the corresponding
     * virtual time and moves the scheduler's time there. Does nothing but note the time while paused.
     * Returns the number of events run.
     */
    public long advanceTo(long wallNanos) {
        observe(wallNanos);
        if (paused) return 0;
        long target = virtualAt(wallNanos);
        // The scheduler may already be ahead if someone stepped it directly while running.
        if (target <= scheduler.now()) return 0;
        return scheduler.runUntil(target);
    }

    /** The virtual time that {@code wallNanos} maps to while running. */
    long virtualAt(long wallNanos) {
        return anchorVirtual + Math.round((wallNanos - anchorWall) * speed);
    }

    private void anchor(long wallNanos, long virtualNanos) {
        anchorWall = wallNanos;
        anchorVirtual = virtualNanos;
    }

    private void observe(long wallNanos) {
        if (wallNanos < lastWall) {
            throw new IllegalArgumentException("wall time went backwards: " + wallNanos + " < " + lastWall);
        }
        lastWall = wallNanos;
    }

    private static double checkedSpeed(double speed) {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("speed must be within " + MIN_SPEED + "x.." + MAX_SPEED + "x: " + speed);
        }
        return speed;
    }
}
