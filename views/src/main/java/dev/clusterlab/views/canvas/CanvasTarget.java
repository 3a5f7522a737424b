package dev.clusterlab.views.canvas;

/**
 * Something on the cluster canvas the user can select and act on: a node, one of its storage paths,
 * a shared disk, or a heartbeat link. Plain values, so selections compare by what they name and
 * survive a redraw, a rewind or a fork.
 */
public sealed interface CanvasTarget {

    /** What the target is, in a few words, for tooltips and the accessible text. */
    String label();

    record Node(String node) implements CanvasTarget {
        @Override
        public String label() { return "node " + node; }
    }

    /** Path {@code path} ("p1") of {@code node}: its I_T nexus to every shared disk. */
    record Path(String node, String path) implements CanvasTarget {
        @Override
        public String label() { return "path " + node + "/" + path; }
    }

    record Disk(String disk) implements CanvasTarget {
        @Override
        public String label() { return "disk " + disk; }
    }

    /**
     * A heartbeat link on {@code network}: between {@code a} and {@code b}; with {@code b} null,
     * {@code a}'s connection to the network (its bus stub, > 2 nodes); with both null, the whole network.
     */
    record Link(String network, String a, String b) implements CanvasTarget {
        @Override
        public String label() {
            if (a == null) return network + " network";
            if (b == null) return network + " network link of " + a;
            return network + " link " + a + " <-> " + b;
        }
    }
}
