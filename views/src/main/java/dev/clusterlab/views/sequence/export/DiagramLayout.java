package dev.clusterlab.views.sequence.export;

import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.views.canvas.Palette;
import dev.clusterlab.views.sequence.SequenceRow;
import java.util.Locale;
import javafx.scene.paint.Color;

/**
 * Where things go in a drawn sequence diagram (the SVG and the PNG share it, so both look alike): a
 * time column, then one lane per node and per disk at a fixed spacing, a header with the lane
 * names, and rows top to bottom. A command row holds the request arrow (label above) and the dashed
 * response arrow back (outcome above); a cluster-event row holds a diamond on its node's lane.
 * Colours are the window's light palette: GOOD green, RESERVATION CONFLICT red, CHECK CONDITION amber.
 */
final class DiagramLayout {
    static final double TIME_WIDTH = 96;
    static final double LANE_GAP = 260;
    static final double LANE_MARGIN = 90;
    static final double HEADER_HEIGHT = 44;
    static final double COMMAND_HEIGHT = 52;
    static final double EVENT_HEIGHT = 30;
    static final double FOOTER = 16;
    /** Room right of the last lane for labels that run past it. */
    static final double RIGHT_ROOM = 260;

    private final SequenceDiagram diagram;
    /** A generous average glyph width of the 12 px bold sans font, to size the picture for its longest line. */
    private static final double CHAR_WIDTH = 7.4;
    /** Wider than this, a line is cut off at the edge instead. */
    private static final double MAX_WIDTH = 4000;

    private final double[] rowTop;
    private final double height;
    private final double width;

    DiagramLayout(SequenceDiagram diagram) {
        this.diagram = diagram;
        rowTop = new double[diagram.rows().size()];
        double y = HEADER_HEIGHT;
        for (int i = 0; i < rowTop.length; i++) {
            rowTop[i] = y;
            y += rowHeight(diagram.rows().get(i));
        }
        height = y + FOOTER;
        double w = TIME_WIDTH + LANE_MARGIN + Math.max(0, laneCount() - 1) * LANE_GAP + RIGHT_ROOM;
        for (SequenceRow r : diagram.rows()) w = Math.max(w, textEnd(r) + 16);
        width = Math.ceil(Math.min(w, Math.max(MAX_WIDTH, TIME_WIDTH + LANE_MARGIN + laneCount() * LANE_GAP)));
    }

    /** Where a row's text ends, estimated: the SVG has no font metrics, and the PNG must match it. */
    private double textEnd(SequenceRow row) {
        return switch (row) {
            case SequenceRow.Command c -> Math.min(nodeX(c.node()), diskX(c.disk())) + 8
                    + CHAR_WIDTH * Math.max(c.label().length() + c.path().length() + 4, c.outcome().length());
            case SequenceRow.ClusterEvent e -> nodeX(e.node()) + 12 + CHAR_WIDTH * (e.node().length() + 2 + e.text().length());
        };
    }

    static double rowHeight(SequenceRow row) { return row instanceof SequenceRow.Command ? COMMAND_HEIGHT : EVENT_HEIGHT; }

    int laneCount() { return diagram.nodes().size() + diagram.disks().size(); }

    double width() { return width; }

    double height() { return height; }

    double laneX(int lane) { return TIME_WIDTH + LANE_MARGIN + lane * LANE_GAP; }

    double nodeX(String node) {
        int i = diagram.nodes().indexOf(node);
        return laneX(Math.max(0, i));
    }

    double diskX(String disk) {
        int i = diagram.disks().indexOf(disk);
        return laneX(diagram.nodes().size() + Math.max(0, i));
    }

    double rowTop(int index) { return rowTop[index]; }

    String laneName(int lane) {
        int nodes = diagram.nodes().size();
        return lane < nodes ? diagram.nodes().get(lane) : "disk " + diagram.disks().get(lane - nodes);
    }

    /** A node's identity colour as in the window; disks are drawn in the text colour. */
    String laneColour(int lane) { return lane < diagram.nodes().size() ? hex(Palette.LIGHT.node(lane)) : hex(Palette.LIGHT.text()); }

    static String outcomeColour(ScsiStatus status) {
        return hex(switch (status) {
            case GOOD -> Palette.LIGHT.good();
            case RESERVATION_CONFLICT -> Palette.LIGHT.conflict();
            case CHECK_CONDITION -> Palette.LIGHT.check();
            default -> Palette.LIGHT.muted();
        });
    }

    static String background() { return hex(Palette.LIGHT.panel()); }

    static String text() { return hex(Palette.LIGHT.text()); }

    static String muted() { return hex(Palette.LIGHT.muted()); }

    static String laneLine() { return hex(Palette.LIGHT.panelBorder()); }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
