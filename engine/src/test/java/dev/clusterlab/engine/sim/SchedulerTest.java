package dev.clusterlab.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final Scheduler scheduler = new Scheduler();
    private final List<String> trace = new ArrayList<>();

    private Runnable record(String name) {
        return () -> trace.add(name + "@" + scheduler.now());
    }

    @Test
    void eventsRunInDueTimeOrderRegardlessOfSchedulingOrder() {
        scheduler.schedule(30, record("c"));
        scheduler.schedule(10, record("a"));
        scheduler.schedule(20, record("b"));
        scheduler.runUntil(100);
        assertThat(trace).containsExactly("a@10", "b@20", "c@30");
    }

    @Test
    void eventsDueAtTheSameTimeRunInSchedulingOrder() {
        for (int i = 0; i < 50; i++) scheduler.scheduleAt(5, record("e" + i));
        scheduler.runUntil(5);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) expected.add("e" + i + "@5");
        assertThat(trace).isEqualTo(expected);
    }

    @Test
    void zeroDelayRunsAfterEventsAlreadyDueNow() {
        scheduler.scheduleAt(10, () -> {
            trace.add("first");
            scheduler.schedule(0, record("nested"));
        });
        scheduler.scheduleAt(10, record("second"));
        scheduler.runUntil(10);
        assertThat(trace).containsExactly("first", "second@10", "nested@10");
    }

    @Test
    void runUntilRunsEventsDueAtTheLimitAndSetsTimeToTheLimit() {
        scheduler.schedule(10, record("at-limit"));
        scheduler.schedule(11, record("after"));
        assertThat(scheduler.runUntil(10)).isEqualTo(1);
        assertThat(trace).containsExactly("at-limit@10");
        assertThat(scheduler.now()).isEqualTo(10);
        assertThat(scheduler.pendingCount()).isEqualTo(1);
    }

    @Test
    void runUntilAdvancesTimeEvenWithNoEvents() {
        scheduler.runUntil(1_000);
        assertThat(scheduler.now()).isEqualTo(1_000);
    }

    @Test
    void runForIsRelativeToNow() {
        scheduler.runUntil(100);
        scheduler.schedule(50, record("x"));
        scheduler.runFor(49);
        assertThat(trace).isEmpty();
        scheduler.runFor(1);
        assertThat(trace).containsExactly("x@150");
    }

    @Test
    void runNextRunsExactlyOneEventAndJumpsTimeToIt() {
        scheduler.schedule(10, record("a"));
        scheduler.schedule(20, record("b"));
        assertThat(scheduler.runNext()).isTrue();
        assertThat(trace).containsExactly("a@10");
        assertThat(scheduler.now()).isEqualTo(10);
        assertThat(scheduler.step()).isTrue();
        assertThat(trace).containsExactly("a@10", "b@20");
    }

    @Test
    void runNextOnAnIdleSchedulerReturnsFalseAndLeavesTimeAlone() {
        scheduler.runUntil(7);
        assertThat(scheduler.isIdle()).isTrue();
        assertThat(scheduler.runNext()).isFalse();
        assertThat(scheduler.now()).isEqualTo(7);
    }

    @Test
    void actionsMayScheduleFurtherEventsThatRunInTheSameRun() {
        scheduler.schedule(10, () -> {
            trace.add("outer@" + scheduler.now());
            scheduler.schedule(5, () -> {
                trace.add("inner@" + scheduler.now());
                scheduler.schedule(5, record("innermost"));
            });
        });
        scheduler.runUntil(100);
        assertThat(trace).containsExactly("outer@10", "inner@15", "innermost@20");
        assertThat(scheduler.isIdle()).isTrue();
    }

    @Test
    void cancelledEventNeverRuns() {
        EventHandle handle = scheduler.schedule(10, record("cancelled"));
        scheduler.schedule(20, record("kept"));
        assertThat(handle.cancel()).isTrue();
        scheduler.runUntil(100);
        assertThat(trace).containsExactly("kept@20");
        assertThat(handle.isCancelled()).isTrue();
        assertThat(handle.isPending()).isFalse();
    }

    @Test
    void cancellingIsImmediateSoPendingCountAndIdleAreExact() {
        EventHandle a = scheduler.schedule(10, record("a"));
        EventHandle b = scheduler.schedule(20, record("b"));
        assertThat(scheduler.pendingCount()).isEqualTo(2);
        a.cancel();
        b.cancel();
        assertThat(scheduler.pendingCount()).isZero();
        assertThat(scheduler.isIdle()).isTrue();
        assertThat(scheduler.nextDueNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anEventMayCancelALaterEventDueAtTheSameTime() {
        EventHandle[] later = new EventHandle[1];
        scheduler.scheduleAt(10, () -> later[0].cancel());
        later[0] = scheduler.scheduleAt(10, record("later"));
        scheduler.runUntil(10);
        assertThat(trace).isEmpty();
    }

    @Test
    void cancellingTwiceOrAfterRunningReportsFalse() {
        EventHandle ran = scheduler.schedule(1, record("ran"));
        EventHandle cancelled = scheduler.schedule(2, record("never"));
        scheduler.runUntil(1);
        assertThat(ran.cancel()).isFalse();
        assertThat(ran.isCancelled()).isFalse();
        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.cancel()).isFalse();
    }

    @Test
    void periodicEventRepeatsEveryPeriodWithoutDrift() {
        scheduler.every(1_000, record("beat"));
        scheduler.runUntil(3_500);
        assertThat(trace).containsExactly("beat@1000", "beat@2000", "beat@3000");
    }

    @Test
    void periodicEventWithInitialDelayStartsThere() {
        scheduler.every(0, 10, record("tick"));
        scheduler.runUntil(20);
        assertThat(trace).containsExactly("tick@0", "tick@10", "tick@20");
    }

    @Test
    void cancelledPeriodicEventStopsRepeating() {
        EventHandle heartbeat = scheduler.every(10, record("beat"));
        scheduler.runUntil(25);
        heartbeat.cancel();
        scheduler.runUntil(100);
        assertThat(trace).containsExactly("beat@10", "beat@20");
        assertThat(scheduler.isIdle()).isTrue();
    }

    @Test
    void periodicActionMayCancelItself() {
        EventHandle[] self = new EventHandle[1];
        int[] runs = {0};
        self[0] = scheduler.every(10, () -> {
            if (++runs[0] == 3) assertThat(self[0].cancel()).isTrue();
        });
        scheduler.runUntil(1_000);
        assertThat(runs[0]).isEqualTo(3);
        assertThat(self[0].isCancelled()).isTrue();
        assertThat(scheduler.isIdle()).isTrue();
    }

    @Test
    void periodicEventsWithEqualDueTimesKeepADeterministicOrder() {
        scheduler.every(10, record("a"));
        scheduler.every(5, record("b"));
        scheduler.runUntil(20);
        // At 10 and 20 both are due; a was re-enqueued at 10 before b was re-enqueued at 10.
        assertThat(trace).containsExactly("b@5", "a@10", "b@10", "b@15", "a@20", "b@20");
    }

    @Test
    void periodicEventThatThrowsStopsRepeatingAndTheExceptionPropagates() {
        EventHandle failing = scheduler.every(10, () -> { throw new IllegalStateException("boom"); });
        assertThatThrownBy(() -> scheduler.runUntil(100)).hasMessage("boom");
        assertThat(failing.isPending()).isFalse();
        assertThat(scheduler.now()).isEqualTo(10);
        scheduler.runUntil(100); // the scheduler stays usable
        assertThat(scheduler.now()).isEqualTo(100);
    }

    @Test
    void schedulingInThePastIsRejected() {
        scheduler.runUntil(100);
        assertThatThrownBy(() -> scheduler.scheduleAt(99, record("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.schedule(-1, record("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runningBackwardsIsRejected() {
        scheduler.runUntil(100);
        assertThatThrownBy(() -> scheduler.runUntil(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.runFor(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(scheduler.now()).isEqualTo(100);
    }

    @Test
    void schedulingAtNowIsAllowed() {
        scheduler.runUntil(100);
        scheduler.scheduleAt(100, record("now"));
        scheduler.runNext();
        assertThat(trace).containsExactly("now@100");
    }

    @Test
    void nonPositivePeriodIsRejected() {
        assertThatThrownBy(() -> scheduler.every(0, record("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dueTimeOverflowIsRejected() {
        scheduler.runUntil(10);
        assertThatThrownBy(() -> scheduler.schedule(Long.MAX_VALUE, record("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anActionMayNotDriveTheSchedulerItself() {
        scheduler.schedule(1, () -> scheduler.runUntil(50));
        assertThatThrownBy(() -> scheduler.runUntil(10)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runUntilIdleStopsAtTheEventBound() {
        scheduler.every(1, () -> { });
        assertThat(scheduler.runUntilIdle(25)).isEqualTo(25);
        assertThat(scheduler.now()).isEqualTo(25);
        assertThat(scheduler.eventsRun()).isEqualTo(25);
    }

    @Test
    void theExposedClockFollowsTheScheduler() {
        Clock clock = scheduler.clock();
        scheduler.schedule(42, () -> trace.add("clock=" + clock.nowNanos()));
        scheduler.runUntil(50);
        assertThat(trace).containsExactly("clock=42");
        assertThat(clock.nowNanos()).isEqualTo(50);
    }

    @Test
    void aFirstAtEventRunsBeforeOrdinaryEventsOfItsInstantWhenEverTheyWereScheduled() {
        scheduler.scheduleAt(5, record("ordinary-early"));
        scheduler.runUntil(3);
        scheduler.scheduleFirstAt(5, record("first-1"));
        scheduler.scheduleAt(5, record("ordinary-late"));
        scheduler.scheduleFirstAt(5, record("first-2"));
        scheduler.runUntil(5);
        assertThat(trace).containsExactly("first-1@5", "first-2@5", "ordinary-early@5", "ordinary-late@5");
        assertThat(scheduler.lastRunDueNanos()).isEqualTo(5);
    }

    @Test
    void aFirstAtEventCannotJoinAnInstantThatHasAlreadyRun() {
        scheduler.scheduleAt(5, record("a"));
        scheduler.runUntil(5);
        assertThatThrownBy(() -> scheduler.scheduleFirstAt(5, record("late")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already ran at 5");
        assertThat(scheduler.lastRunDueNanos()).isEqualTo(5);
    }

    @Test
    void lastRunDueIsMinusOneBeforeAnythingRuns() {
        scheduler.runUntil(10); // time moves, nothing runs
        assertThat(scheduler.lastRunDueNanos()).isEqualTo(-1);
    }
}
