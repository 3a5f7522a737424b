package dev.clusterlab.engine.cluster;

import static dev.clusterlab.engine.cluster.Sim.MS;
import static dev.clusterlab.engine.cluster.Sim.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.sim.EventHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Service timers a node's agent creates through its context ({@code after}, {@code every}): plain
 * scheduler timers while the node runs, frozen while it is hung, dead once it goes down.
 */
class NodeRuntimeTimersTest {
    private final Sim s = new Sim();
    private final List<String> fired = new ArrayList<>();

    private Runnable note(String what) { return () -> fired.add(what + " @" + s.sim.now() / MS); }

    @Test
    void aOneShotTimerFiresOnceAfterItsDelay() {
        s.ctx("a").after(1500 * MS, note("once"));
        s.runUntil(10 * S);
        assertThat(fired).containsExactly("once @1500");
    }

    @Test
    void aPeriodicTimerFiresAfterItsInitialDelayThenEveryPeriod() {
        s.ctx("a").every(500 * MS, 2 * S, note("tick"));
        s.runUntil(7 * S);
        assertThat(fired).containsExactly("tick @500", "tick @2500", "tick @4500", "tick @6500");
    }

    @Test
    void cancellingATimerStopsIt() {
        EventHandle once = s.ctx("a").after(S, note("once"));
        EventHandle periodic = s.ctx("a").every(S, S, note("tick"));
        s.runUntil(2 * S + 500 * MS);
        assertThat(once.cancel()).isFalse();
        assertThat(periodic.cancel()).isTrue();
        s.runUntil(10 * S);
        assertThat(fired).containsExactly("once @1000", "tick @1000", "tick @2000");
    }

    @Test
    void aOneShotCancelledBeforeItIsDueNeverFires() {
        EventHandle once = s.ctx("a").after(S, note("once"));
        assertThat(once.cancel()).isTrue();
        s.runUntil(5 * S);
        assertThat(fired).isEmpty();
    }

    @Test
    void oneNodesHangDoesNotFreezeAnotherNodesTimers() {
        s.ctx("b").every(S, S, note("b"));
        s.at(1500 * MS, () -> s.sim.hang("a"));
        s.runUntil(3 * S + 500 * MS);
        assertThat(fired).containsExactly("b @1000", "b @2000", "b @3000");
    }

    @Test
    void aPeriodicTimerStaysPendingThroughAHangAndCarriesOnAfterwards() {
        EventHandle periodic = s.ctx("a").every(S, S, note("tick"));
        s.at(1500 * MS, () -> s.sim.hang("a"));
        s.runUntil(4 * S + 500 * MS);
        assertThat(periodic.isPending()).isTrue();
        s.sim.restart("a");
        s.runUntil(6 * S + 500 * MS);
        assertThat(fired).containsExactly("tick @1000", "tick @5000", "tick @6000");
    }

    @Test
    @DisplayName("a one-shot due while hung runs on resume, in due order, interleaved with nothing else")
    void oneShotsHeldDuringAHangRunInDueOrderOnResume() {
        s.ctx("a").after(4 * S, note("later"));
        s.ctx("a").after(3 * S, note("sooner"));
        s.ctx("a").after(9 * S, note("after resume"));
        s.at(2 * S + 500 * MS, () -> s.sim.hang("a"));
        s.at(6 * S + 500 * MS, () -> s.sim.restart("a"));
        s.runUntil(10 * S);
        assertThat(fired).containsExactly("sooner @6500", "later @6500", "after resume @9000");
    }

    @Test
    void timersMadeFromATimerBelongToTheSameLife() {
        s.ctx("a").after(S, () -> s.ctx("a").after(S, note("nested")));
        s.at(1500 * MS, () -> s.sim.crash("a"));
        s.at(1600 * MS, () -> s.sim.restart("a"));
        s.runUntil(5 * S);
        assertThat(fired).isEmpty();
    }

    @Test
    void aNewLifesTimersRun() {
        s.at(1500 * MS, () -> s.sim.crash("a"));
        s.at(2500 * MS, () -> {
            s.sim.restart("a");
            s.ctx("a").after(S, note("new life"));
        });
        s.runUntil(5 * S);
        assertThat(fired).containsExactly("new life @3500");
    }

    @Test
    void anIsolatedNodesServiceTimersKeepRunning() {
        s.ctx("c").every(S, S, note("tick"));
        s.at(1500 * MS, () -> s.sim.isolate("c"));
        s.runUntil(3 * S + 500 * MS);
        assertThat(fired).containsExactly("tick @1000", "tick @2000", "tick @3000");
    }
}
