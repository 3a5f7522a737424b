package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.scenario.DiskSpec;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.Topology;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * One shared disk's card: its role and PR generation, the persistent reservation as a bar in the
 * holder's colour with its type, any SPC-2 RESERVE holder, and one chip per registration (node path
 * and key, a star on the holder).
 */
final class DiskPainter {
    private final Topology topology;
    private final PortNames names;

    DiskPainter(Topology topology, PortNames names) {
        this.topology = topology;
        this.names = names;
    }

    void paint(GraphicsContext g, Layout layout, int index, LabFrame frame, Palette p) {
        DiskSpec disk = topology.disks().get(index);
        Layout.Box b = layout.disks().get(index);
        ReservationSnapshot r = frame.disks().reservation(disk.name());
        g.setFill(p.panel());
        g.fillRoundRect(b.x(), b.y(), b.w(), b.h(), 10, 10);
        boolean violated = violated(frame, disk.name());
        g.setStroke(violated ? p.conflict() : p.panelBorder());
        g.setLineWidth(violated ? 5 : 2);
        g.strokeRoundRect(b.x(), b.y(), b.w(), b.h(), 10, 10);
        if (violated) {
            g.setFont(CanvasText.SMALL_BOLD);
            String text = "⚠ INTEGRITY VIOLATION";
            double tw = CanvasText.width(text, CanvasText.SMALL_BOLD) + 14;
            g.setFill(p.conflict());
            g.fillRoundRect(b.x() + b.w() - tw - 10, b.y() - 11, tw, 22, 11, 11);
            g.setFill(Color.WHITE);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(text, b.x() + b.w() - tw - 3, b.y());
        }

        double x = b.x() + 14, y = b.y() + 20;
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(CanvasText.NAME);
        g.setFill(p.text());
        g.fillText("disk " + disk.name(), x, y);
        if (disk.real()) realBadge(g, x + CanvasText.width("disk " + disk.name(), CanvasText.NAME) + 10, y, frame.armed(disk.name()), p);
        g.setFont(CanvasText.SMALL);
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(role(disk) + " · PR generation " + r.generation(), b.x() + b.w() - 14, y);
        g.setTextAlign(TextAlignment.LEFT);

        // The ownership mark: a bar in the holder's colour, the first thing the eye finds.
        y += 18;
        String holder = holderName(r);
        if (r.reserved()) {
            Color c = holder == null ? p.muted() : p.node(topology.nodeNames().indexOf(holder));
            g.setFill(c);
            g.fillRoundRect(x, y, b.w() - 28, 28, 8, 8);
            g.setFill(Color.WHITE);
            g.setFont(Font.font("System", FontWeight.BOLD, 14));
            g.fillText("RESERVED by " + (holder == null ? "?" : holder) + " · " + typeShort(r.reservationType()), x + 10, y + 14);
            g.setFill(p.muted());
            g.setFont(CanvasText.SMALL);
            g.fillText(typeLong(r.reservationType()), x, y + 40);
        } else if (r.spc2Holder() != null) {
            // An SPC-2 RESERVE (MSCS-era clusters) is the disk's ownership mark when there is no persistent one.
            String path = names.path(r.spc2Holder().initiator()), node = names.node(r.spc2Holder().initiator());
            g.setFill(node == null ? p.muted() : p.node(topology.nodeNames().indexOf(node)));
            g.fillRoundRect(x, y, b.w() - 28, 28, 8, 8);
            g.setFill(Color.WHITE);
            g.setFont(Font.font("System", FontWeight.BOLD, 14));
            CanvasText.fit(g, "SCSI-2 RESERVED by " + path, x + 10, y + 14, b.w() - 48);
            g.setFill(p.muted());
            g.setFont(CanvasText.SMALL);
            g.fillText("RESERVE(6)/(10): only that path may access the disk until a reset", x, y + 40);
        } else {
            g.setStroke(p.panelBorder());
            g.setLineDashes(6, 4);
            g.strokeRoundRect(x, y, b.w() - 28, 28, 8, 8);
            g.setLineDashes((double[]) null);
            g.setFill(p.muted());
            g.setFont(CanvasText.BODY);
            g.fillText("no reservation", x + 10, y + 14);
        }
        y += 46;
        if (r.spc2Holder() != null && r.reserved()) {
            g.setFill(p.check());
            g.setFont(CanvasText.SMALL_BOLD);
            g.fillText("SCSI-2 RESERVE held by " + names.path(r.spc2Holder().initiator()), x, y += 16);
        }
        g.setFont(CanvasText.SMALL);
        g.setFill(p.muted());
        g.fillText(r.registrants().isEmpty() ? "no registrations" : "registrations (path: key):", x, y += 18);
        double chipX = x, chipY = y + 12;
        List<ReservationSnapshot.Registrant> registrants = r.registrants();
        for (int k = 0; k < registrants.size(); k++) {
            ReservationSnapshot.Registrant reg = registrants.get(k);
            String path = names.path(reg.initiator());
            String node = names.node(reg.initiator());
            String text = path + "  " + CanvasText.hexKey(reg.key()) + (reg.holder() ? "  ★" : "");
            double cw = CanvasText.width(text, reg.holder() ? CanvasText.SMALL_BOLD : CanvasText.SMALL) + 16;
            if (chipX + cw > b.x() + b.w() - 10) {
                chipX = x;
                chipY += 24;
            }
            if (chipY + 20 > b.y() + b.h() - 4) { // no room left in the box: say how many are not shown
                g.setFill(p.muted());
                g.setFont(CanvasText.SMALL_BOLD);
                g.setTextAlign(TextAlignment.RIGHT);
                Set<String> rest = new LinkedHashSet<>();
                for (int m = k; m < registrants.size(); m++) rest.add(names.path(registrants.get(m).initiator()).split("/")[0]);
                g.setTextAlign(TextAlignment.LEFT);
                CanvasText.fit(g, "+" + (registrants.size() - k) + " more, from " + String.join(", ", rest), x + 180, y, b.w() - 194);
                break;
            }
            Color c = node == null ? p.muted() : p.node(topology.nodeNames().indexOf(node));
            g.setFill(c.deriveColor(0, 1, 1, 0.22));
            g.fillRoundRect(chipX, chipY, cw, 20, 10, 10);
            g.setStroke(c);
            g.setLineWidth(reg.holder() ? 2.5 : 1.2);
            g.strokeRoundRect(chipX, chipY, cw, 20, 10, 10);
            g.setFill(p.text());
            g.setFont(reg.holder() ? CanvasText.SMALL_BOLD : CanvasText.SMALL);
            g.fillText(text, chipX + 8, chipY + 10);
            chipX += cw + 6;
        }
    }

