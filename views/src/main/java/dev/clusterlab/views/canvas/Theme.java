package dev.clusterlab.views.canvas;

import java.util.Locale;

/** Light or dark: picks the window's style sheet and the canvas {@link Palette}. */
public enum Theme {
    LIGHT, DARK;

    /** The style sheet of this theme, layered over the base sheet. */
    public String styleSheet() {
        return Theme.class.getResource("/dev/clusterlab/views/window/" + name().toLowerCase(Locale.ROOT) + ".css").toExternalForm();
    }

    public static Theme parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "light" -> LIGHT;
            case "dark" -> DARK;
            default -> throw new IllegalArgumentException("theme must be light or dark: " + text);
        };
    }
}
