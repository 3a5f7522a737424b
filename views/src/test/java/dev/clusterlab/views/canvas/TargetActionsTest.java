package dev.clusterlab.views.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canvas's actions are scenario-language steps, and the toggles read the frame. */
class TargetActionsTest {
    private final LabSession session = LabSession.open(ScenarioSource.demo());

    private List<TargetActions.Action> actions(CanvasTarget target) {
        return TargetActions.of(session.topology(), session.frame(), target);
    }

    private TargetActions.Action key(CanvasTarget target, char key) {
        return TargetActions.forKey(session.topology(), session.frame(), target, key);
    }

    @Test
    void aLiveNodeCanBeCrashedHungOrIsolatedButNotRestarted() {
        CanvasTarget a = new CanvasTarget.Node("node-a");
        assertThat(actions(a)).extracting(TargetActions.Action::steps)
                .containsExactly(List.of("crash node-a"), List.of("restart node-a"), List.of("hang node-a"), List.of("isolate node-a"));
        assertThat(key(a, 'c').enabled()).isTrue();
        assertThat(key(a, 'R').enabled()).isFalse();
    }

    @Test
    void aCrashedNodeCanOnlyBeRestarted() throws Exception {
        session.act("crash node-a");
        CanvasTarget a = new CanvasTarget.Node("node-a");
        assertThat(actions(a)).filteredOn(TargetActions.Action::enabled).extracting(TargetActions.Action::steps)
                .containsExactly(List.of("restart node-a"));
        assertThat(key(a, 'R').label()).contains("boot");
    }

    @Test
    void aLinkIsCutThenHealed() throws Exception {
        CanvasTarget link = new CanvasTarget.Link("cluster", "node-a", "node-b");
        assertThat(key(link, 'X').steps()).containsExactly("cut cluster node-a node-b");
        session.act(key(link, 'X').steps().get(0));
        assertThat(session.frame().links().isCut("cluster", "node-a", "node-b")).isTrue();
        assertThat(key(link, 'X').steps()).containsExactly("heal cluster node-a node-b");
    }

    @Test
    void aPathIsFailedThenRestoredAndSwitchedLossyThenFaithful() throws Exception {
        CanvasTarget p2 = new CanvasTarget.Path("node-b", "p2");
        assertThat(key(p2, 'F').steps()).containsExactly("fail-path node-b/p2");
        assertThat(key(p2, 'L').steps()).containsExactly("passthrough node-b/p2 lossy");
        session.act("fail-path node-b/p2");
        session.act("passthrough node-b/p2 lossy");
        assertThat(key(p2, 'F').steps()).containsExactly("restore-path node-b/p2");
        assertThat(key(p2, 'L').steps()).containsExactly("passthrough node-b/p2 faithful");
        assertThat(key(p2, 'C').steps()).as("a path's node can be acted on from the path").containsExactly("crash node-b");
    }

    @Test
    void aDiskOffersLuResetBusResetAndTargetRestart() throws Exception {
        CanvasTarget data = new CanvasTarget.Disk("data");
        assertThat(actions(data)).extracting(TargetActions.Action::steps)
                .containsExactly(List.of("lu-reset data"), List.of("bus-reset data"), List.of("target-restart"));
        for (TargetActions.Action a : actions(data)) for (String step : a.steps()) session.act(step); // all valid steps
        assertThat(session.actions()).hasSize(3);
    }

    @Test
    void everyStepOfferedForEveryTargetIsValidScenarioLanguage() throws Exception {
        for (CanvasTarget t : CanvasHit.tabOrder(session.topology())) {
            for (TargetActions.Action a : actions(t)) {
                for (String step : a.steps()) {
                    dev.clusterlab.engine.scenario.ScenarioParser.parseAction(session.scenario(), java.time.Duration.ZERO, step, "test");
                }
            }
        }
        assertThat(actions(null)).isEmpty();
    }

    @Test
    void theTooltipSaysWhatTheTargetIsAndItsState() throws Exception {
        assertThat(TargetActions.describe(session.topology(), session.frame(), new CanvasTarget.Node("node-a"))).isEqualTo("node node-a: UP, runs sql");
        session.act("cut cluster node-a node-b");
        session.act("passthrough node-a/p2 lossy");
        assertThat(TargetActions.describe(session.topology(), session.frame(), new CanvasTarget.Link("cluster", "node-a", "node-b"))).endsWith(": cut");
        assertThat(TargetActions.describe(session.topology(), session.frame(), new CanvasTarget.Path("node-a", "p2"))).isEqualTo("path node-a/p2: working, lossy passthrough");
        assertThat(TargetActions.describe(session.topology(), session.frame(), new CanvasTarget.Disk("data"))).contains("reserved (type 5)");
    }

    @Test
    void onABusANodesStubCutsItOffEveryPeerAndHealsEachCutLink() throws Exception {
        LabSession three = LabSession.open(ScenarioSource.load("fence-scsi-fencing-and-watchdog"));
        String net = three.topology().networks().get(0);
        CanvasTarget stub = new CanvasTarget.Link(net, "node-a", null);
        TargetActions.Action cut = TargetActions.forKey(three.topology(), three.frame(), stub, 'X');
        assertThat(cut.steps()).containsExactly("partition " + net + " node-a");
        three.act(cut.steps().get(0));
        TargetActions.Action heal = TargetActions.forKey(three.topology(), three.frame(), stub, 'X');
        assertThat(heal.steps()).allSatisfy(s -> assertThat(s).startsWith("heal " + net + " node-a ")).hasSize(2);
        CanvasTarget whole = new CanvasTarget.Link(net, null, null);
        assertThat(TargetActions.forKey(three.topology(), three.frame(), whole, 'X').steps()).containsExactly("heal " + net);
    }
}
