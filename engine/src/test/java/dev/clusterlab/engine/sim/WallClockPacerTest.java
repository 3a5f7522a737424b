package dev.clusterlab.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WallClockPacerTest {
    private static final long MS = 1_000_000L;
    private static final long FRAME = 16 * MS;

    private final Scheduler scheduler = new Scheduler();
    private final List<Long> ticks = new ArrayList<>();

    WallClockPacerTest() {
        scheduler.every(100 * MS, () -> ticks.add(scheduler.now() / MS));
    }

    /** Feeds frames at 16 ms from {@code fromWall} up to {@code toWall} (the fake wall clock). */
    private static long frames(WallClockPacer pacer, long fromWall, long toWall) {
        long wall = fromWall;
        while (wall < toWall) {
            wall = Math.min(wall + FRAME, toWall);
            pacer.advanceTo(wall);
        }
        return wall;
    }

    @Test
    void atRealSpeedVirtualTimeFollowsWallTime() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 1.0);
        pacer.resume(5_000 * MS);
        frames(pacer, 5_000 * MS, 6_000 * MS);
        assertThat(scheduler.now()).isEqualTo(1_000 * MS);
        assertThat(ticks).containsExactly(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1_000L);
    }

    @Test
    void atTenTimesSpeedOneWallSecondRunsTenVirtualSeconds() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 10.0);
        pacer.resume(0);
        frames(pacer, 0, 1_000 * MS);
        assertThat(scheduler.now()).isEqualTo(10_000 * MS);
        assertThat(ticks).hasSize(100);
    }

    @Test
    void atATenthOfSpeedOneWallSecondRunsOneHundredVirtualMilliseconds() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 0.1);
        pacer.resume(0);
        frames(pacer, 0, 1_000 * MS);
        assertThat(scheduler.now()).isEqualTo(100 * MS);
        assertThat(ticks).containsExactly(100L);
    }

    @Test
    void oneFrameRunsEveryEventDueByThen() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 100.0);
        pacer.resume(0);
        assertThat(pacer.advanceTo(FRAME)).isEqualTo(16);
        assertThat(scheduler.now()).isEqualTo(1_600 * MS);
    }

    @Test
    void aPacerStartsPausedAndPausedTimeDoesNotAdvance() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 1.0);
        assertThat(pacer.isPaused()).isTrue();
        assertThat(pacer.advanceTo(10_000 * MS)).isZero();
        assertThat(scheduler.now()).isZero();
    }

    @Test
    void pauseFreezesVirtualTimeAndResumeContinuesWithoutAJump() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 1.0);
        pacer.resume(0);
        pacer.advanceTo(250 * MS);
        pacer.pause(300 * MS);
        assertThat(scheduler.now()).isEqualTo(300 * MS);
        pacer.advanceTo(10_000 * MS);
        assertThat(scheduler.now()).isEqualTo(300 * MS);
        pacer.resume(10_000 * MS);
        pacer.advanceTo(10_150 * MS);
        assertThat(scheduler.now()).isEqualTo(450 * MS);
        assertThat(ticks).containsExactly(100L, 200L, 300L, 400L);
    }

    @Test
    void steppingWhilePausedIsKeptOnResume() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 1.0);
        scheduler.step();
        scheduler.step();
        assertThat(scheduler.now()).isEqualTo(200 * MS);
        pacer.resume(1_000 * MS);
        pacer.advanceTo(1_100 * MS);
        assertThat(scheduler.now()).isEqualTo(300 * MS);
        assertThat(ticks).containsExactly(100L, 200L, 300L);
    }

    @Test
    void speedChangeAppliesFromTheMomentOfChange() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 1.0);
        pacer.resume(0);
        pacer.advanceTo(100 * MS);
        pacer.setSpeed(10.0, 200 * MS);
        assertThat(scheduler.now()).isEqualTo(200 * MS);
        pacer.advanceTo(300 * MS);
        assertThat(scheduler.now()).isEqualTo(1_200 * MS);
        assertThat(pacer.speed()).isEqualTo(10.0);
    }

    @Test
    void speedOutsideTheSupportedRangeIsRejected() {
        assertThatThrownBy(() -> new WallClockPacer(scheduler, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WallClockPacer(scheduler, 101)).isInstanceOf(IllegalArgumentException.class);
        WallClockPacer pacer = new WallClockPacer(scheduler, 1.0);
        assertThatThrownBy(() -> pacer.setSpeed(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(pacer.speed()).isEqualTo(1.0);
    }

    @Test
    void wallTimeGoingBackwardsIsRejected() {
        WallClockPacer pacer = new WallClockPacer(scheduler, 1.0);
        pacer.resume(1_000 * MS);
        pacer.advanceTo(1_100 * MS);
        assertThatThrownBy(() -> pacer.advanceTo(1_050 * MS)).isInstanceOf(IllegalArgumentException.class);
        assertThat(scheduler.now()).isEqualTo(100 * MS);
    }

    @Test
    void pacedAndFlatOutRunsProduceTheSameTrace() {
        Scheduler flatOut = new Scheduler();
        List<Long> flatTicks = new ArrayList<>();
        flatOut.every(100 * MS, () -> flatTicks.add(flatOut.now() / MS));
        flatOut.runUntil(3_000 * MS);

        WallClockPacer pacer = new WallClockPacer(scheduler, 3.0);
        pacer.resume(0);
        frames(pacer, 0, 1_000 * MS);
        assertThat(ticks).isEqualTo(flatTicks);
    }
}
