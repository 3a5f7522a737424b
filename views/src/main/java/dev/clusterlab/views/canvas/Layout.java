package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.scenario.NodeSpec;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things go on the canvas: the disks stacked in the middle, the nodes in a column either side
 * of them. Depends only on the topology and the canvas size, so nothing jumps while time moves.
 */
record Layout(List<Box> nodes, List<Box> disks, double width) {

    record Box(double x, double y, double w, double h) {
        double cx() { return x + w / 2; }

        double cy() { return y + h / 2; }
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
        double columnOffset = Math.max(diskW / 2 + ClusterPainter.NODE_W / 2 + 40, w / 2 - ClusterPainter.NODE_W / 2 - 24);
        List<Box> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean left = i % 2 == 0;
            int row = i / 2, rows = left ? leftCount : rightCount;
            double slot = (bottom - top) / rows;
            double x = centreX + (left ? -columnOffset : columnOffset);
            double y = top + slot * (row + 0.5);
            nodes.add(new Box(x - ClusterPainter.NODE_W / 2, y - ClusterPainter.NODE_H / 2, ClusterPainter.NODE_W, ClusterPainter.NODE_H));
        }
        return new Layout(nodes, disks, w);
    }

    /** The top of the disk column (links arc above it). */
    double disksTop(double fallback) { return disks.isEmpty() ? fallback : disks.get(0).y(); }
}
