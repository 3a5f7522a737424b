package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.scenario.NodeSpec;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things go on the canvas: the disks stacked in the middle, the nodes in a column either side
 * of them, each node's storage paths as ports on the side facing the disks, and the heartbeat
 * networks (an arc over the disks for two nodes, a bus for more). Depends only on the topology and
 * the canvas size, so nothing jumps while time moves; painting and hit-testing both read it.
 */
record Layout(List<Box> nodes, List<Box> disks, List<List<Box>> ports, double width, boolean bus) {

    static final double PORT_W = 30, PORT_H = 20, PORT_GAP = 26;

    record Box(double x, double y, double w, double h) {
        double cx() { return x + w / 2; }

        double cy() { return y + h / 2; }

        boolean contains(double px, double py) { return px >= x && px <= x + w && py >= y && py <= y + h; }
    }

    /** A straight piece of a drawn line, for hit-testing and for moving dots along it. */
    record Segment(double x0, double y0, double x1, double y1) {
        double length() { return Math.hypot(x1 - x0, y1 - y0); }

        double distanceTo(double px, double py) {
            double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
            return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
        }
    }

    /** The quadratic arc of a two-node link: from {@code (x0, y0)} over {@code (cx, cy)} to {@code (x2, y2)}. */
    record Arc(double x0, double y0, double cx, double cy, double x2, double y2) {
        double x(double t) { return (1 - t) * (1 - t) * x0 + 2 * (1 - t) * t * cx + t * t * x2; }

        double y(double t) { return (1 - t) * (1 - t) * y0 + 2 * (1 - t) * t * cy + t * t * y2; }

