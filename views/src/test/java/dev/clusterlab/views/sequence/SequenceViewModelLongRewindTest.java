package dev.clusterlab.views.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.views.session.LabSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rewinds over many rows (the linear setAll path of SequenceViewModel.trimTo) behave as short ones. */
class SequenceViewModelLongRewindTest {
    private static final long S = 1_000_000_000L;
    private static final String BUSY = """
            title: Busy
            policy: wsfc-pr
            quorum: node-majority
            param workload.interval=10ms
            node a
            node b
            disk data
            group g disk=data owner=a
            expect by 20s: monitor silent
            """;

    private static LabSession busySession() throws Exception { return LabSession.open(ScenarioParser.parse("busy.scenario", BUSY)); }

    @Test
    void aRewindOverMoreThanASmallTrimLeavesExactlyTheRowsUpToTheCursorAndKeepsAVisibleSelection() throws Exception {
        LabSession session = busySession();
        SequenceViewModel model = new SequenceViewModel(session);
        session.advanceTo(20 * S);
        model.showUpTo(session.cursor());
        SequenceRow early = model.rows().get(10);
        model.select(early);
        int atTwenty = model.rows().size();

        session.seek(5 * S);
        model.showUpTo(session.cursor());

        assertThat(atTwenty - model.rows().size()).isGreaterThan(SequenceViewModel.SMALL_TRIM);
        SequenceViewModel fresh = new SequenceViewModel(session); // the same cursor, built from scratch
        assertThat(List.copyOf(model.rows())).isEqualTo(List.copyOf(fresh.rows()));
        assertThat(model.selected()).isSameAs(early);

        session.seek(0);
        model.showUpTo(session.cursor());
        assertThat(model.rows()).allSatisfy(r -> assertThat(r.time()).isLessThanOrEqualTo(0));
        assertThat(model.selected()).isNull();
    }
}
