package dev.clusterlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 'owner' and 'runs' on a Cluster Shared Volume (reference/cluster-arbitration.md §1.7) and on a failover group. */
class SharedGroupExpectationsTest {
    private static final String TEXT = """
            title: t
            policy: wsfc-pr
            quorum: node-majority
            node node-a
            node node-b
            node node-c
            network cluster
            disk volume1
            disk data
            group csv1 disk=volume1 owner=node-a shared
            group sql disk=data owner=node-b
            """;

    private ClusterSimulation sim;

    @BeforeEach
    void runFiveSeconds() throws Exception {
        sim = ScenarioSimulations.build(ScenarioParser.parse("t.scenario", TEXT), 1, TimelineSink.DISCARD);
        sim.runUntil(Duration.ofSeconds(5).toNanos());
    }

    private ScenarioRun.ExpectationResult check(Expectation.Check check) {
        return ExpectationCheck.evaluate(new Expectation(Duration.ofSeconds(5), check, 1), sim);
    }

    @Test
    void ownerOfASharedGroupIsItsCoordinatorWhichRunsIt() {
        ScenarioRun.ExpectationResult r = check(new Expectation.Owner("csv1", "node-a"));
        assertThat(r.held()).isTrue();
        assertThat(r.observed()).isEqualTo("csv1 runs on node-a, node-b, node-c, coordinated by node-a");
    }

    @Test
    void aMemberThatRunsASharedGroupWithoutCoordinatingItIsNotItsOwner() {
        assertThat(check(new Expectation.Owner("csv1", "node-b")).held()).isFalse();
        assertThat(check(new Expectation.Owner("csv1", null)).held()).isFalse();
    }

    @Test
    void runsHoldsForEveryNodeRunningTheGroup() {
        assertThat(check(new Expectation.Runs("csv1", "node-b")).held()).isTrue();
        assertThat(check(new Expectation.Runs("csv1", "node-c")).observed()).isEqualTo("csv1 runs on node-a, node-b, node-c");
        assertThat(check(new Expectation.Runs("sql", "node-a")).held()).isFalse();
        assertThat(check(new Expectation.Runs("sql", "node-b")).held()).isTrue();
    }

    @Test
    void ownerOfAFailoverGroupStillMeansTheOnlyNodeRunningIt() {
        ScenarioRun.ExpectationResult r = check(new Expectation.Owner("sql", "node-b"));
        assertThat(r.held()).isTrue();
        assertThat(r.observed()).isEqualTo("sql runs on node-b");
    }
}
