package dev.clusterlab.views.canvas;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** The canvas fonts and text helpers: measuring, fitting into a width, formatting keys. FX thread only. */
final class CanvasText {
    static final Font TITLE = Font.font("System", FontWeight.BOLD, 20);
    static final Font NAME = Font.font("System", FontWeight.BOLD, 17);
    static final Font BODY = Font.font("System", 14);
    static final Font SMALL = Font.font("System", 12);
    static final Font SMALL_BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final Text MEASURE = new Text();
    // Measuring a Text node costs microseconds; a busy frame measures thousands of (mostly the same) labels.
    private static final Map<Font, Map<String, Double>> WIDTHS = new HashMap<>();
    private static final int WIDTH_CACHE_LIMIT = 8192;

    private CanvasText() {}

    /** Draws {@code text}, cut short with an ellipsis if it would run past {@code maxWidth}. */
    static void fit(GraphicsContext g, String text, double x, double y, double maxWidth) {
        String shown = text;
        if (width(shown, g.getFont()) > maxWidth) {
            // The longest prefix that fits with its ellipsis, by bisection: a frame may fit hundreds of labels.
            int lo = 4, hi = text.length() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (width(text.substring(0, mid) + "…", g.getFont()) <= maxWidth) lo = mid;
                else hi = mid - 1;
            }
            shown = text.substring(0, Math.min(lo, text.length())) + "…";
        }
        g.fillText(shown, x, y);
    }

    /** The width {@code text} takes in {@code font}, so plates and chips fit their words. */
    static double width(String text, Font font) {
        Map<String, Double> known = WIDTHS.computeIfAbsent(font, f -> new HashMap<>());
        Double w = known.get(text);
        if (w != null) return w;
        if (known.size() > WIDTH_CACHE_LIMIT) known.clear(); // labels repeat frame after frame; a burst of new ones starts afresh
        MEASURE.setFont(font);
        MEASURE.setText(text);
        double measured = MEASURE.getLayoutBounds().getWidth();
        known.put(text, measured);
        return measured;
    }

    /** A reservation key as sg_persist users read it: 0x and upper-case hex, no leading zeros. */
    static String hexKey(long key) { return "0x" + Long.toHexString(key).toUpperCase(Locale.ROOT); }
}
