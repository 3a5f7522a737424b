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

    /** The value of a parameter: the scenario's setting, or the documented default. */
    public long param(ScenarioParameter parameter) {
        for (ParamSetting p : params) if (p.parameter() == parameter) return p.value();
        return parameter.defaultValue();
    }
}
