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
import org.junit.jupiter.api.Test;

/** Hit-testing is a pure function of the layout: what is drawn somewhere is what a click there selects. */
class CanvasHitTest {

    private static Topology topology(int nodes, int paths, int disks, int networks) {
        List<NodeSpec> n = new ArrayList<>();
        for (int i = 0; i < nodes; i++) n.add(new NodeSpec("node-" + (char) ('a' + i), paths));
        List<DiskSpec> d = new ArrayList<>();
        for (int i = 0; i < disks; i++) d.add(new DiskSpec("disk" + i, 1 << 20));
        List<String> nets = new ArrayList<>();
        for (int i = 0; i < networks; i++) nets.add("net" + i);
        return new Topology(n, d, null, List.of(), nets);
    }

    @Property(tries = 80)
    void theMiddleOfEveryTabTargetHitsThatTarget(@ForAll @IntRange(min = 1, max = 8) int nodes, @ForAll @IntRange(min = 1, max = 3) int paths,
                                                 @ForAll @IntRange(min = 1, max = 3) int disks, @ForAll @IntRange(min = 1, max = 2) int networks) {
        Topology t = topology(nodes, paths, disks, networks);
        for (double[] size : new double[][] {{1600, 1000}, {868, 700}}) {
            for (CanvasTarget target : CanvasHit.tabOrder(t)) {
                var centre = CanvasHit.centreOf(t, size[0], size[1], target);
                assertThat(CanvasHit.at(t, size[0], size[1], centre.getX(), centre.getY())).as("%s at %s", target, centre).isEqualTo(target);
            }
        }
    }

    @Test
    void aClickOnTheBackgroundSelectsNothing() {
        Topology t = topology(2, 2, 2, 1);
        assertThat(CanvasHit.at(t, 1600, 1000, 5, 990)).isNull();
    }

    @Test
    void aPointOnACommandRouteSelectsThatPath() {
        Topology t = topology(2, 2, 1, 1);
        Layout layout = Layout.of(t, 1600, 1000);
        Layout.Segment route = layout.route(1, 1, 0);
        double x = (route.x0() + route.x1()) / 2, y = (route.y0() + route.y1()) / 2;
        assertThat(CanvasHit.atLayout(t, layout, x, y)).isEqualTo(new CanvasTarget.Path("node-b", "p2"));
    }

    @Test
    void aScaledDownCanvasIsHitWhereItIsDrawn() {
        Topology t = topology(2, 1, 1, 1);
        double scale = CanvasHit.scale(700, 410); // half the smallest unscaled size
        assertThat(scale).isEqualTo(0.5);
        Layout layout = Layout.of(t, 1400, 820);
        Layout.Box disk = layout.disks().get(0);
        assertThat(CanvasHit.at(t, 700, 410, disk.cx() * scale, disk.cy() * scale)).isEqualTo(new CanvasTarget.Disk("disk0"));
        assertThat(CanvasHit.at(t, 700, 410, disk.cx(), disk.cy())).isNotEqualTo(new CanvasTarget.Disk("disk0"));
    }

    @Test
    void twoNodesHaveOneArcPerNetworkAndMoreHaveAStubPerNodeAndTheWholeBus() {
        assertThat(CanvasHit.tabOrder(topology(2, 1, 1, 1))).containsSubsequence(
                new CanvasTarget.Node("node-a"), new CanvasTarget.Path("node-a", "p1"), new CanvasTarget.Node("node-b"),
                new CanvasTarget.Disk("disk0"), new CanvasTarget.Link("net0", "node-a", "node-b"));
        assertThat(CanvasHit.tabOrder(topology(3, 1, 1, 1))).endsWith(
                new CanvasTarget.Link("net0", "node-a", null), new CanvasTarget.Link("net0", "node-b", null),
                new CanvasTarget.Link("net0", "node-c", null), new CanvasTarget.Link("net0", null, null));
    }

    @Test
    void tabStartsAtEitherEndLeavesPastTheLastAndShiftTabGoesBack() {
        Topology t = topology(2, 1, 1, 1);
        List<CanvasTarget> order = CanvasHit.tabOrder(t);
        assertThat(CanvasHit.next(t, null, true)).isEqualTo(order.get(0));
        assertThat(CanvasHit.next(t, null, false)).isEqualTo(order.get(order.size() - 1));
        assertThat(CanvasHit.next(t, order.get(order.size() - 1), true)).as("no keyboard trap").isNull();
        assertThat(CanvasHit.next(t, order.get(0), false)).isNull();
        assertThat(CanvasHit.next(t, order.get(1), false)).isEqualTo(order.get(0));
    }

    @Test
    void portsSitOnTheSideFacingTheDisks() {
        Topology t = topology(2, 3, 1, 1);
        Layout layout = Layout.of(t, 1600, 1000);
        Layout.Box a = layout.nodes().get(0), b = layout.nodes().get(1), disk = layout.disks().get(0);
        for (Layout.Box port : layout.ports().get(0)) {
            assertThat(port.x()).isEqualTo(a.x() + a.w());
            assertThat(port.x() + port.w()).isLessThan(disk.x());
        }
        for (Layout.Box port : layout.ports().get(1)) {
            assertThat(port.x() + port.w()).isEqualTo(b.x());
            assertThat(port.x()).isGreaterThan(disk.x() + disk.w());
        }
    }
}
