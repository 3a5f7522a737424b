package dev.clusterlab.bench.ui;

import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.window.LabWindow;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Issue 5's frame-pacing figure: the real lab window ({@link LabWindow} + {@link LabWindowViewModel}
 * + {@link LabSession}) plays a generated 32-node, 8-disk WSFC scenario of about 1,000 commands per
 * simulated second at 1x for {@code seconds} of wall time, in a 1440x900 stage.
 *
 * <p>The window's own animation timer is stopped ({@link LabWindow#dispose()}) and replaced by one
 * that does the same work ({@code model.tick(now)}, which moves the cursor, builds the frame, updates
 * the sequence diagram and repaints the canvas) and times it. Recorded per pulse: the pulse-to-pulse
 * interval (what the eye sees; includes layout, CSS and handing the scene to the renderer) and the
 * time inside the handler. The first {@link #WARM_UP_SECONDS} are reported apart (JIT warm-up).
 *
 * <p>Run with {@code bench/ui-frames [seconds]}.
 */
public final class UiFrameBench {
    /** Eight groups writing every 7.5 ms: with one failover during the run, about 1,000 commands/s. */
    public static final String WORKLOAD_INTERVAL = "7.5ms";
    static final int NODES = 32, DISKS = 8;
    static final double WARM_UP_SECONDS = 2;
    private static final long FRAME_BUDGET_NANOS = 16_700_000L;

    private UiFrameBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int endSeconds = (int) Math.ceil(seconds) + 10; // the scenario outlasts the run, so it never pauses
        String text = LoadScenario.text(NODES, DISKS, WORKLOAD_INTERVAL, endSeconds, seconds * 0.4);
        LabSession session = LabSession.open(LoadScenario.parse(text));

        FxPlatform.start();
        Percentiles warmIntervals = new Percentiles(), intervals = new Percentiles(), handler = new Percentiles();
        long[] startedAt = {0};
        ThreadCpu cpu = new ThreadCpu();
        CountDownLatch done = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        Platform.runLater(() -> {
            LabWindowViewModel model = new LabWindowViewModel(session);
            LabWindow window = new LabWindow(model);
            window.dispose(); // its timer is replaced by the timed one below
            // Diagnosis only (to split the cost between the parts): hide one part of the window.
            if (Boolean.getBoolean("clusterlab.bench.hide-canvas")) window.canvas().setVisible(false);
            if (Boolean.getBoolean("clusterlab.bench.hide-sequence")) window.sequence().setVisible(false);
            stage[0] = new Stage();
            stage[0].setTitle("ClusterLab frame benchmark");
            stage[0].setScene(new Scene(window, 1440, 900));
            stage[0].show();
            model.togglePlay();
            new AnimationTimer() {
                private long last;

                @Override
                public void handle(long now) {
                    long entered = System.nanoTime();
                    if (last == 0) startedAt[0] = entered;
                    else if (entered - startedAt[0] < WARM_UP_SECONDS * 1e9) warmIntervals.add(entered - last);
                    else intervals.add(entered - last);
                    last = entered;
                    model.tick(now);
                    if (entered - startedAt[0] >= WARM_UP_SECONDS * 1e9) {
                        if (handler.count() == 0) cpu.start();
                        handler.add(System.nanoTime() - entered);
                    }
                    if (entered - startedAt[0] >= (WARM_UP_SECONDS + seconds) * 1e9) {
                        stop();
                        cpu.stop();
                        model.playingProperty().set(false);
                        done.countDown();
                    }
                }
            }.start();
        });
        if (!done.await((long) (seconds + WARM_UP_SECONDS + 120), TimeUnit.SECONDS)) throw new IllegalStateException("benchmark did not finish");
        long simulatedEnd = session.cursor();
        Platform.runLater(() -> stage[0].close());

        double fps = intervals.count() / (intervals.meanNanos() * intervals.count() / 1e9);
        double rate = LoadScenario.commandsPerSecond(session.timeline(), 0, Math.max(1, simulatedEnd));
        System.out.printf(Locale.ROOT, "ui-frames: %d nodes, %d data disks (one group each), WSFC, workload every %s; %s%n",
                NODES, DISKS, WORKLOAD_INTERVAL, FxPlatform.describe());
        System.out.printf(Locale.ROOT, "  played:          %.1f s wall at 1x (after %.0f s warm-up), simulated 0 .. %.2f s, %,d timeline events%n",
                seconds, WARM_UP_SECONDS, simulatedEnd / 1e9, session.timeline().size());
        System.out.printf(Locale.ROOT, "  command rate:    %.0f CommandCompleted per simulated second (target 1,000)%n", rate);
        System.out.printf(Locale.ROOT, "  frames:          %d pulses, %.1f fps%n", intervals.count(), fps);
        System.out.printf(Locale.ROOT, "  pulse interval:  %s  (%d over 16.7 ms)%n", intervals.summaryMillis(), intervals.countAbove(FRAME_BUDGET_NANOS));
        System.out.printf(Locale.ROOT, "  pulse handler:   %s  (model.tick: cursor, frame, sequence rows, canvas paint)%n", handler.summaryMillis());
        System.out.printf(Locale.ROOT, "  CPU per pulse:   %s%n", cpu.perPulse(intervals.count()));
        if (warmIntervals.count() > 0) System.out.printf(Locale.ROOT, "  warm-up pulses:  %s%n", warmIntervals.summaryMillis());
        System.out.println(intervals.percentile(99) < FRAME_BUDGET_NANOS && fps >= 59 ? "  verdict:         PASS (60 fps, p99 < 16.7 ms)"
                : "  verdict:         MISS (target 60 fps, p99 < 16.7 ms)");
        Platform.exit();
        System.exit(0);
    }
}
