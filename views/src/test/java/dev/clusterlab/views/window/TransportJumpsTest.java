package dev.clusterlab.views.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import org.junit.jupiter.api.Test;

/** Home/End and +/- on the transport, in the view model (no toolkit). */
class TransportJumpsTest {
    private final LabWindowViewModel model = new LabWindowViewModel(LabSession.open(ScenarioSource.demo()));

    @Test
    void endRunsToTheEndAndHomeGoesBackToTheStartBothPausing() {
        model.playingProperty().set(true);
        model.jumpToEnd();
        assertThat(model.playingProperty().get()).isFalse();
        assertThat(model.cursorSeconds()).isEqualTo(model.endSeconds());
        assertThat(model.runningOn("sql")).containsExactly("node-b");
        model.playingProperty().set(true);
        model.jumpToStart();
        assertThat(model.playingProperty().get()).isFalse();
        assertThat(model.cursorSeconds()).isZero();
        assertThat(model.runningOn("sql")).containsExactly("node-a");
    }

    @Test
    void plusAndMinusWalkTheSpeedListAndStopAtItsEnds() {
        model.speedProperty().set(1.0);
        model.faster();
        assertThat(model.speedProperty().get()).isEqualTo(2.0);
        model.slower();
        model.slower();
        assertThat(model.speedProperty().get()).isEqualTo(0.5);
        for (int i = 0; i < 20; i++) model.slower();
        assertThat(model.speedProperty().get()).isEqualTo(LabWindowViewModel.SPEEDS.get(0));
        for (int i = 0; i < 20; i++) model.faster();
        assertThat(model.speedProperty().get()).isEqualTo(LabWindowViewModel.SPEEDS.get(LabWindowViewModel.SPEEDS.size() - 1));
    }

    @Test
    void aSpeedBetweenTheListedOnesGoesToTheNeighbours() {
        model.speedProperty().set(3.0);
        model.faster();
        assertThat(model.speedProperty().get()).isEqualTo(5.0);
        model.speedProperty().set(3.0);
        model.slower();
        assertThat(model.speedProperty().get()).isEqualTo(2.0);
    }
}
