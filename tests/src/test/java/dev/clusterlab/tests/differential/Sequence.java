package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import java.util.List;

/**
 * A reproducible differential sequence: the seed it was generated from, the I_T nexuses (initiator
 * name + ISID each; two may share a name with different ISIDs) and the steps.
 */
public record Sequence(long seed, List<InitiatorIdentity> nexuses, List<Step> steps) {
    public Sequence {
        nexuses = List.copyOf(nexuses);
        steps = List.copyOf(steps);
        for (Step s : steps)
            if (s.nexus() < 0 || s.nexus() >= nexuses.size()) throw new IllegalArgumentException("step uses unknown nexus: " + s.describe());
    }

    /** The whole sequence, one line per nexus and per step, as a failure report prints it. */
    public String describe() {
        StringBuilder b = new StringBuilder("seed ").append(seed).append('\n');
        for (int i = 0; i < nexuses.size(); i++) b.append("  n").append(i).append(" = ").append(nexuses.get(i).portName()).append('\n');
        for (int i = 0; i < steps.size(); i++) b.append("  ").append(i).append(": ").append(steps.get(i).describe()).append('\n');
        return b.toString();
    }
}
