package dev.clusterlab.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Seeking through snapshots gives the same state as folding from the start, with bounded work. */
class ProjectionCacheProperties {

    @Provide
    Arbitrary<List<TimelineEvent>> events() { return RandomEvents.sequences(2000); }

    @Property(tries = 100)
    void stateAtAnyPositionEqualsFoldingFromTheStart(@ForAll("events") List<TimelineEvent> events,
                                                     @ForAll @IntRange(min = 1, max = 300) int interval,
                                                     @ForAll @IntRange(min = 0, max = 1_000_000) int seek) {
        Timeline timeline = RandomEvents.timelineOf(events);
        ProjectionCache<DiskReservationView.State> cache = new ProjectionCache<>(timeline, DiskReservationView.INSTANCE, interval);
        int position = seek % (events.size() + 1);
        assertThat(cache.stateAt(position)).isEqualTo(foldFromStart(events, position));
        int earlier = position / 2; // seeking backwards after snapshots exist must agree too
        assertThat(cache.stateAt(earlier)).isEqualTo(foldFromStart(events, earlier));
    }

    @Property(tries = 50)
    void onceSnapshotsCoverTheTimelineASeekAppliesFewerEventsThanTheInterval(
            @ForAll("events") List<TimelineEvent> events, @ForAll @IntRange(min = 1, max = 300) int interval,
            @ForAll @IntRange(min = 0, max = 1_000_000) int seek) {
        Timeline timeline = RandomEvents.timelineOf(events);
        CountingProjection counting = new CountingProjection();
        ProjectionCache<DiskReservationView.State> cache = new ProjectionCache<>(timeline, counting, interval);
        cache.catchUp();
        assertThat(cache.snapshotCount()).isEqualTo(events.size() / interval + 1);
        counting.applies = 0;
        int position = seek % (events.size() + 1);
        cache.stateAt(position);
        assertThat(counting.applies).isEqualTo(position % interval).isLessThan(interval);
    }

    static DiskReservationView.State foldFromStart(List<TimelineEvent> events, int count) {
        DiskReservationView.State state = DiskReservationView.INSTANCE.initial();
        for (int i = 0; i < count; i++) DiskReservationView.INSTANCE.apply(state, events.get(i));
        return state;
    }

    /** The reservation view, counting {@link #apply} calls. */
    static final class CountingProjection implements Projection<DiskReservationView.State> {
        long applies;

        @Override
        public DiskReservationView.State initial() { return DiskReservationView.INSTANCE.initial(); }

        @Override
        public DiskReservationView.State copy(DiskReservationView.State state) { return DiskReservationView.INSTANCE.copy(state); }

        @Override
        public void apply(DiskReservationView.State state, TimelineEvent event) {
            applies++;
            DiskReservationView.INSTANCE.apply(state, event);
        }
    }
}
