package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.WsfcFixture.*;
import dev.clusterlab.engine.cluster.storage.DiskQuirk;
import dev.clusterlab.engine.timeline.PassthroughMode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WsfcScratchTest {
    @Test
    void partition() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(5 * S + 500 * MS, () -> f.sim.cut("cluster", null, null));
        f.at(50 * S + 500 * MS, () -> f.sim.heal("cluster", null, null));
        f.runUntil(70 * S);
        System.out.println("=== partition\n" + f.story());
    }
    @Test
    void lossy() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(1 * S + 500 * MS, () -> f.sim.passthrough("node-a", null, PassthroughMode.LOSSY));
        f.at(5 * S + 500 * MS, () -> f.sim.hang("node-a"));
        f.at(40 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(50 * S);
        System.out.println("=== lossy\n" + f.story());
    }
    @Test
    void forgetful() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness(1, Set.of(DiskQuirk.FORGETS_RESERVATION));
        f.runUntil(20 * S);
        System.out.println("=== forgetful\n" + f.story());
    }
}