        /** The shortest distance from the point to the arc, sampled finely enough for a mouse. */
        double distanceTo(double px, double py) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i <= 64; i++) best = Math.min(best, Math.hypot(px - x(i / 64.0), py - y(i / 64.0)));
            return best;
        }
    }

    static Layout of(Topology topology, double w, double h) {
        double top = ClusterPainter.HEADER_H + 70, bottom = h - ClusterPainter.LEGEND_H - 10;
        double centreX = w / 2, centreY = (top + bottom) / 2;

        int registrations = 0; // the most registrations a disk can have: one per node path
        for (NodeSpec n : topology.nodes()) registrations += n.paths();
        double diskW = Math.min(440, w * 0.34);
        double diskH = 136 + 24 * Math.max(1, (registrations + 1) / 2); // chips flow two to a row
        int diskCount = topology.disks().size();
        double gap = 24;
        double room = bottom - top - 20;
        if (diskCount * diskH + (diskCount - 1) * gap > room) diskH = Math.max(110, (room - (diskCount - 1) * gap) / diskCount);
        double stack = diskCount * diskH + (diskCount - 1) * gap;
        List<Box> disks = new ArrayList<>();
        for (int i = 0; i < diskCount; i++) disks.add(new Box(centreX - diskW / 2, centreY - stack / 2 + i * (diskH + gap), diskW, diskH));

        // Two columns either side of the disks, alternating, so no node ever covers a disk and a
        // two-node cluster reads left to right.
        int n = topology.nodes().size();
        int leftCount = (n + 1) / 2, rightCount = n / 2;
        // On a bus (more than two nodes) the outer margin leaves room for the stubs heartbeats travel along.
        double margin = n > 2 ? 64 : 24;
        double columnOffset = Math.max(diskW / 2 + ClusterPainter.NODE_W / 2 + 40 + PORT_W, w / 2 - ClusterPainter.NODE_W / 2 - margin);
        List<Box> nodes = new ArrayList<>();
        List<List<Box>> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean left = i % 2 == 0;
            int row = i / 2, rows = left ? leftCount : rightCount;
            double slot = (bottom - top) / rows;
            double x = centreX + (left ? -columnOffset : columnOffset);
            double y = top + slot * (row + 0.5);
            Box node = new Box(x - ClusterPainter.NODE_W / 2, y - ClusterPainter.NODE_H / 2, ClusterPainter.NODE_W, ClusterPainter.NODE_H);
            nodes.add(node);
            // The node's paths are ports on the side facing the disks, outside the card so they never hide its text.
            int paths = topology.nodes().get(i).paths();
            List<Box> own = new ArrayList<>(paths);
            for (int p = 0; p < paths; p++) {
                double py = node.cy() + (p - (paths - 1) / 2.0) * PORT_GAP - PORT_H / 2;
                own.add(new Box(left ? node.x() + node.w() : node.x() - PORT_W, py, PORT_W, PORT_H));
            }
            ports.add(List.copyOf(own));
        }
        return new Layout(List.copyOf(nodes), List.copyOf(disks), List.copyOf(ports), w, n > 2);
    }

    /** The top of the disk column (links arc above it). */
    double disksTop(double fallback) { return disks.isEmpty() ? fallback : disks.get(0).y(); }

    /** Whether node {@code i} sits left of the disks. */
    boolean leftOfDisks(int node) { return nodes.get(node).cx() < width / 2; }

    /** The arc of network {@code k} between the two nodes of a two-node cluster. */
    Arc arc(int k) {
        Box a = nodes.get(0), b = nodes.get(1);
        double x0 = a.cx(), y0 = a.y(), x2 = b.cx(), y2 = b.y();
        // The apex clears the disk column so the arc never crosses a disk.
        double apex = Math.min(disksTop(y0), Math.min(y0, y2)) - 34 - 26 * k;
        return new Arc(x0, y0, (x0 + x2) / 2, 2 * apex - (y0 + y2) / 2, x2, y2);
    }

    /** The bus line of network {@code k} (more than two nodes): across the top. */
    Segment busLine(int k) {
        double y = busY(k);
        return new Segment(8 + 5 * k, y, width - 8 - 5 * k, y);
    }

    private static double busY(int k) { return ClusterPainter.HEADER_H + 34 + 10 * k; }

    /** The riser of network {@code k} down the left or right side, to the lowest node on that side. */
    Segment riser(int k, boolean left) {
        double lowest = busY(k);
        for (int i = 0; i < nodes.size(); i++) if (leftOfDisks(i) == left) lowest = Math.max(lowest, nodes.get(i).cy());
        double x = left ? 8 + 5 * k : width - 8 - 5 * k;
        return new Segment(x, busY(k), x, lowest + 8 * k);
    }

    /** Where on a stub (0 = riser, 1 = node) its cut mark sits: near the riser, leaving room for the "missed" ring by the node. */
    static final double STUB_CUT = 0.35;

    /** The cut mark of node {@code i}'s stub on network {@code k}, as {x, y}. */
    double[] stubCut(int k, int node) {
        Segment s = stub(k, node);
        return new double[] {s.x0() + STUB_CUT * (s.x1() - s.x0()), s.y0()};
    }

    /** The stub of network {@code k} from its riser into node {@code i}'s outer side. */
    Segment stub(int k, int node) {
        Box b = nodes.get(node);
        boolean left = leftOfDisks(node);
        double y = b.cy() + 8 * k;
        return left ? new Segment(8 + 5 * k, y, b.x(), y) : new Segment(width - 8 - 5 * k, y, b.x() + b.w(), y);
    }

    /**
     * The way node {@code i}'s heartbeats go on the bus of network {@code k}: out of its stub, along
     * its riser and the bus to the middle, where every node's heartbeats meet (the network's switch).
     */
    Polyline heartbeatRoute(int k, int node) {
        Segment stub = stub(k, node);
        double busY = busY(k);
        return new Polyline(new double[] {stub.x1(), stub.x0(), stub.x0(), width / 2}, new double[] {stub.y1(), stub.y0(), busY, busY});
    }

    /** Connected straight pieces, walked by length: {@code at(0)} is the first point, {@code at(1)} the last. */
    record Polyline(double[] xs, double[] ys) {
        double length() {
            double sum = 0;
            for (int i = 1; i < xs.length; i++) sum += Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
            return sum;
        }

        /** The point {@code t} of the way along, as {x, y}. */
        double[] at(double t) {
            double want = Math.max(0, Math.min(1, t)) * length();
            for (int i = 1; i < xs.length; i++) {
                double piece = Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
                if (want <= piece || i == xs.length - 1) {
                    double f = piece == 0 ? 0 : Math.min(1, want / piece);
                    return new double[] {xs[i - 1] + f * (xs[i] - xs[i - 1]), ys[i - 1] + f * (ys[i] - ys[i - 1])};
                }
                want -= piece;
            }
            return new double[] {xs[0], ys[0]};
        }

        /** How far along the whole line the point {@code f} of the way along its first piece is. */
        double alongFirst(double f) {
            double len = length();
            return len == 0 ? 0 : f * Math.hypot(xs[1] - xs[0], ys[1] - ys[0]) / len;
        }
    }

    /** The route a command takes from node {@code i}'s path {@code p} port to disk {@code d}. */
    Segment route(int node, int path, int disk) {
        Box port = ports.get(node).get(path), d = disks.get(disk);
        boolean left = leftOfDisks(node);
        double offset = (path - (ports.get(node).size() - 1) / 2.0) * 8;
        return new Segment(left ? port.x() + port.w() : port.x(), port.cy(), left ? d.x() : d.x() + d.w(), d.cy() + offset);
    }
}
