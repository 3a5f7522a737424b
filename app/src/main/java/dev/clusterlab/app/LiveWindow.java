package dev.clusterlab.app;

import dev.clusterlab.app.target.StopSignal;
import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.fx.LabApp;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.LiveRecording;
import java.util.List;

/** The lab window watching a running target (`clusterlab target --window`). */
final class LiveWindow {
    private final long t0 = System.nanoTime();
    private final Clock clock = () -> System.nanoTime() - t0;
    private final LiveRecording recording;

    LiveWindow(List<String> logicalUnits) { this.recording = new LiveRecording(clock, logicalUnits); }

    LiveRecording recording() { return recording; }

    /** The clock the target must stamp its events with, so they line up with logins and logouts. */
    Clock clock() { return clock; }

    /**
     * Shows the window and blocks until it is closed, or until {@code stop} fires (Ctrl-C, SIGTERM),
     * which closes it; returns why the wait ended.
     */
    String showUntilClosed(String title, StopSignal stop) {
        String[] why = {"the lab window was closed"};
        Thread watcher = new Thread(() -> {
            try {
                why[0] = stop.await();
                javafx.application.Platform.exit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the window closed first
            }
        }, "clusterlab-stop-watcher");
        watcher.setDaemon(true);
        watcher.start();
        LabApp.launch(() -> LabSession.live(recording, title), Theme.LIGHT, true);
        watcher.interrupt();
        return why[0];
    }
}
