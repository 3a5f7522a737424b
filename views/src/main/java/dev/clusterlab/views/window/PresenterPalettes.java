package dev.clusterlab.views.window;

import dev.clusterlab.views.canvas.Palette;
import dev.clusterlab.views.canvas.Theme;
import javafx.scene.paint.Color;

/**
 * High-contrast canvas colours for presenter mode, one per theme: pure black on white (or white on
 * black) and saturated outcome colours that survive a washed-out classroom projector.
 */
final class PresenterPalettes {
    static final Palette LIGHT = new Palette(Color.WHITE, Color.WHITE, Color.BLACK,
            Color.BLACK, Color.web("#262626"), Color.web("#303030"),
            Color.web("#00802b"), Color.web("#d00000"), Color.web("#b86e00"), Color.web("#7a7a7a"));

    static final Palette DARK = new Palette(Color.BLACK, Color.web("#0d0d0d"), Color.WHITE,
            Color.WHITE, Color.web("#e6e6e6"), Color.web("#d9d9d9"),
            Color.web("#45ff7a"), Color.web("#ff4545"), Color.web("#ffc800"), Color.web("#8c8c8c"));

    private PresenterPalettes() {}

    static Palette of(Theme theme) { return theme == Theme.DARK ? DARK : LIGHT; }
}
