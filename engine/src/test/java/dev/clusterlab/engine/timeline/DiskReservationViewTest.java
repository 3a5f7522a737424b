package dev.clusterlab.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.TargetPort;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskReservationViewTest {
    private static final InitiatorPort A = InitiatorPort.iscsi("iqn.2026-01.lab:node-a", 1);
    private static final ItNexus A_TP1 = new ItNexus(A, new TargetPort(1, "tp1", 1));
    private static final ReservationSnapshot A_HOLDS_WE_RO = new ReservationSnapshot(1,
            List.of(new ReservationSnapshot.Registrant(A, null, 0xA1, true)), 5, 0, null, false);

    private static Timeline sample() {
        Timeline tl = new Timeline();
        tl.append(new TimelineEvent.CommandStarted(10, "disk1", A_TP1, 1, new byte[10], new byte[24]));
        tl.append(new TimelineEvent.ReservationChanged(11, "disk1", ReservationSnapshot.EMPTY, A_HOLDS_WE_RO, "reserve"));
        tl.append(new TimelineEvent.CommandCompleted(12, "disk1", A_TP1, 1, ScsiStatus.GOOD, null, null));
        tl.append(new TimelineEvent.CommandCompleted(20, "disk2", A_TP1, 2, ScsiStatus.RESERVATION_CONFLICT, null, null));
        tl.append(new TimelineEvent.ReservationChanged(30, "disk1", A_HOLDS_WE_RO, ReservationSnapshot.EMPTY, "clear"));
        return tl;
    }

    @Test
    void aUnitsStateIsTheAfterSnapshotOfItsLatestReservationChange() {
        ProjectionCache<DiskReservationView.State> cache = new ProjectionCache<>(sample(), DiskReservationView.INSTANCE, 2);
        assertThat(cache.stateAt(0).reservation("disk1")).isEqualTo(ReservationSnapshot.EMPTY);
        assertThat(cache.stateAt(2).reservation("disk1")).isEqualTo(A_HOLDS_WE_RO);
        assertThat(cache.stateAt(5).reservation("disk1")).isEqualTo(ReservationSnapshot.EMPTY);
        assertThat(cache.stateAt(5).reservations()).containsOnlyKeys("disk1");
    }

    @Test
    void theLastCompletedCommandPerNexusIsKept() {
        ProjectionCache<DiskReservationView.State> cache = new ProjectionCache<>(sample(), DiskReservationView.INSTANCE, 2);
        assertThat(cache.stateAt(1).lastOutcome(A_TP1)).isNull();
        assertThat(cache.stateAt(3).lastOutcome(A_TP1)).isEqualTo(new DiskReservationView.CommandOutcome(12, "disk1", 1, ScsiStatus.GOOD, null));
        assertThat(cache.stateAt(4).lastOutcome(A_TP1).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
    }

    @Test
    void stateAtTimeIncludesEveryEventAtThatTimeAndNoneAfter() {
        ProjectionCache<DiskReservationView.State> cache = new ProjectionCache<>(sample(), DiskReservationView.INSTANCE, 2);
        assertThat(cache.stateAtTime(10).reservation("disk1").reserved()).isFalse();
        assertThat(cache.stateAtTime(11).reservation("disk1").reserved()).isTrue();
        assertThat(cache.stateAtTime(29).reservation("disk1").reserved()).isTrue();
        assertThat(cache.stateAtTime(30).reservation("disk1").reserved()).isFalse();
        assertThat(cache.stateAtTime(Long.MIN_VALUE)).isEqualTo(DiskReservationView.INSTANCE.initial());
    }

    @Test
    void aReturnedStateBelongsToTheCallerAndDoesNotChangeTheCache() {
        Timeline tl = sample();
        ProjectionCache<DiskReservationView.State> cache = new ProjectionCache<>(tl, DiskReservationView.INSTANCE, 2);
        DiskReservationView.State mine = cache.stateAt(2);
        DiskReservationView.INSTANCE.apply(mine, tl.get(4));
        assertThat(cache.stateAt(2).reservation("disk1")).isEqualTo(A_HOLDS_WE_RO);
    }

    @Test
    void seekingOutsideThePublishedTimelineOrANonPositiveIntervalIsAnError() {
        ProjectionCache<DiskReservationView.State> cache = new ProjectionCache<>(sample(), DiskReservationView.INSTANCE);
        assertThatThrownBy(() -> cache.stateAt(6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> cache.stateAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new ProjectionCache<>(new Timeline(), DiskReservationView.INSTANCE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
