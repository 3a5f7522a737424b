package dev.clusterlab.views.sequence.export;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.views.sequence.SequenceRow;
import java.util.Locale;

/**
 * The sequence diagram as a standalone SVG 1.1 document, built by hand (no toolkit needed): lanes
 * with their names, a time column, each command as a request arrow from its node to its disk and a
 * dashed response arrow back, coloured by outcome, and cluster events as diamonds on their node's
 * lane. Every text is XML-escaped. Elements carry classes ({@code lane}, {@code command},
 * {@code request}, {@code response}, {@code event}) so tools and tests can find them.
 */
public final class SvgExport {
    private SvgExport() {}

    public static String write(SequenceDiagram diagram) {
        DiagramLayout layout = new DiagramLayout(diagram);
        StringBuilder out = new StringBuilder(256 + 600 * diagram.rows().size());
        double w = layout.width(), h = layout.height();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(num(w)).append("\" height=\"")
                .append(num(h)).append("\" viewBox=\"0 0 ").append(num(w)).append(' ').append(num(h))
                .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        out.append("<title>").append(escape("Sequence diagram: " + diagram.title())).append("</title>\n");
        markers(out);
        out.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(num(w)).append("\" height=\"").append(num(h))
                .append("\" fill=\"").append(DiagramLayout.background()).append("\"/>\n");
        lanes(out, layout, h);
        for (int i = 0; i < diagram.rows().size(); i++) {
            SequenceRow row = diagram.rows().get(i);
            double top = layout.rowTop(i);
            switch (row) {
                case SequenceRow.Command c -> command(out, layout, c, top);
                case SequenceRow.ClusterEvent e -> event(out, layout, e, top);
            }
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static void markers(StringBuilder out) {
        out.append("<defs>\n");
        for (ScsiStatus s : new ScsiStatus[] {ScsiStatus.GOOD, ScsiStatus.RESERVATION_CONFLICT, ScsiStatus.CHECK_CONDITION, ScsiStatus.BUSY}) {
            out.append("  <marker id=\"").append(markerId(s)).append("\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\"")
                    .append(" orient=\"auto\" markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"")
                    .append(DiagramLayout.outcomeColour(s)).append("\"/></marker>\n");
        }
        out.append("</defs>\n");
    }

    private static String markerId(ScsiStatus s) {
        return switch (s) {
            case GOOD -> "arrow-good";
            case RESERVATION_CONFLICT -> "arrow-conflict";
            case CHECK_CONDITION -> "arrow-check";
            default -> "arrow-other";
        };
    }

    private static void lanes(StringBuilder out, DiagramLayout layout, double h) {
        out.append("<text class=\"time-header\" x=\"8\" y=\"28\" font-weight=\"bold\" fill=\"").append(DiagramLayout.muted())
                .append("\">time</text>\n");
        for (int lane = 0; lane < layout.laneCount(); lane++) {
            double x = layout.laneX(lane);
            out.append("<g class=\"lane\">");
            out.append("<text x=\"").append(num(x)).append("\" y=\"28\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"")
                    .append(layout.laneColour(lane)).append("\">").append(escape(layout.laneName(lane))).append("</text>");
            out.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(num(DiagramLayout.HEADER_HEIGHT - 6)).append("\" x2=\"")
                    .append(num(x)).append("\" y2=\"").append(num(h - 4)).append("\" stroke=\"").append(DiagramLayout.laneLine())
                    .append("\" stroke-dasharray=\"3 4\"/>");
            out.append("</g>\n");
        }
    }

    private static void command(StringBuilder out, DiagramLayout layout, SequenceRow.Command c, double top) {
        double from = layout.nodeX(c.node()), to = layout.diskX(c.disk());
        double requestY = top + 22, responseY = top + 44;
        String colour = DiagramLayout.outcomeColour(c.status());
        String marker = "url(#" + markerId(c.status()) + ")";
        double left = Math.min(from, to) + 8;
        String label = c.path().isEmpty() ? c.label() : c.label() + "  [" + c.path() + "]";
        out.append("<g class=\"command\" data-outcome=\"").append(escape(c.status().label())).append("\">");
        time(out, c.time(), top + 16);
        out.append("<text class=\"label\" x=\"").append(num(left)).append("\" y=\"").append(num(requestY - 6)).append("\" fill=\"")
                .append(DiagramLayout.text()).append("\">").append(escape(label)).append("</text>");
        out.append("<line class=\"request\" x1=\"").append(num(from)).append("\" y1=\"").append(num(requestY)).append("\" x2=\"")
                .append(num(to - Math.signum(to - from))).append("\" y2=\"").append(num(requestY)).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"2\" marker-end=\"").append(marker).append("\"/>");
        out.append("<text class=\"outcome\" x=\"").append(num(left)).append("\" y=\"").append(num(responseY - 5))
                .append("\" font-weight=\"bold\" fill=\"").append(colour).append("\">").append(escape(c.outcome())).append("</text>");
        out.append("<line class=\"response\" x1=\"").append(num(to)).append("\" y1=\"").append(num(responseY)).append("\" x2=\"")
                .append(num(from + Math.signum(to - from))).append("\" y2=\"").append(num(responseY)).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" marker-end=\"").append(marker).append("\"/>");
        out.append("</g>\n");
    }

    private static void event(StringBuilder out, DiagramLayout layout, SequenceRow.ClusterEvent e, double top) {
        double x = layout.nodeX(e.node()), y = top + 15;
        int lane = layout.laneCount() == 0 ? 0 : Math.max(0, indexOfNode(layout, e.node()));
        out.append("<g class=\"event\">");
        time(out, e.time(), y + 4);
        out.append("<polygon points=\"").append(num(x)).append(',').append(num(y - 7)).append(' ').append(num(x + 7)).append(',')
                .append(num(y)).append(' ').append(num(x)).append(',').append(num(y + 7)).append(' ').append(num(x - 7)).append(',')
                .append(num(y)).append("\" fill=\"").append(layout.laneColour(lane)).append("\"/>");
        out.append("<text x=\"").append(num(x + 12)).append("\" y=\"").append(num(y + 4)).append("\" font-weight=\"bold\" fill=\"")
                .append(DiagramLayout.text()).append("\">").append(escape(e.node() + ": " + e.text())).append("</text>");
        out.append("</g>\n");
    }

    private static int indexOfNode(DiagramLayout layout, String node) {
        for (int i = 0; i < layout.laneCount(); i++) if (layout.laneName(i).equals(node)) return i;
        return -1;
    }

    private static void time(StringBuilder out, long nanos, double y) {
        out.append("<text class=\"time\" x=\"8\" y=\"").append(num(y)).append("\" font-family=\"DejaVu Sans Mono, monospace\"")
                .append(" font-size=\"11\" fill=\"").append(DiagramLayout.muted()).append("\">").append(escape(Durations.format(nanos)))
                .append("</text>");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** XML text and attribute escaping; characters XML 1.0 forbids (most C0 controls) become U+FFFD. */
    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0xFFFE || ch == 0xFFFF ? '\uFFFD' : ch);
            }
        }
        return b.toString();
    }
}
