package dev.clusterlab.views.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.NodeState;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lab session on the demo (wsfc-owner-power-off): forward runs, rewinds and what the frames say. */
class LabSessionTest {
    private static final long S = 1_000_000_000L;

    private final LabSession session = LabSession.open(ScenarioSource.demo());

    /** The nodes holding the persistent reservation of {@code disk} at the cursor. */
    private Set<String> holders(LabFrame frame, String disk) {
        Set<String> out = new HashSet<>();
        for (ReservationSnapshot.Registrant r : frame.disks().reservation(disk).registrants()) {
            if (r.holder()) out.add(session.describe(r.initiator()).split("/")[0]);
        }
        return out;
    }

    @Test
    void atFiveSecondsNodeARunsSqlAndHoldsTheDataDisk() {
        session.advanceTo(5 * S);
        LabFrame frame = session.frame();
        assertThat(frame.runningOn("sql")).containsExactly("node-a");
        assertThat(holders(frame, "data")).containsExactly("node-a");
        assertThat(frame.cluster().node("node-a")).isEqualTo(NodeState.UP);
    }

    @Test
    void atTwentyFiveSecondsNodeBRunsSqlAndHoldsTheDataDisk() {
        session.advanceTo(25 * S);
        LabFrame frame = session.frame();
        assertThat(frame.runningOn("sql")).containsExactly("node-b");
        assertThat(holders(frame, "data")).containsExactly("node-b");
        assertThat(holders(frame, "witness")).containsExactly("node-b");
        assertThat(frame.cluster().node("node-a")).isEqualTo(NodeState.DOWN);
        assertThat(frame.cluster().fencedBy("node-a", "data")).isEqualTo("node-b");
    }

    @Test
    void rewindingGivesTheSameProjectionsAsTheFirstPass() {
        long[] times = {0, 3 * S, 5 * S + S / 2, 12 * S, 16 * S, 22 * S, 40 * S};
        LabFrame[] firstPass = new LabFrame[times.length];
        for (int i = 0; i < times.length; i++) {
            session.advanceTo(times[i]);
            firstPass[i] = session.frame();
        }
        session.advanceTo(session.end());
        for (int i = times.length - 1; i >= 0; i--) {
            session.seek(times[i]);
            LabFrame again = session.frame();
            assertThat(again.cluster()).as("cluster view at %s", Durations.format(times[i])).isEqualTo(firstPass[i].cluster());
            assertThat(again.disks()).as("disk view at %s", Durations.format(times[i])).isEqualTo(firstPass[i].disks());
            assertThat(again.links()).isEqualTo(firstPass[i].links());
            assertThat(again.recentCommands()).isEqualTo(firstPass[i].recentCommands());
            assertThat(again.narration()).isEqualTo(firstPass[i].narration());
            assertThat(again.headline()).isEqualTo(firstPass[i].headline());
        }
    }

    @Test
    void rewindingMovesOnlyTheCursorNotTheSimulation() {
        session.advanceTo(30 * S);
        session.seek(5 * S);
        assertThat(session.cursor()).isEqualTo(5 * S);
        assertThat(session.recordedUntil()).isEqualTo(30 * S);
        assertThat(session.frame().runningOn("sql")).containsExactly("node-a");
    }

    @Test
    void theCursorStaysWithinTheScenario() {
        session.seek(-5 * S);
        assertThat(session.cursor()).isZero();
        session.seek(Long.MAX_VALUE / 2);
        assertThat(session.cursor()).isEqualTo(session.end()).isEqualTo(Durations.parse("90s"));
    }

    @Test
    void aMomentNotYetRecordedCannotBeRead() {
        session.advanceTo(10 * S);
        assertThatThrownBy(() -> session.stateAt(11 * S)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void steppingLandsOnTheNextRecordedEvent() {
        session.advanceTo(5 * S + S / 2 - 1);
        long before = session.cursor();
        long next = session.stepToNextEvent();
        assertThat(next).isGreaterThan(before);
        int firstAfter = session.timeline().countUpTo(before);
        assertThat(session.timeline().indexedTime(firstAfter)).isEqualTo(next);
    }

    @Test
    void theCrashIsAnImportantNarrationLine() {
        session.advanceTo(6 * S);
        assertThat(session.frame().narration())
                .anySatisfy(line -> {
                    assertThat(line.actor()).isEqualTo("node-a");
                    assertThat(line.important()).isTrue();
                    assertThat(line.time()).isEqualTo(5 * S + S / 2);
                });
    }

    @Test
    void theHeadlineIsTheLatestImportantLineAtTheCursor() {
        session.advanceTo(30 * S);
        session.seek(17 * S);
        assertThat(session.frame().headline().text()).contains("no quorum");
        session.seek(25 * S);
        assertThat(session.frame().headline().text()).contains("sql is online");
        assertThat(session.frame().narration()).hasSizeLessThanOrEqualTo(LabFrame.NARRATION_LINES).last()
                .satisfies(line -> assertThat(line.time()).isLessThanOrEqualTo(25 * S));
    }

    @Test
    void recentCommandsAreTheLastTwoSecondsWithTheirOutcome() {
        session.advanceTo(23 * S + S / 2);
        LabFrame frame = session.frame();
        assertThat(frame.recentCommands()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.time()).isBetween(frame.time() - LabSession.RECENT_NANOS, frame.time()));
        // At 23 s node-b reads the keys of data (a scenario step): GOOD.
        assertThat(frame.recentCommands()).anySatisfy(c -> {
            assertThat(c.node()).isEqualTo("node-b");
            assertThat(c.disk()).isEqualTo("data");
            assertThat(c.summary()).contains("READ KEYS");
            assertThat(c.outcome()).isEqualTo(CommandArrow.Outcome.GOOD);
        });
    }
}
