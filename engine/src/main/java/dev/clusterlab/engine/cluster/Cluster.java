package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.sim.RandomStream;
import dev.clusterlab.engine.sim.Scheduler;
import dev.clusterlab.engine.sim.SeededRandom;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nodes, networks and the heartbeat failure detector of one simulated cluster, driven by a
 * {@link Scheduler} and recording every change on a {@link TimelineSink}.
 *
 * <p>Heartbeats (WSFC model, cluster-arbitration.md §1.5 and §1.9): every node ticks every
 * {@code delay}, all nodes in lock-step from time 0. On a tick a watching node first counts, per
 * peer and network, whether a heartbeat arrived since its previous tick; {@code threshold}
 * consecutive misses take that route down ({@link TimelineEvent.HeartbeatLost}), and once every
 * route to a peer is down the peer leaves this node's membership. Then, if it is UP, it sends one
 * heartbeat to every peer on every network, delivered after latency +/- jitter unless lost (one
 * Bernoulli draw per heartbeat) or the link is cut at delivery time. The first heartbeat on a
 * down route brings it back, and the peer back into membership.
 *
 * <p>Randomness: per network, stream {@code "heartbeat-loss:<network>"} (exactly one draw per
 * heartbeat) and {@code "heartbeat-jitter:<network>"} (draws only when jitter is non-zero), so
 * changing a loss probability never shifts the jitter, and nothing shifts other subsystems.
 *
 * <p>Build the topology ({@link #addNode}, {@link #addNetwork}), then {@link #start()}; faults can
 * be applied any time after that, from scheduled actions or between runs.
 */
public final class Cluster {
    private final Scheduler scheduler;
    private final SeededRandom random;
    private final TimelineSink sink;
    private final HeartbeatSettings settings;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private Node[] nodeArray;
    private Network[] networkArray;
    private RandomStream[] lossStreams;
    private RandomStream[] jitterStreams;
    /** Per (observer, peer, network): consecutive misses, heard since last tick, route down. */
    private int[] missed;
    private boolean[] heard;
    private boolean[] routeDown;
    private MembershipListener membershipListener = MembershipListener.NONE;

    public Cluster(Scheduler scheduler, SeededRandom random, TimelineSink sink, HeartbeatSettings settings) {
        this.scheduler = scheduler;
        this.random = random;
        this.sink = sink;
        this.settings = settings;
    }

    // ---- topology -----------------------------------------------------------------------------

    /** Adds a node, UP and (once started) a member in everyone's view. */
    public Node addNode(String name) {
        requireNotStarted();
        if (nodes.containsKey(name)) throw new IllegalArgumentException("duplicate node: " + name);
        Node node = new Node(name, nodes.size());
        nodes.put(name, node);
        return node;
    }

    public Network addNetwork(String name, long latencyNanos, long jitterNanos, double lossProbability) {
        requireNotStarted();
        if (networks.containsKey(name)) throw new IllegalArgumentException("duplicate network: " + name);
        Network network = new Network(name, networks.size(), latencyNanos, jitterNanos, lossProbability);
        networks.put(name, network);
        return network;
    }

    /**
     * Freezes the topology, makes every node a member in every node's view (a formed cluster) and
     * starts heartbeating at the current time.
     */
    public void start() {
        requireNotStarted();
        if (networks.isEmpty()) throw new IllegalStateException("a cluster needs at least one network");
        nodeArray = nodes.values().toArray(Node[]::new);
        networkArray = networks.values().toArray(Network[]::new);
        int n = nodeArray.length;
        int routes = n * n * networkArray.length;
        missed = new int[routes];
        heard = new boolean[routes];
        routeDown = new boolean[routes];
        Arrays.fill(heard, true); // nothing was due before the first tick
        lossStreams = new RandomStream[networkArray.length];
        jitterStreams = new RandomStream[networkArray.length];
        for (Network network : networkArray) {
            network.connect(n);
            lossStreams[network.index()] = random.stream("heartbeat-loss:" + network.name());
            jitterStreams[network.index()] = random.stream("heartbeat-jitter:" + network.name());
        }
        for (Node node : nodeArray) {
            for (Node peer : nodeArray) node.membership().add(peer.name());
            scheduler.every(0, settings.delayNanos(), () -> tick(node));
        }
    }

    public HeartbeatSettings settings() { return settings; }

    /** Who hears about membership changes as they happen (the nodes' cluster services). */
    public void membershipListener(MembershipListener listener) {
        this.membershipListener = listener == null ? MembershipListener.NONE : listener;
    }

    public Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) throw new IllegalArgumentException("no such node: " + name);
        return node;
    }

    public List<Node> nodes() { return List.copyOf(nodes.values()); }

    public Network network(String name) {
        Network network = networks.get(name);
        if (network == null) throw new IllegalArgumentException("no such network: " + name);
        return network;
    }

    public List<Network> networks() { return List.copyOf(networks.values()); }

    /** {@code node}'s own view of the cluster. */
    public Membership membership(String node) { return node(node).membership(); }

    // ---- faults -------------------------------------------------------------------------------

    /**
     * Crash (DOWN), hang (HUNG), unplug (ISOLATED) or restore (UP) a node. A node coming UP from
     * DOWN has rebooted: it knows only itself and treats every route as down until it hears from
     * its peers again. A node resuming from HUNG carries on with the view it froze with.
     */
    public void setState(String name, NodeState state) {
        requireStarted();
        Node node = node(name);
        NodeState before = node.state();
        if (before == state) return;
        node.state(state);
        if (before == NodeState.DOWN) forgetEverything(node);
        record(new TimelineEvent.NodeStateChanged(scheduler.now(), name, before, state));
    }

    /** Cuts the link between {@code a} and {@code b} on one network. */
    public void cut(String network, String a, String b) { setLink(network(network), a, b, true); }

    /** Heals the link between {@code a} and {@code b} on one network. */
    public void heal(String network, String a, String b) { setLink(network(network), a, b, false); }

    /** Cuts the link between {@code a} and {@code b} on every network. */
    public void cut(String a, String b) {
        for (Network network : networks.values()) setLink(network, a, b, true);
    }

    /** Heals the link between {@code a} and {@code b} on every network. */
    public void heal(String a, String b) {
        for (Network network : networks.values()) setLink(network, a, b, false);
    }

    /** Cuts every link between {@code side} and the other nodes, on every network. */
    public void partition(Collection<String> side) {
        for (Network network : networks.values()) partition(network.name(), side);
    }

    /** Cuts every link of {@code network} between a node of {@code side} and a node outside it. */
    public void partition(String network, Collection<String> side) {
        Network net = network(network);
        Set<String> inside = new HashSet<>(side);
        for (String name : inside) node(name);
        for (Node a : nodes.values()) {
            for (Node b : nodes.values()) {
                if (a.index() < b.index() && inside.contains(a.name()) != inside.contains(b.name())) {
                    setLink(net, a.name(), b.name(), true);
                }
            }
        }
    }

    /** Heals every cut link on every network. */
    public void healAll() {
        for (Network network : networks.values()) {
            for (Node a : nodes.values()) {
                for (Node b : nodes.values()) {
                    if (a.index() < b.index()) setLink(network, a.name(), b.name(), false);
                }
            }
        }
    }

    /** Changes a network's loss probability from now on (not recorded: a parameter, not a fact). */
    public void setLoss(String network, double probability) { network(network).lossProbability(probability); }

    /**
     * How many heartbeat checks in a row {@code observer} has missed {@code peer} on its best network
     * (0: heard within the last interval). A member that is in the view is not necessarily alive:
     * it stays there until the threshold is reached.
     */
    public int heartbeatsMissed(String observer, String peer) {
        int o = node(observer).index(), p = node(peer).index();
        int best = Integer.MAX_VALUE;
        for (Network network : networkArray) best = Math.min(best, missed[route(o, p, network.index())]);
        return best == Integer.MAX_VALUE ? 0 : best;
    }

    // ---- heartbeat engine ---------------------------------------------------------------------

    private void tick(Node node) {
        if (node.watchesPeers()) checkPeers(node);
        if (node.sendsHeartbeats()) sendHeartbeats(node);
    }

    private void checkPeers(Node observer) {
        int o = observer.index();
        for (Node peer : nodeArray) {
            int p = peer.index();
            if (p == o) continue;
            boolean allDown = true;
            for (Network network : networkArray) {
                int route = route(o, p, network.index());
                if (heard[route]) {
                    missed[route] = 0;
                    heard[route] = false;
                } else if (!routeDown[route] && ++missed[route] >= settings.threshold()) {
                    routeDown[route] = true;
                    record(new TimelineEvent.HeartbeatLost(scheduler.now(), observer.name(), peer.name(),
                            network.name(), missed[route]));
                }
                allDown &= routeDown[route];
            }
            if (allDown && observer.membership().remove(peer.name())) {
                recordMembership(observer, peer, MembershipChange.REMOVED);
            }
        }
    }

    private void sendHeartbeats(Node sender) {
        int s = sender.index();
        for (Node peer : nodeArray) {
            int p = peer.index();
            if (p == s) continue;
            for (Network network : networkArray) {
                int n = network.index();
                boolean lost = lossStreams[n].bernoulli(network.lossProbability());
                long delay = network.jitterNanos() == 0
                        ? network.latencyNanos()
                        : jitterStreams[n].jitter(network.latencyNanos(), network.jitterNanos());
                if (!lost) scheduler.schedule(delay, () -> deliver(s, p, n));
            }
        }
    }

    private void deliver(int from, int to, int networkIndex) {
        Network network = networkArray[networkIndex];
        Node receiver = nodeArray[to];
        // The link is checked on arrival: a heartbeat in flight when the cable is pulled is lost.
        if (network.isCut(from, to) || !receiver.receivesHeartbeats()) return;
        Node sender = nodeArray[from];
        int route = route(to, from, networkIndex);
        heard[route] = true;
        missed[route] = 0;
        if (routeDown[route]) {
            routeDown[route] = false;
            record(new TimelineEvent.HeartbeatRestored(scheduler.now(), receiver.name(), sender.name(), network.name()));
        }
        if (receiver.membership().add(sender.name())) recordMembership(receiver, sender, MembershipChange.JOINED);
    }

    private void forgetEverything(Node node) {
        int o = node.index();
        node.membership().reset();
        for (Node peer : nodeArray) {
            if (peer.index() == o) continue;
            for (Network network : networkArray) {
                int route = route(o, peer.index(), network.index());
                heard[route] = false;
                missed[route] = settings.threshold();
                routeDown[route] = true;
            }
        }
    }

    private void setLink(Network network, String a, String b, boolean cut) {
        requireStarted();
        Node nodeA = node(a);
        Node nodeB = node(b);
        if (nodeA == nodeB) throw new IllegalArgumentException("a link needs two different nodes: " + a);
        if (network.setCut(nodeA.index(), nodeB.index(), cut)) {
            record(new TimelineEvent.LinkChanged(scheduler.now(), network.name(), a, b, !cut));
        }
    }

    private int route(int observer, int peer, int network) {
        return (observer * nodeArray.length + peer) * networkArray.length + network;
    }

    private void recordMembership(Node observer, Node peer, MembershipChange change) {
        if (sink.recording()) record(new TimelineEvent.MembershipChanged(scheduler.now(), observer.name(), peer.name(), change,
                observer.membership().members()));
        membershipListener.membershipChanged(observer.name(), peer.name(), change);
    }

    private void record(TimelineEvent event) {
        if (sink.recording()) sink.append(event);
    }

    private void requireNotStarted() {
        if (nodeArray != null) throw new IllegalStateException("the cluster has already started");
    }

    private void requireStarted() {
        if (nodeArray == null) throw new IllegalStateException("start the cluster first");
    }
}
