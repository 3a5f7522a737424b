package dev.clusterlab.views.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import org.junit.jupiter.api.Test;

/** A node that is DOWN because it is rebooting is told apart from one that was powered off. */
class NodeStatusTest {

    @Test
    void theWatchdogRebootOfTheIsolatedNodeShowsAsRebootingUntilItBoots() throws Exception {
        LabSession session = LabSession.open(ScenarioSource.load("fence-scsi-fencing-and-watchdog"));
        session.advanceTo(40_000_000_000L);
        long since = -1;
        for (long t = 0; t <= 40_000_000_000L; t += 500_000_000L) {
            NodeStatus.Reboot r = NodeStatus.rebooting(session.stateAt(t), "node-c");
            if (r != null && since < 0) since = r.since();
            if (r != null) assertThat(r.reason()).isNotBlank();
        }
        assertThat(since).as("node-c reboots after its watchdog fires").isPositive();
        assertThat(NodeStatus.rebooting(session.stateAt(since - 1), "node-c")).isNull();
        session.advanceTo(90_000_000_000L);
        assertThat(NodeStatus.rebooting(session.stateAt(90_000_000_000L), "node-c")).as("booted again").isNull();
    }

    @Test
    void aPoweredOffNodeIsDownNotRebooting() {
        LabSession session = LabSession.open(ScenarioSource.demo());
        session.advanceTo(10_000_000_000L);
        assertThat(session.frame().cluster().node("node-a")).isEqualTo(dev.clusterlab.engine.timeline.NodeState.DOWN);
        assertThat(NodeStatus.rebooting(session.frame(), "node-a")).isNull();
    }
}
