package dev.clusterlab.views.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import org.junit.jupiter.api.Test;

/** A disk selected on the canvas fills the inspector's registrant table and history; a sequence row takes over. */
class CanvasSelectionViewModelTest {
    private final LabWindowViewModel model = new LabWindowViewModel(LabSession.open(ScenarioSource.demo()));

    @Test
    void selectingADiskShowsItsRegistrantsAndHistoryAtTheCursor() {
        model.seekSeconds(25);
        model.selectDisk("witness");
        assertThat(model.selectedDisk()).isEqualTo("witness");
        assertThat(model.inspector().diskTitle()).startsWith("Registrants of witness at 25.000 s");
        assertThat(model.inspector().registrants()).isNotEmpty().allSatisfy(r -> assertThat(r.nexus()).startsWith("node-b/"));
        assertThat(model.inspector().history()).anySatisfy(r -> assertThat(r.action()).startsWith("PR OUT PREEMPT"));

        model.seekSeconds(4); // the history follows the cursor
        assertThat(model.inspector().history()).noneSatisfy(r -> assertThat(r.action()).startsWith("PR OUT PREEMPT"));
        assertThat(model.inspector().registrants()).allSatisfy(r -> assertThat(r.nexus()).startsWith("node-a/"));
    }

    @Test
    void selectingASequenceRowShowsThatRowsDiskInstead() {
        model.seekSeconds(25);
        model.selectDisk("witness");
        var row = model.sequence().findCommand("node-b", "data", "PR OUT PREEMPT");
        model.sequence().select(row);
        assertThat(model.selectedDisk()).isNull();
        assertThat(model.inspector().diskTitle()).startsWith("Registrants of data");
        model.sequence().select(null);
        model.selectDisk(null);
        assertThat(model.inspector().history()).isEmpty();
        assertThat(model.inspector().registrants()).isEmpty();
    }
}
