package dev.clusterlab.views.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scenario.DiskSpec;
import dev.clusterlab.engine.scenario.NodeSpec;
import dev.clusterlab.views.session.Topology;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The canvas layout: nothing covers anything else, whatever the cluster's size, and a 2-node cluster reads left to right. */
class LayoutTest {

    private static Topology topology(int nodes, int disks) {
        List<NodeSpec> n = new ArrayList<>();
        for (int i = 0; i < nodes; i++) n.add(new NodeSpec("node-" + (char) ('a' + i), 2));
        List<DiskSpec> d = new ArrayList<>();
        for (int i = 0; i < disks; i++) d.add(new DiskSpec("disk" + i, 1 << 20));
        return new Topology(n, d, null, List.of(), List.of("cluster"));
    }

    private static boolean overlap(Layout.Box a, Layout.Box b) {
        return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
    }

    @Property(tries = 60)
    void noBoxCoversAnother(@ForAll @IntRange(min = 1, max = 8) int nodes, @ForAll @IntRange(min = 1, max = 3) int disks) {
        Layout layout = Layout.of(topology(nodes, disks), 1600, 1000);
        List<Layout.Box> all = new ArrayList<>(layout.nodes());
        all.addAll(layout.disks());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) assertThat(overlap(all.get(i), all.get(j))).as("box %d vs %d", i, j).isFalse();
        }
        for (Layout.Box b : all) {
            assertThat(b.x()).isGreaterThanOrEqualTo(0);
            assertThat(b.x() + b.w()).isLessThanOrEqualTo(1600);
        }
    }

    @Property(tries = 10)
    void twoNodesSitLeftAndRightOfTheDisks(@ForAll @IntRange(min = 1, max = 3) int disks) {
        Layout layout = Layout.of(topology(2, disks), 1600, 1000);
        Layout.Box a = layout.nodes().get(0), b = layout.nodes().get(1), d = layout.disks().get(0);
        assertThat(a.x() + a.w()).isLessThan(d.x());
        assertThat(b.x()).isGreaterThan(d.x() + d.w());
        assertThat(a.cy()).isEqualTo(b.cy());
    }
}
