package dev.clusterlab.views.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.decode.DecodedField;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Journey through the sequence diagram and the inspector, headless (Monocle): go to 25 s, click
 * node-b's PREEMPT of node-a's key in the diagram, and read it decoded in the inspector.
 */
@ExtendWith(ApplicationExtension.class)
class SequenceInspectorJourneyTest {
    private LabWindow window;

    @Start
    void start(Stage stage) {
        window = new LabWindow(new LabWindowViewModel(LabSession.open(ScenarioSource.demo())));
        stage.setScene(window.scene(1600, 1000));
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    @AfterEach
    void stop() { window.dispose(); }

    @Test
    void clickingThePreemptRowAtTwentyFiveSecondsShowsItDecodedInTheInspector(FxRobot robot) {
        robot.interact(() -> window.model().seekSeconds(25));
        ListView<SequenceRow> rows = robot.lookup("#sequence-rows").queryListView();
        SequenceRow preempt = window.model().sequence().findCommand("node-b", "data", "PR OUT PREEMPT");
        assertThat(preempt).isNotNull();
        assertThat(rows.getItems()).contains(preempt);

        robot.interact(() -> rows.scrollTo(preempt));
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> cell = robot.lookup(".sequence-row").match((ListCell<?> c) -> c.getItem() == preempt).queryAs(ListCell.class);
        robot.clickOn(cell);

        assertThat(window.model().sequence().selected()).isEqualTo(preempt);
        assertThat(robot.lookup("#inspector-title").queryAs(Label.class).getText()).contains("PR OUT PREEMPT").contains("-> GOOD");
        TreeTableView<DecodedField> fields = robot.lookup("#inspector-fields").queryAs(TreeTableView.class);
        List<DecodedField> shown = new ArrayList<>();
        collect(fields.getRoot(), shown);
        assertThat(shown).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("Service action");
            assertThat(f.value()).contains("PREEMPT");
        });
        assertThat(shown).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("Service action reservation key");
            assertThat(f.offset()).isEqualTo(8);
        });
        assertThat(robot.lookup("#registrants-title").queryAs(Label.class).getText()).contains("Registrants of data");
        assertThat(window.inspector().registrants().getItems()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.nexus()).startsWith("node-b/"));
    }

    @Test
    void rewindingBeforeTheFailoverHidesThePreemptRowAndClearsTheInspector(FxRobot robot) {
        robot.interact(() -> window.model().seekSeconds(25));
        SequenceRow preempt = window.model().sequence().findCommand("node-b", "data", "PR OUT PREEMPT");
        robot.interact(() -> window.model().sequence().select(preempt));
        assertThat(window.sequence().list().getSelectionModel().getSelectedItem()).isEqualTo(preempt);
        robot.interact(() -> window.model().seekSeconds(4));
        assertThat(window.sequence().list().getItems()).doesNotContain(preempt)
                .allSatisfy(r -> assertThat(r.time()).isLessThanOrEqualTo(4_000_000_000L));
        assertThat(window.model().inspector().sections()).isEmpty();
    }

    private static void collect(TreeItem<DecodedField> item, List<DecodedField> out) {
        if (item == null) return;
        if (item.getValue() != null) out.add(item.getValue());
        for (TreeItem<DecodedField> child : item.getChildren()) collect(child, out);
    }
}