    /**
     * Whether the integrity monitor has fired on {@code disk}: the cluster view counts violations but
     * not per disk, so this reads the narration the frame carries (its last lines).
     */
    static boolean violated(LabFrame frame, String disk) {
        if (frame.cluster().violations() == 0) return false;
        String mark = "INTEGRITY VIOLATION on " + disk + ":";
        for (var line : frame.narration()) if (line.text().startsWith(mark)) return true;
        return false;
    }

    /**
     * A real disk says so, and whether it is armed: "REAL · read-only" (grey) or "REAL · ARMED"
     * (amber), so nobody mistakes a device the lab may change for a simulated one.
     */
    private static void realBadge(GraphicsContext g, double x, double middle, boolean armed, Palette p) {
        String text = armed ? "REAL · ARMED" : "REAL · read-only";
        g.setFont(CanvasText.SMALL_BOLD);
        double w = CanvasText.width(text, CanvasText.SMALL_BOLD) + 12;
        g.setFill(armed ? p.check() : p.muted());
        g.fillRoundRect(x, middle - 9, w, 18, 9, 9);
        g.setFill(Color.WHITE);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(text, x + 6, middle);
    }

    private String role(DiskSpec disk) {
        if (disk.name().equals(topology.witnessDisk())) return "quorum witness";
        List<String> groups = topology.groupsOn(disk.name());
        return groups.isEmpty() ? disk.role().name().toLowerCase(Locale.ROOT) : "data of " + String.join(", ", groups);
    }

    /** The node holding the persistent reservation (the first holder; under all-registrants types, say so). */
    private String holderName(ReservationSnapshot r) {
        if (!r.reserved()) return null;
        Set<String> holders = new LinkedHashSet<>();
        for (ReservationSnapshot.Registrant reg : r.registrants()) if (reg.holder()) holders.add(names.node(reg.initiator()));
        holders.remove(null);
        if (holders.isEmpty()) return null;
        return holders.size() == 1 ? holders.iterator().next() : String.join(" + ", holders);
    }

    private static String typeShort(int code) {
        PrType t = type(code);
        return t == null ? "type " + code : "type " + code + " (" + t.shortName() + ")";
    }

    /** SPC-4 Table 206 names the types; the long name says who may write. */
    private static String typeLong(int code) {
        PrType t = type(code);
        return t == null ? "" : t.label() + (t.registrantsOnly() || t.allRegistrants() ? ": only registered paths may " + (t.exclusiveAccess() ? "access" : "write") : ": only the holder may " + (t.exclusiveAccess() ? "access" : "write"));
    }

    private static PrType type(int code) {
        try {
            return PrType.fromCode(code);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
