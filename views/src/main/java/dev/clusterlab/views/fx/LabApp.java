package dev.clusterlab.views.fx;

import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.shell.LabShell;
import dev.clusterlab.views.shell.LabShellViewModel;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application of the lab window. JavaFX sits on the class path, so the command-line main
 * class (not an Application) starts it through {@link #launch(Supplier, Theme, boolean)}, which
 * hands over the session and calls {@link Application#launch(Class, String...)}.
 */
public final class LabApp extends Application {
    private static Supplier<LabSession> sessions;
    private static Theme theme = Theme.LIGHT;
    private static boolean autoplay;

    /** Opens the window on the session {@code source} makes and blocks until the window closes. */
    public static void launch(Supplier<LabSession> source, Theme initialTheme, boolean play) {
        sessions = source;
        theme = initialTheme;
        autoplay = play;
        HeadlessFx.quietClassPathWarning();
        Application.launch(LabApp.class);
    }

    @Override
    public void start(Stage stage) {
        LabSession session = sessions.get();
        LabShellViewModel model = LabShellViewModel.of(session);
        model.themeProperty().set(theme);
        LabShell shell = new LabShell(model);
        stage.titleProperty().bind(model.titleProperty());
        stage.setScene(shell.scene(1440, 900));
        stage.setOnHidden(e -> shell.dispose());
        stage.show();
        if (autoplay) model.window().togglePlay();
        if (Boolean.getBoolean(PROBE_FIRST_FRAME)) probeFirstFrame();
    }

    /** Opt-in startup probe for bench/ui-startup: reports the first pulse after the stage is shown. */
    public static final String PROBE_FIRST_FRAME = "clusterlab.probe.first-frame";
    /** With the probe: exit right after reporting. */
    public static final String PROBE_EXIT = "clusterlab.probe.exit";
    /** With the probe: the launch time in epoch milliseconds (e.g. taken by a script before starting the JVM). */
    public static final String PROBE_T0 = "clusterlab.probe.t0";

    private static void probeFirstFrame() {
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                long wall = System.currentTimeMillis();
                long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                long t0 = Long.getLong(PROBE_T0, jvmStart);
                System.err.println("first frame after " + (wall - t0) + " ms (" + (wall - jvmStart) + " ms after JVM start)");
                if (Boolean.getBoolean(PROBE_EXIT)) javafx.application.Platform.exit();
            }
        }.start();
    }
}
