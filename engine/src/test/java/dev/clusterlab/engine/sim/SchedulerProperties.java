package dev.clusterlab.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SchedulerProperties {

    /**
     * A small random simulation: events draw from a seeded stream to decide whether to spawn more
     * events, cancel a pending one, or start a periodic timer. Returns the trace of (time, id).
     */
    static List<String> randomRun(long seed, int initialEvents) {
        Scheduler scheduler = new Scheduler();
        RandomStream random = new SeededRandom(seed).stream("schedule");
        List<String> trace = new ArrayList<>();
        List<EventHandle> handles = new ArrayList<>();
        int[] nextId = {0};
        class Spawner {
            void spawn(long delay) {
                int id = nextId[0]++;
                handles.add(scheduler.schedule(delay, () -> {
                    trace.add(scheduler.now() + ":" + id);
                    int choice = random.nextInt(10);
                    if (choice < 5 && nextId[0] < 400) spawn(random.uniform(0, 50));
                    else if (choice < 7 && !handles.isEmpty()) handles.get(random.nextInt(handles.size())).cancel();
                    else if (choice == 7 && nextId[0] < 400) {
                        int periodic = nextId[0]++;
                        handles.add(scheduler.every(random.uniform(1, 30),
                                () -> trace.add(scheduler.now() + ":p" + periodic)));
                    }
                }));
            }
        }
        Spawner spawner = new Spawner();
        for (int i = 0; i < initialEvents; i++) spawner.spawn(random.uniform(0, 100));
        scheduler.runUntil(2_000);
        return trace;
    }

    @Property(tries = 50)
    void sameSeedGivesAnIdenticalEventTrace(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int events) {
        assertThat(randomRun(seed, events)).isEqualTo(randomRun(seed, events));
    }

    @Property(tries = 50)
    void differentSeedsGiveDifferentTraces(@ForAll long seed) {
        assertThat(randomRun(seed, 30)).isNotEqualTo(randomRun(seed + 1, 30));
    }

    @Property(tries = 100)
    void timeNeverGoesBackwardsAndTiesKeepSchedulingOrder(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int events) {
        Scheduler scheduler = new Scheduler();
        RandomStream random = new SeededRandom(seed).stream("times");
        List<long[]> ran = new ArrayList<>(); // {time, insertion index}
        for (int i = 0; i < events; i++) {
            int index = i;
            scheduler.schedule(random.uniform(0, 20), () -> ran.add(new long[] {scheduler.now(), index}));
        }
        scheduler.runUntil(20);
        assertThat(ran).hasSize(events);
        for (int i = 1; i < ran.size(); i++) {
            long[] before = ran.get(i - 1), after = ran.get(i);
            assertThat(after[0]).isGreaterThanOrEqualTo(before[0]);
            if (after[0] == before[0]) assertThat(after[1]).isGreaterThan(before[1]);
        }
    }

    @Property(tries = 100)
    void cancelledEventsNeverRunAndAllOthersDo(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int events) {
        Scheduler scheduler = new Scheduler();
        RandomStream random = new SeededRandom(seed).stream("cancel");
        boolean[] ran = new boolean[events];
        boolean[] cancelled = new boolean[events];
        List<EventHandle> handles = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            int index = i;
            handles.add(scheduler.schedule(random.uniform(0, 1_000), () -> ran[index] = true));
        }
        for (int i = 0; i < events; i++) {
            if (random.bernoulli(0.4)) cancelled[i] = handles.get(i).cancel();
        }
        scheduler.runUntil(1_000);
        for (int i = 0; i < events; i++) assertThat(ran[i]).isEqualTo(!cancelled[i]);
    }

    @Property(tries = 50)
    void periodicEventRunsFloorOfElapsedOverPeriodTimes(
            @ForAll @LongRange(min = 1, max = 1_000) long period, @ForAll @LongRange(min = 0, max = 100_000) long horizon) {
        Scheduler scheduler = new Scheduler();
        long[] runs = {0};
        scheduler.every(period, () -> runs[0]++);
        scheduler.runUntil(horizon);
        assertThat(runs[0]).isEqualTo(horizon / period);
    }
}
