package dev.clusterlab.engine.scenario;

import java.util.List;

/**
 * A parsed scenario file: topology, arbitration policy, parameters, timed steps and expectations.
 * Built only by {@link ScenarioParser}, which guarantees every name referenced here is declared.
 * Steps are in non-decreasing time order.
 */
public record Scenario(String fileName, String title, String description, long seed, ArbitrationPolicy policy,
                       QuorumSpec quorum, List<NodeSpec> nodes, List<NetworkSpec> networks, List<DiskSpec> disks,
                       List<GroupSpec> groups, List<ParamSetting> params, List<Step> steps,
                       List<Expectation> expectations) {

    public Scenario {
        nodes = List.copyOf(nodes);
        networks = List.copyOf(networks);
        disks = List.copyOf(disks);
        groups = List.copyOf(groups);
        params = List.copyOf(params);
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
    }

    /** Whether any disk is a real device (iSCSI or SG_IO) rather than a simulated one. */
    public boolean bindsRealDevices() {
        for (DiskSpec d : disks) if (d.real()) return true;
        return false;
    }

    /** The same scenario with every real disk simulated: for replaying a recorded run without reaching the devices. */
    public Scenario withSimulatedDisks() {
        if (!bindsRealDevices()) return this;
        List<DiskSpec> simulated = new java.util.ArrayList<>();
        for (DiskSpec d : disks) simulated.add(d.simulated());
        return new Scenario(fileName, title, description, seed, policy, quorum, nodes, networks, simulated, groups, params,
                steps, expectations);
    }

    /** The value of a parameter: the scenario's setting, or the documented default. */
    public long param(ScenarioParameter parameter) {
        for (ParamSetting p : params) if (p.parameter() == parameter) return p.value();
        return parameter.defaultValue();
    }
}
