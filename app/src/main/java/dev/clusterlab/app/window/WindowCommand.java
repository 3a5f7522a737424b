package dev.clusterlab.app.window;

import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.fx.LabApp;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import dev.clusterlab.views.session.SessionFiles;
import java.io.PrintStream;

/** Opens the lab window (what {@code clusterlab} with no arguments does). */
public final class WindowCommand {
    private WindowCommand() {}

    /** Opens {@code scenario} (a scenario or trace file, a shipped name; null: the built-in demo), playing; blocks until the window closes. Returns an exit code. */
    public static int open(String scenario, Theme theme, RealDevices devices, PrintStream err) {
        LabSession session;
        try {
            session = scenario == null ? LabSession.open(ScenarioSource.demo()) : SessionFiles.open(scenario, devices);
        } catch (java.io.UncheckedIOException e) {
            err.println("clusterlab: " + e.getCause().getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("clusterlab: " + e.getMessage());
            return 2;
        } catch (ScenarioSyntaxException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!canOpenWindow()) {
            session.close();
            err.println("clusterlab: no display to open the lab window on (DISPLAY and WAYLAND_DISPLAY are unset)."
                    + "\nRun it on a desktop, or render a picture headlessly: clusterlab snapshot " + ScenarioSource.DEMO
                    + " --at 25s --out lab.png\nSee clusterlab --help for the other commands.");
            return 1;
        }
        try {
            LabApp.launch(() -> session, theme, true);
        } catch (RuntimeException e) {
            err.println("clusterlab: the lab window could not start: " + e);
            return 1;
        } finally {
            session.close(); // log out of real devices; a simulated session has nothing open
        }
        return 0;
    }

    /** A window can open: a headless platform was chosen, or there is a desktop (always on Windows and macOS). */
    public static boolean canOpenWindow() {
        if (System.getProperty("glass.platform") != null) return true;
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (!os.contains("linux") && !os.contains("bsd")) return true; // Windows and macOS always have one
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) { return s != null && !s.isBlank(); }
}
