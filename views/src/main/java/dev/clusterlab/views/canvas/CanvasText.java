package dev.clusterlab.views.canvas;

import java.util.Locale;
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

    private CanvasText() {}

    /** Draws {@code text}, cut short with an ellipsis if it would run past {@code maxWidth}. */
    static void fit(GraphicsContext g, String text, double x, double y, double maxWidth) {
        String shown = text;
        if (width(shown, g.getFont()) > maxWidth) {
            while (shown.length() > 4 && width(shown + "…", g.getFont()) > maxWidth) shown = shown.substring(0, shown.length() - 1);
            shown += "…";
        }
        g.fillText(shown, x, y);
    }

    /** The width {@code text} takes in {@code font}, so plates and chips fit their words. */
    static double width(String text, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(text);
        return MEASURE.getLayoutBounds().getWidth();
    }

    /** A reservation key as sg_persist users read it: 0x and upper-case hex, no leading zeros. */
    static String hexKey(long key) { return "0x" + Long.toHexString(key).toUpperCase(Locale.ROOT); }
}
