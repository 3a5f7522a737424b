package dev.clusterlab.views.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import org.junit.jupiter.api.Test;

/** The window's view model without the toolkit: playing, stepping, seeking and the narration it publishes. */
class LabWindowViewModelTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final LabWindowViewModel model = new LabWindowViewModel(LabSession.open(ScenarioSource.demo()));

    @Test
    void playingMovesTheCursorByWallTimeTimesSpeed() {
        model.speedProperty().set(10);
        model.togglePlay();
        model.tick(1_000 * MS); // the first frame only anchors
        model.tick(1_100 * MS);
        assertThat(model.session().cursor()).isEqualTo(1 * S);
    }

    @Test
    void pausedTicksDoNothing() {
        model.tick(0);
        model.tick(5 * S);
        assertThat(model.session().cursor()).isZero();
    }

    @Test
    void aLongStallDoesNotMakeTimeJump() {
        model.togglePlay();
        model.tick(0);
        model.tick(60 * S);
        assertThat(model.session().cursor()).isEqualTo(250 * MS);
    }

    @Test
    void playingStopsAtTheEndAndPlayingAgainStartsOver() {
        model.seek(model.session().end() - 10 * MS);
        model.togglePlay();
        model.tick(0);
        model.tick(100 * MS);
        assertThat(model.playingProperty().get()).isFalse();
        assertThat(model.session().cursor()).isEqualTo(model.session().end());
        model.togglePlay();
        assertThat(model.session().cursor()).isZero();
        assertThat(model.playingProperty().get()).isTrue();
    }

    @Test
    void steppingPausesAndMovesForward() {
        model.togglePlay();
        model.stepToNextEvent();
        assertThat(model.playingProperty().get()).isFalse();
        assertThat(model.session().cursor()).isPositive();
    }

    @Test
    void theHeadlineIsTheLatestImportantLine() {
        model.seek(17 * S);
        assertThat(model.headlineProperty().get()).contains("node-b").contains("no quorum");
        model.seek(25 * S);
        assertThat(model.headlineProperty().get()).contains("sql is online");
        assertThat(model.runningOn("sql")).containsExactly("node-b");
        model.seek(2 * S);
        assertThat(model.runningOn("sql")).containsExactly("node-a");
    }

    @Test
    void theTimeTextShowsCursorAndEnd() {
        model.seek(25 * S);
        assertThat(model.timeTextProperty().get()).isEqualTo("25.000 s / 90.000 s");
    }

    @Test
    void selectingASequenceRowFillsTheInspectorAndTheSequenceFollowsTheCursor() {
        model.seek(25 * S);
        var preempt = model.sequence().findCommand("node-b", "data", "PR OUT PREEMPT");
        model.sequence().select(preempt);
        assertThat(model.inspector().find("Service action").value()).contains("PREEMPT");
        assertThat(model.inspector().registrants()).isNotEmpty();
        model.seek(4 * S);
        assertThat(model.sequence().rows()).allSatisfy(r -> assertThat(r.time()).isLessThanOrEqualTo(4 * S));
        assertThat(model.inspector().sections()).isEmpty();
        assertThat(model.inspector().registrants()).isEmpty();
    }
}
