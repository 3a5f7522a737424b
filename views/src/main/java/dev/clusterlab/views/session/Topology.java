package dev.clusterlab.views.session;

import dev.clusterlab.engine.scenario.DiskSpec;
import dev.clusterlab.engine.scenario.GroupSpec;
import dev.clusterlab.engine.scenario.NetworkSpec;
import dev.clusterlab.engine.scenario.NodeSpec;
import dev.clusterlab.engine.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * What does not change during a session: the nodes (with their path names), the shared disks (which
 * one is the witness), the resource groups and the heartbeat networks. The canvas lays these out once.
 */
public record Topology(List<NodeSpec> nodes, List<DiskSpec> disks, String witnessDisk, List<GroupSpec> groups,
                       List<String> networks) {

    public Topology {
        nodes = List.copyOf(nodes);
        disks = List.copyOf(disks);
        groups = List.copyOf(groups);
        networks = List.copyOf(networks);
    }

    public static Topology of(Scenario s) {
        List<String> networks = new ArrayList<>();
        for (NetworkSpec n : s.networks()) networks.add(n.name());
        if (networks.isEmpty()) networks.add("cluster"); // as ScenarioSimulations builds it
        return new Topology(s.nodes(), s.disks(), s.quorum().witnessDisk(), s.groups(), networks);
    }

    public List<String> nodeNames() {
        List<String> out = new ArrayList<>(nodes.size());
        for (NodeSpec n : nodes) out.add(n.name());
        return out;
    }

    public List<String> diskNames() {
        List<String> out = new ArrayList<>(disks.size());
        for (DiskSpec d : disks) out.add(d.name());
        return out;
    }

    /** The groups whose service lives on {@code disk}. */
    public List<String> groupsOn(String disk) {
        List<String> out = new ArrayList<>();
        for (GroupSpec g : groups) if (g.disk().equals(disk)) out.add(g.name());
        return out;
    }
}
