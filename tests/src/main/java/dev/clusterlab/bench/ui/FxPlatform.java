package dev.clusterlab.bench.ui;

import dev.clusterlab.views.fx.HeadlessFx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts JavaFX for a UI benchmark: on the X display in {@code DISPLAY} (the bench scripts start
 * Xvfb there when it is installed), else Monocle's headless platform with software rendering.
 * {@code -Dclusterlab.bench.monocle=true} forces Monocle. {@link #describe()} says which, for the report.
 */
final class FxPlatform {
    private FxPlatform() {}

    static void start() throws Exception {
        String display = System.getenv("DISPLAY");
        if (Boolean.getBoolean("clusterlab.bench.monocle") || display == null || display.isBlank()) {
            HeadlessFx.start(); // Monocle headless, prism sw
            return;
        }
        HeadlessFx.quietClassPathWarning();
        CompletableFuture<Void> up = new CompletableFuture<>();
        Platform.startup(() -> up.complete(null));
        Platform.setImplicitExit(false);
        up.get(60, TimeUnit.SECONDS);
    }

    /** Runs {@code work} on the FX thread and waits for it, however long it takes (a benchmark may be slow). */
    static void run(Runnable work) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(30, TimeUnit.MINUTES);
    }

    /** E.g. "Xvfb DISPLAY=:99, glass gtk, prism es2" or "Monocle headless, prism sw". */
    static String describe() {
        String glass = System.getProperty("glass.platform");
        String pipeline;
        try {
            pipeline = com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName();
        } catch (Throwable e) {
            pipeline = "prism.order=" + System.getProperty("prism.order", "default");
        }
        if ("Monocle".equals(glass)) return "Monocle " + System.getProperty("monocle.platform", "") + ", " + pipeline;
        return "X display " + System.getenv("DISPLAY") + " (Xvfb), glass gtk, " + pipeline;
    }
}
