package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The cluster's resource groups (a service and its data disk) and, for each, the nodes that run it
 * right now. More than one node running a failover group is exactly what must never be able to
 * write: the integrity monitor checks it. A <em>shared</em> group (a Cluster Shared Volume,
 * reference/cluster-arbitration.md §1.7) is meant to run on every member at once.
 */
public final class ResourceGroups {

    /**
     * A group: service {@code name} on {@code disk}, preferred on {@code preferredOwner}; {@code shared}:
     * it runs on every member at once and {@code preferredOwner} is its first coordinator (CSV, §1.7).
     */
    public record Group(String name, String disk, String preferredOwner, boolean shared) {
        /** A failover group: it runs on one node at a time. */
        public Group(String name, String disk, String preferredOwner) { this(name, disk, preferredOwner, false); }
    }

    /** Hears every online/offline change. */
    @FunctionalInterface
    public interface Listener {
        void changed(Group group, String node, boolean online);
    }

    private final Clock clock;
    private final TimelineSink sink;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, TreeSet<String>> online = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();

    public ResourceGroups(Clock clock, TimelineSink sink) {
        this.clock = clock;
        this.sink = sink;
    }

    public Group add(String name, String disk, String preferredOwner) { return add(name, disk, preferredOwner, false); }

    /** Adds a group; {@code shared}: a Cluster Shared Volume that runs on every member at once. */
    public Group add(String name, String disk, String preferredOwner, boolean shared) {
        if (groups.containsKey(name)) throw new IllegalArgumentException("duplicate group: " + name);
        for (Group g : groups.values()) if (g.disk().equals(disk)) throw new IllegalArgumentException("disk " + disk + " already holds group " + g.name());
        Group group = new Group(name, disk, preferredOwner, shared);
        groups.put(name, group);
        online.put(name, new TreeSet<>());
        return group;
    }

    public void addListener(Listener listener) { listeners.add(listener); }

    public List<Group> all() { return List.copyOf(groups.values()); }

    public Group group(String name) {
        Group g = groups.get(name);
        if (g == null) throw new IllegalArgumentException("no such group: " + name);
        return g;
    }

    /** The group whose data is on {@code disk}, or null. */
    public Group onDisk(String disk) {
        for (Group g : groups.values()) if (g.disk().equals(disk)) return g;
        return null;
    }

    /** The nodes running {@code group}, in name order. */
    public List<String> onlineNodes(String group) { return List.copyOf(online.get(group(group).name())); }

    public boolean isOnline(String group, String node) { return online.get(group(group).name()).contains(node); }

    /** The groups running on {@code node}. */
    public List<Group> onNode(String node) {
        List<Group> out = new ArrayList<>();
        for (Group g : groups.values()) if (online.get(g.name()).contains(node)) out.add(g);
        return out;
    }

    /** Brings {@code group} online on {@code node}; recorded and announced when it changes. */
    public void bringOnline(String group, String node, String reason) { set(group(group), node, true, reason); }

    public void takeOffline(String group, String node, String reason) { set(group(group), node, false, reason); }

    private void set(Group group, String node, boolean up, String reason) {
        TreeSet<String> nodes = online.get(group.name());
        if (up ? !nodes.add(node) : !nodes.remove(node)) return;
        if (sink.recording()) sink.append(new TimelineEvent.GroupStateChanged(clock.nowNanos(), group.name(), node, up, reason));
        for (Listener l : listeners) l.changed(group, node, up);
    }
}
