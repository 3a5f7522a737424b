package dev.clusterlab.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TargetPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The task set bookkeeping (SAM-5 §8). */
class TaskSetTest {
    static final ItNexus X = new ItNexus(InitiatorPort.iscsi("iqn.x", 1), new TargetPort(1, "p1", 1));
    final TaskSet tasks = new TaskSet();

    @Test
    @DisplayName("Tasks begin and end by tag; ending an unknown task says so")
    void beginAndEnd() {
        tasks.begin(X, 7);
        tasks.begin(X, 8);
        assertThat(tasks.inFlight(X)).containsExactly(7, 8);
        assertThat(tasks.end(X, 7)).isTrue();
        assertThat(tasks.end(X, 7)).isFalse();
        assertThat(tasks.inFlight(X)).containsExactly(8);
    }

    @Test
    @DisplayName("Abort removes the nexus's tasks and tells every listener which tags, spare the executing task")
    void abortNotifiesListenersAndSparesCurrentTask() {
        List<String> told = new ArrayList<>();
        tasks.addListener((n, tags, tas) -> told.add(n + ":" + java.util.Arrays.toString(tags) + ":" + tas));
        tasks.begin(X, 1);
        tasks.begin(X, 2);
        tasks.begin(X, 3);
        tasks.setCurrent(X, 2);
        assertThat(tasks.abort(X, true)).containsExactly(1, 3);
        tasks.clearCurrent();
        assertThat(tasks.inFlight(X)).containsExactly(2);
        assertThat(told).containsExactly(X + ":[1, 3]:true");
    }

    @Test
    @DisplayName("Aborting a nexus with no tasks reports nothing")
    void abortWithoutTasksIsSilent() {
        List<Object> told = new ArrayList<>();
        tasks.addListener((n, tags, tas) -> told.add(n));
        assertThat(tasks.abort(X, false)).isEmpty();
        assertThat(told).isEmpty();
    }
}
