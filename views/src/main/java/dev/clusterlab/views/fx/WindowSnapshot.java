package dev.clusterlab.views.fx;

import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.shell.LabShell;
import dev.clusterlab.views.shell.LabShellViewModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

/**
 * Renders the whole lab window (menu bar included) at one simulated time into an image, with no
 * display (see {@link HeadlessFx}).
 */
public final class WindowSnapshot {
    private WindowSnapshot() {}

    /** The window of {@code session} at {@code atNanos}, {@code width} x {@code height} pixels. */
    public static WritableImage render(LabSession session, long atNanos, int width, int height, Theme theme) {
        return render(session, atNanos, width, height, theme, false);
    }

    /** As {@link #render(LabSession, long, int, int, Theme)}, in presenter mode when {@code presenter}. */
    public static WritableImage render(LabSession session, long atNanos, int width, int height, Theme theme, boolean presenter) {
        return render(session, atNanos, width, height, theme, presenter, List.of());
    }

    /**
     * As {@link #render(LabSession, long, int, int, Theme, boolean)}, after typing {@code consoleLines}
     * into the command console at {@code atNanos} (the last command's row is selected and decoded).
     */
    public static WritableImage render(LabSession session, long atNanos, int width, int height, Theme theme, boolean presenter,
                                       List<String> consoleLines) {
        HeadlessFx.start();
        return HeadlessFx.call(() -> {
            session.seek(atNanos);
            LabShellViewModel model = LabShellViewModel.of(session);
            model.themeProperty().set(theme);
            model.presenterProperty().set(presenter);
            LabShell shell = new LabShell(model);
            shell.dispose(); // a still picture: no animation
            Scene scene = new Scene(shell, width, height);
            if (!consoleLines.isEmpty()) {
                // Lay the window out first, so the lists have skins that can scroll to the selected row.
                shell.applyCss();
                shell.layout();
                for (String line : consoleLines) shell.window().console().model().run(line);
                scene.snapshot(null); // a full layout pass, so the list knows its new rows
                shell.window().revealSelectedRow();
            }
            return scene.snapshot(null);
        });
    }

    /** As {@link #render}, written to {@code file} as a PNG. */
    public static void writePng(LabSession session, long atNanos, int width, int height, Theme theme, Path file) throws IOException {
        writePng(session, atNanos, width, height, theme, false, file);
    }

    /** As {@link #render(LabSession, long, int, int, Theme, boolean)}, written to {@code file} as a PNG. */
    public static void writePng(LabSession session, long atNanos, int width, int height, Theme theme, boolean presenter, Path file)
            throws IOException {
        writePng(session, atNanos, width, height, theme, presenter, List.of(), file);
    }

    /** As {@link #render(LabSession, long, int, int, Theme, boolean, List)}, written to {@code file} as a PNG. */
    public static void writePng(LabSession session, long atNanos, int width, int height, Theme theme, boolean presenter,
                                List<String> consoleLines, Path file) throws IOException {
        WritableImage image = render(session, atNanos, width, height, theme, presenter, consoleLines);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(file)) {
            PngEncoder.write(image, out);
        }
    }
}
