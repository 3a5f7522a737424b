package dev.clusterlab.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.InitiatorPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The timeline's indexes agree with a brute-force scan of the events. */
class TimelineIndexProperties {

    @Provide
    Arbitrary<List<TimelineEvent>> events() { return RandomEvents.sequences(3 * 4096 + 17); }

    @Property(tries = 60)
    void logicalUnitIndexListsExactlyTheEventsAboutThatUnitInOrder(@ForAll("events") List<TimelineEvent> events) {
        Timeline timeline = RandomEvents.timelineOf(events);
        for (String lu : RandomEvents.LUS) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) if (Timeline.logicalUnitOf(events.get(i)).equals(lu)) expected.add(i);
            assertThat(timeline.indexesOfLogicalUnit(lu)).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
        assertThat(timeline.indexesOfLogicalUnit("no-such-lu")).isEmpty();
    }

    @Property(tries = 60)
    void initiatorIndexListsExactlyTheEventsNamingThatInitiatorInOrder(@ForAll("events") List<TimelineEvent> events) {
        Timeline timeline = RandomEvents.timelineOf(events);
        for (InitiatorPort initiator : RandomEvents.INITIATORS) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (Objects.equals(Timeline.initiatorOf(events.get(i)), initiator)) expected.add(i);
            }
            assertThat(timeline.indexesOfInitiator(initiator)).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Property(tries = 60)
    void timeIndexFindsTheFirstEventAtOrAfterEachTime(@ForAll("events") List<TimelineEvent> events) {
        Timeline timeline = RandomEvents.timelineOf(events);
        long last = events.isEmpty() ? 0 : events.get(events.size() - 1).time();
        long step = Math.max(1, last / 200); // about 200 probes: the brute force is linear per probe
        for (long t = -6; t <= last + 6; t += step) {
            assertThat(timeline.firstIndexAtOrAfter(t)).as("time %d", t).isEqualTo(bruteForceFirstAtOrAfter(events, t));
        }
        assertThat(timeline.firstIndexAtOrAfter(Long.MIN_VALUE)).isZero();
        assertThat(timeline.countUpTo(Long.MAX_VALUE)).isEqualTo(events.size());
    }

    /** An event that steps back in time is filed under the latest time seen before it (see Timeline). */
    private static int bruteForceFirstAtOrAfter(List<TimelineEvent> events, long t) {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            max = Math.max(max, events.get(i).time());
            if (max >= t) return i;
        }
        return events.size();
    }
}
