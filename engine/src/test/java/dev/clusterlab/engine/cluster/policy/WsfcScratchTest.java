package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.WsfcFixture.*;
import org.junit.jupiter.api.Test;

class WsfcScratchTest {
    @Test
    void powerOff() {
        WsfcFixture f = WsfcFixture.twoNodesWithWitness();
        f.at(5 * S + 500 * MS, () -> f.sim.crash("node-a"));
        f.at(60 * S + 500 * MS, () -> f.sim.restart("node-a"));
        f.runUntil(120 * S);
        System.out.println(f.story());
    }
}
