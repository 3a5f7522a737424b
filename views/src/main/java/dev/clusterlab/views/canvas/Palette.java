package dev.clusterlab.views.canvas;

import javafx.scene.paint.Color;

/**
 * The canvas colours of one theme. Node identity colours are shared by both themes so a node keeps
 * its colour (and its ownership marks theirs) when the presenter switches.
 */
public record Palette(Color background, Color panel, Color panelBorder, Color text, Color muted, Color link,
                      Color good, Color conflict, Color check, Color down) {

    private static final Color[] NODE_COLOURS = {
            Color.web("#1f77b4"), Color.web("#e8710a"), Color.web("#2ca02c"), Color.web("#9467bd"),
            Color.web("#d62728"), Color.web("#17becf"), Color.web("#8c564b"), Color.web("#e377c2")};

    public static final Palette LIGHT = new Palette(Color.web("#f7f7f4"), Color.WHITE, Color.web("#b8b8b0"),
            Color.web("#1d1d1b"), Color.web("#6b6b66"), Color.web("#8a8f98"),
            Color.web("#1e9e3e"), Color.web("#d62020"), Color.web("#e09b00"), Color.web("#9a9a9a"));

    public static final Palette DARK = new Palette(Color.web("#1b1d22"), Color.web("#262a31"), Color.web("#4a505b"),
            Color.web("#ecedf0"), Color.web("#a3a8b2"), Color.web("#7d8590"),
            Color.web("#3fcf63"), Color.web("#ff5a52"), Color.web("#ffb020"), Color.web("#6b6f77"));

    /** The identity colour of the node at {@code index} in the scenario's node order. */
    public Color node(int index) { return NODE_COLOURS[Math.floorMod(index, NODE_COLOURS.length)]; }

    public static Palette of(Theme theme) { return theme == Theme.DARK ? DARK : LIGHT; }
}
