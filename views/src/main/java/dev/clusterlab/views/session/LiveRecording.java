package dev.clusterlab.views.session;

import dev.clusterlab.engine.iscsi.target.TargetEvent;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.engine.timeline.InitiatorPorts;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A live iSCSI target watched as it serves: the target's threads hand their timeline events and
 * login/logout events to {@link #sink()} and {@link #targetEvents()}, which only queue them; the
 * window's thread moves them into the timeline in {@link #recordUntil} (once per frame), so the
 * timeline and its projections are only ever touched by one thread.
 *
 * <p>Each initiator becomes a node and each of its sessions a path ({@link PortNaming}). A node is up
 * while at least one of its paths is logged in; logouts and lost connections are recorded as
 * path and node state changes, so the canvas greys out an initiator that went away.
 */
public final class LiveRecording implements Recording {
    private final ConcurrentLinkedQueue<Object> arrived = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final Timeline timeline = new Timeline();
    private final PortNaming naming = new PortNaming();
    private final Set<String> disks = new LinkedHashSet<>();
    private final Map<String, Set<String>> loggedIn = new HashMap<>(); // node -> its logged-in paths
    private final Set<String> everSeen = new HashSet<>();
    private long recorded;
    private Topology topology = new Topology(List.of(), List.of(), null, List.of(), List.of());

    /** A target event with the time it arrived (target events carry no time of their own). */
    private record Arrival(long time, TargetEvent event) {}

    /** @param clock the same clock the target stamps its timeline events with */
    public LiveRecording(Clock clock, List<String> logicalUnits) {
        this.clock = clock;
        disks.addAll(logicalUnits);
        timeline.resolveNodesWith(naming::nodeOf);
        refreshTopology();
    }

    /** Where the target records its commands and reservation changes; safe to call from any thread. */
    public TimelineSink sink() { return arrived::add; }

    /** Where the target reports logins, logouts and lost connections; safe to call from any thread. */
    public Consumer<TargetEvent> targetEvents() { return e -> arrived.add(new Arrival(clock.nowNanos(), e)); }

    @Override
    public Timeline timeline() { return timeline; }

    @Override
    public long recordedUntil() { return recorded; }

    @Override
    public void recordUntil(long time) {
        long now = clock.nowNanos();
        Object o;
        while ((o = arrived.poll()) != null) {
            switch (o) {
                case TimelineEvent e -> {
                    if (e instanceof TimelineEvent.CommandStarted c) disks.add(c.lu());
                    if (e instanceof TimelineEvent.CommandStarted c && c.nexus() != null) seen(c.time(), c.nexus().initiator());
                    timeline.append(e);
                }
                case Arrival a -> arrival(a);
                default -> throw new IllegalStateException("unexpected " + o);
            }
        }
        recorded = Math.max(recorded, Math.min(time, now));
        refreshTopology();
    }

    @Override
    public boolean recordNext(long limit) { return false; }

    @Override
    public String describe(InitiatorPort port) { return naming.describe(port); }

    @Override
    public Topology topology() { return topology; }

    /** A node's path that the target saw without a login (e.g. the login happened before the window opened). */
    private void seen(long time, InitiatorPort port) {
        String path = naming.describe(port);
        String node = path.substring(0, path.indexOf('/'));
        if (loggedIn.computeIfAbsent(node, k -> new HashSet<>()).add(path)) pathUp(time, node, path, "commands arrive");
    }

    private void arrival(Arrival a) {
        switch (a.event()) {
            case TargetEvent.LoggedIn e -> {
                if (!"Normal".equalsIgnoreCase(e.sessionType())) return; // discovery sessions are not nodes
                String path = naming.describe(InitiatorPorts.parse(e.initiatorPort()));
                String node = path.substring(0, path.indexOf('/'));
                if (loggedIn.computeIfAbsent(node, k -> new HashSet<>()).add(path)) pathUp(a.time(), node, path, "logged in to " + e.target());
            }
            case TargetEvent.LoggedOut e -> pathDown(a.time(), e.initiatorPort(), "logged out (" + e.reason() + ")");
            case TargetEvent.ConnectionLost e -> pathDown(a.time(), e.initiatorPort(), "connection lost (" + e.reason() + ")");
            default -> { }
        }
    }

    private void pathUp(long time, String node, String path, String reason) {
        boolean first = loggedIn.get(node).size() == 1;
        timeline.append(new TimelineEvent.PathChanged(time, node, path.substring(path.indexOf('/') + 1), true, reason));
        // A node that logged out before comes back up; a new one appears up (the projection's default).
        if (first && !everSeen.add(node)) timeline.append(new TimelineEvent.NodeStateChanged(time, node, NodeState.DOWN, NodeState.UP));
        everSeen.add(node);
    }

    private void pathDown(long time, String initiatorPort, String reason) {
        InitiatorPort port;
        try {
            port = InitiatorPorts.parse(initiatorPort);
        } catch (IllegalArgumentException e) {
            return; // a session that never got as far as a name
        }
        String path = naming.describe(port);
        String node = path.substring(0, path.indexOf('/'));
        Set<String> paths = loggedIn.get(node);
        if (paths == null || !paths.remove(path)) return;
        timeline.append(new TimelineEvent.PathChanged(time, node, path.substring(path.indexOf('/') + 1), false, reason));
        if (paths.isEmpty()) timeline.append(new TimelineEvent.NodeStateChanged(time, node, NodeState.UP, NodeState.DOWN));
    }

    private void refreshTopology() {
        Topology t = ReplayedRecording.topologyOf(naming, Set.of(), disks, Set.of());
        if (!t.equals(topology)) topology = t;
    }
}
