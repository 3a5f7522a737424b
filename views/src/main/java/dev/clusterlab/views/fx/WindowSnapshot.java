package dev.clusterlab.views.fx;

import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.window.LabWindow;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

/** Renders the whole lab window at one simulated time into an image, with no display (see {@link HeadlessFx}). */
public final class WindowSnapshot {
    private WindowSnapshot() {}

    /** The window of {@code session} at {@code atNanos}, {@code width} x {@code height} pixels. */
    public static WritableImage render(LabSession session, long atNanos, int width, int height, Theme theme) {
        HeadlessFx.start();
        return HeadlessFx.call(() -> {
            session.seek(atNanos);
            LabWindow window = new LabWindow(new LabWindowViewModel(session));
            window.dispose(); // a still picture: no animation
            window.setTheme(theme);
            Scene scene = new Scene(window, width, height);
            return scene.snapshot(null);
        });
    }

    /** As {@link #render}, written to {@code file} as a PNG. */
    public static void writePng(LabSession session, long atNanos, int width, int height, Theme theme, Path file) throws IOException {
        WritableImage image = render(session, atNanos, width, height, theme);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(file)) {
            PngEncoder.write(image, out);
        }
    }
}
