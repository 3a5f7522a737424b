package dev.clusterlab.engine.timeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cluster view: what the cluster picture shows at one cursor position, folded from cluster
 * events alone. Node states, each node's membership view, who runs which group, who has quorum,
 * failed paths, passthrough modes, who fenced whom last, and the integrity violations so far.
 */
public final class ClusterView implements Projection<ClusterView.State> {

    public static final ClusterView INSTANCE = new ClusterView();

    /** The view's state at one cursor position. Maps are keyed by name and sorted, for stable output. */
    public static final class State {
        final TreeMap<String, NodeState> nodes;
        final TreeMap<String, List<String>> views;
        final TreeMap<String, TreeSet<String>> groups;
        final TreeMap<String, Boolean> quorum;
        final TreeSet<String> failedPaths;
        final TreeMap<String, PassthroughMode> passthrough;
        final TreeMap<String, String> fencedBy; // "victim on disk" -> fencer
        int violations;

        State() {
            this(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeSet<>(), new TreeMap<>(), new TreeMap<>(), 0);
        }

        private State(TreeMap<String, NodeState> nodes, TreeMap<String, List<String>> views, TreeMap<String, TreeSet<String>> groups,
                      TreeMap<String, Boolean> quorum, TreeSet<String> failedPaths, TreeMap<String, PassthroughMode> passthrough,
                      TreeMap<String, String> fencedBy, int violations) {
            this.nodes = nodes;
            this.views = views;
            this.groups = groups;
            this.quorum = quorum;
            this.failedPaths = failedPaths;
            this.passthrough = passthrough;
            this.fencedBy = fencedBy;
            this.violations = violations;
        }

        /** The node's state; UP for a node no event has named yet (a formed cluster starts up). */
        public NodeState node(String node) { return nodes.getOrDefault(node, NodeState.UP); }

        /** The node's membership view after its last change, or null before any change. */
        public List<String> view(String node) { return views.get(node); }

        /** The nodes running {@code group}, in name order. */
        public List<String> runningOn(String group) {
            TreeSet<String> on = groups.get(group);
            return on == null ? List.of() : List.copyOf(on);
        }

        /** Whether the node has quorum (true until it reports otherwise). */
        public boolean hasQuorum(String node) { return quorum.getOrDefault(node, true); }

        public boolean pathFailed(String node, String path) { return failedPaths.contains(node + "/" + path); }

        public PassthroughMode passthrough(String node, String path) {
            return passthrough.getOrDefault(node + "/" + path, PassthroughMode.FAITHFUL);
        }

        /** Who last fenced {@code victim} off {@code disk}, or null. */
        public String fencedBy(String victim, String disk) { return fencedBy.get(victim + " on " + disk); }

        public int violations() { return violations; }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && nodes.equals(s.nodes) && views.equals(s.views) && groups.equals(s.groups)
                    && quorum.equals(s.quorum) && failedPaths.equals(s.failedPaths) && passthrough.equals(s.passthrough)
                    && fencedBy.equals(s.fencedBy) && violations == s.violations;
        }

        @Override
        public int hashCode() { return java.util.Objects.hash(nodes, views, groups, quorum, failedPaths, passthrough, fencedBy, violations); }

        @Override
        public String toString() {
            return "nodes=" + nodes + " views=" + views + " groups=" + groups + " quorum=" + quorum + " failedPaths=" + failedPaths
                    + " passthrough=" + passthrough + " fencedBy=" + fencedBy + " violations=" + violations;
        }
    }

    private ClusterView() {}

    @Override
    public State initial() { return new State(); }

    @Override
    public State copy(State s) {
        TreeMap<String, TreeSet<String>> groups = new TreeMap<>();
        for (Map.Entry<String, TreeSet<String>> e : s.groups.entrySet()) groups.put(e.getKey(), new TreeSet<>(e.getValue()));
        return new State(new TreeMap<>(s.nodes), new TreeMap<>(s.views), groups, new TreeMap<>(s.quorum),
                new TreeSet<>(s.failedPaths), new TreeMap<>(s.passthrough), new TreeMap<>(s.fencedBy), s.violations);
    }

    @Override
    public void apply(State s, TimelineEvent event) {
        switch (event) {
            case TimelineEvent.NodeStateChanged e -> s.nodes.put(e.node(), e.after());
            case TimelineEvent.MembershipChanged e -> s.views.put(e.observer(), e.members());
            case TimelineEvent.GroupStateChanged e -> {
                TreeSet<String> on = s.groups.computeIfAbsent(e.group(), g -> new TreeSet<>());
                if (e.online()) on.add(e.node());
                else on.remove(e.node());
            }
            case TimelineEvent.QuorumChanged e -> s.quorum.put(e.node(), e.quorum());
            case TimelineEvent.PathChanged e -> {
                if (e.up()) s.failedPaths.remove(e.node() + "/" + e.path());
                else s.failedPaths.add(e.node() + "/" + e.path());
            }
            case TimelineEvent.PassthroughChanged e -> s.passthrough.put(e.node() + "/" + e.path(), e.mode());
            case TimelineEvent.NodeFenced e -> s.fencedBy.put(e.victim() + " on " + e.disk(), e.by());
            case TimelineEvent.IntegrityViolation e -> s.violations++;
            default -> { } // SCSI traffic is the disk view's business
        }
    }
}
