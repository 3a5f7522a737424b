package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.timeline.NodeState;
import static dev.clusterlab.engine.cluster.ClusterFixture.MS;
import static dev.clusterlab.engine.cluster.ClusterFixture.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the heartbeat simulation over random seeds and random fault schedules. */
class ClusterProperties {
    private static final long RUN_UNTIL = 90 * S;
    private static final List<String> NODES = List.of("A", "B", "C");

    /** One fault at a half-second instant (ticks are at whole seconds, so timings are unambiguous). */
    record Fault(long at, String kind, String node, String peer, NodeState state) {
        Consumer<Cluster> action() {
            return switch (kind) {
                case "state" -> c -> c.setState(node, state);
                case "cut" -> c -> c.cut(node, peer);
                case "heal" -> c -> c.heal(node, peer);
                default -> throw new IllegalStateException(kind);
            };
        }
    }

    @Provide
    Arbitrary<List<Fault>> faultSchedules() {
        Arbitrary<Long> at = Arbitraries.longs().between(0, 59).map(second -> second * S + 500 * MS);
        Arbitrary<String> node = Arbitraries.of(NODES);
        Arbitrary<Fault> fault = Combinators.combine(at, Arbitraries.of("state", "cut", "heal"), node, node,
                        Arbitraries.of(NodeState.class))
                .filter((t, kind, a, b, state) -> !kind.equals("state") ? !a.equals(b) : true)
                .as(Fault::new);
        return fault.list().ofMaxSize(8);
    }

    private static ClusterFixture run(long seed, long jitter, double clientLoss, List<Fault> faults) {
        ClusterFixture fixture = new ClusterFixture(seed, jitter, clientLoss);
        for (Fault fault : faults) fixture.at(fault.at(), fault.action());
        fixture.runUntil(RUN_UNTIL);
        return fixture;
    }

    @Property(tries = 200)
    void sameSeedAndFaultScheduleGiveAnIdenticalTimeline(@ForAll long seed,
                                                         @ForAll("faultSchedules") List<Fault> faults) {
        List<TimelineEvent> first = run(seed, 300_000, 0.2, faults).events();
        List<TimelineEvent> second = run(seed, 300_000, 0.2, faults).events();
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 100)
    void differentSeedsWithJitterGiveDifferentTimelines(@ForAll long seed, @ForAll @LongRange(min = 1, max = 1000) long offset) {
        List<Fault> cutAndHeal = List.of(new Fault(5 * S + 500 * MS, "cut", "A", "B", null),
                new Fault(30 * S + 500 * MS, "heal", "A", "B", null));
        List<TimelineEvent> first = run(seed, 500_000, 0.0, cutAndHeal).events();
        List<TimelineEvent> second = run(seed + offset, 500_000, 0.0, cutAndHeal).events();
        // Rejoin instants are a heartbeat's arrival: 1 ms +/- up to 0.5 ms, drawn from the seed.
        assertThat(second).isNotEqualTo(first);
    }

    @Property(tries = 100)
    void withoutFaultsNobodyEverLeavesEvenWithJitter(@ForAll long seed,
                                                     @ForAll @LongRange(min = 0, max = 400_000_000) long jitter) {
        ClusterFixture fixture = run(seed, jitter, 0.0, List.of());
        assertThat(fixture.events()).isEmpty();
        for (String node : NODES) assertThat(fixture.cluster.membership(node).members()).isEqualTo(NODES);
    }

    @Property(tries = 200)
    void totalLossOnTheSecondNetworkNeverChangesMembership(@ForAll long seed,
                                                           @ForAll("faultSchedules") List<Fault> faults) {
        List<TimelineEvent.MembershipChanged> healthy = run(seed, 0, 0.0, faults).membershipChanges();
        List<TimelineEvent.MembershipChanged> lossy = run(seed, 0, 1.0, faults).membershipChanges();
        assertThat(lossy).isEqualTo(healthy);
    }

    @Property(tries = 200)
    void everyNodeAlwaysCountsItselfAndEventsAreInTimeOrder(@ForAll long seed,
                                                            @ForAll("faultSchedules") @Size(max = 8) List<Fault> faults) {
        ClusterFixture fixture = run(seed, 300_000, 0.3, faults);
        for (String node : NODES) assertThat(fixture.cluster.membership(node).contains(node)).isTrue();
        List<TimelineEvent> events = fixture.events();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).time()).isGreaterThanOrEqualTo(events.get(i - 1).time());
        }
        for (TimelineEvent.MembershipChanged change : fixture.membershipChanges()) {
            assertThat(change.members()).contains(change.observer());
            assertThat(change.members().contains(change.peer()))
                    .isEqualTo(change.change() == TimelineEvent.MembershipChange.JOINED);
        }
    }
}
