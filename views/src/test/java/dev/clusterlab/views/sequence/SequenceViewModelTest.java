package dev.clusterlab.views.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import org.junit.jupiter.api.Test;

/** The sequence diagram's rows on the demo (wsfc-owner-power-off): pairing, filters, the cursor cut. */
class SequenceViewModelTest {
    private static final long S = 1_000_000_000L;

    private final LabSession session = LabSession.open(ScenarioSource.demo());
    private final SequenceViewModel model = new SequenceViewModel(session);

    private void advanceTo(long time) {
        session.advanceTo(time);
        model.showUpTo(session.cursor());
    }

    @Test
    void atTwentyFiveSecondsNodeBsPreemptOfNodeAsKeyOnDataIsARowEndingGood() {
        advanceTo(25 * S);
        SequenceRow.Command preempt = model.findCommand("node-b", "data", "PR OUT PREEMPT");
        assertThat(preempt).isNotNull();
        assertThat(preempt.status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(preempt.kind()).isEqualTo(CommandKind.PR_OUT);
        assertThat(preempt.path()).startsWith("p");
        assertThat(preempt.label()).contains("sark=0x" + Long.toHexString(KeysOnTheDemo.nodeAKey(session)));
        assertThat(preempt.text()).endsWith("-> GOOD");
        assertThat(preempt.time()).isBetween(5 * S, 25 * S);
    }

    @Test
    void rowsAreInTimeOrderAndNeverPastTheCursor() {
        advanceTo(25 * S);
        assertThat(model.rows()).isNotEmpty();
        long previous = Long.MIN_VALUE;
        for (SequenceRow r : model.rows()) {
            assertThat(r.time()).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(25 * S);
            previous = r.time();
        }
    }

    @Test
    void afterARewindRowsStopAtTheNewCursorAndComeBackGoingForward() {
        advanceTo(40 * S);
        int atForty = model.rows().size();
        session.seek(4 * S);
        model.showUpTo(session.cursor());
        assertThat(model.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.time()).isLessThanOrEqualTo(4 * S));
        assertThat(model.findCommand("node-b", "data", "PR OUT PREEMPT")).isNull();
        session.seek(40 * S);
        model.showUpTo(session.cursor());
        assertThat(model.rows()).hasSize(atForty);
    }

    @Test
    void theNodeFilterHidesOtherNodesRows() {
        advanceTo(25 * S);
        assertThat(model.rows()).anySatisfy(r -> assertThat(r.node()).isEqualTo("node-a"));
        model.setNodeFilter("node-b");
        assertThat(model.rows()).isNotEmpty().allSatisfy(r -> {
            if (r instanceof SequenceRow.ClusterEvent e) assertThat(e.node().equals("node-b") || "node-b".equals(e.otherNode())).isTrue();
            else assertThat(r.node()).isEqualTo("node-b");
        });
        model.setNodeFilter(null);
        assertThat(model.rows()).anySatisfy(r -> assertThat(r.node()).isEqualTo("node-a"));
    }

    @Test
    void theDiskFilterKeepsOnlyThatDisksCommands() {
        advanceTo(25 * S);
        model.setDiskFilter("witness");
        assertThat(model.rows()).filteredOn(r -> r instanceof SequenceRow.Command).isNotEmpty()
                .allSatisfy(r -> assertThat(((SequenceRow.Command) r).disk()).isEqualTo("witness"));
    }

    @Test
    void theKindFilterHidesDataIoAndClusterEventsCanBeSwitchedOff() {
        advanceTo(25 * S);
        assertThat(model.rows()).anySatisfy(r -> assertThat(r).isInstanceOf(SequenceRow.ClusterEvent.class));
        assertThat(model.rows()).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(SequenceRow.Command.class,
                c -> assertThat(c.kind()).isEqualTo(CommandKind.DATA_IO)));
        model.setKindShown(CommandKind.DATA_IO, false);
        model.setClusterEventsShown(false);
        assertThat(model.rows()).isNotEmpty().allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(SequenceRow.Command.class,
                c -> assertThat(c.kind()).isNotEqualTo(CommandKind.DATA_IO)));
    }

    @Test
    void theFencingOfNodeAIsAClusterEventRow() {
        advanceTo(25 * S);
        assertThat(model.rows()).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(SequenceRow.ClusterEvent.class, e -> {
            assertThat(e.node()).isEqualTo("node-b");
            assertThat(e.otherNode()).isEqualTo("node-a");
            assertThat(e.text()).contains("fenced node-a");
        }));
    }

    @Test
    void aSelectionDisappearsWhenARewindHidesItsRow() {
        advanceTo(25 * S);
        SequenceRow.Command preempt = model.findCommand("node-b", "data", "PR OUT PREEMPT");
        model.select(preempt);
        assertThat(model.selected()).isEqualTo(preempt);
        session.seek(4 * S);
        model.showUpTo(session.cursor());
        assertThat(model.selected()).isNull();
    }

    @Test
    void aSelectionSurvivesAFilterThatStillShowsIt() {
        advanceTo(25 * S);
        SequenceRow.Command preempt = model.findCommand("node-b", "data", "PR OUT PREEMPT");
        model.select(preempt);
        model.setNodeFilter("node-b");
        assertThat(model.selected()).isEqualTo(preempt);
        model.setNodeFilter("node-a");
        assertThat(model.selected()).isNull();
    }

    @Test
    void heartbeatMarksAreHiddenUntilAskedForAndFollowTheNodeFilter() {
        advanceTo(25 * S);
        assertThat(model.showsHeartbeats()).isFalse();
        assertThat(model.rows()).noneMatch(r -> r.text().contains("heartbeats in a row"));
        model.setHeartbeatsShown(true);
        // node-a lost power at 5.5 s: node-b's tenth missed heartbeat comes at 16 s.
        assertThat(model.rows()).filteredOn(r -> r.text().contains("missed 10 heartbeats in a row from node-a"))
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.node()).isEqualTo("node-b");
                    assertThat(r.time()).isEqualTo(16 * S);
                });
        model.setNodeFilter("node-a");
        assertThat(model.rows()).filteredOn(r -> r.text().contains("heartbeats in a row")).isNotEmpty(); // node-a is the peer
        model.setNodeFilter(null);
        model.setClusterEventsShown(false);
        assertThat(model.rows()).anyMatch(r -> r.text().contains("heartbeats in a row")); // a separate switch
        model.setHeartbeatsShown(false);
        assertThat(model.rows()).noneMatch(r -> r.text().contains("heartbeats in a row"));
    }
}
