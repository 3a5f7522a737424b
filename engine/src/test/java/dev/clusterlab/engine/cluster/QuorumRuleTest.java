package dev.clusterlab.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WSFC quorum models (cluster-arbitration.md §1.8): node majority, node and disk majority (the disk
 * witness is one more vote), disk only (the witness owner alone). Quorum is a strict majority of all votes.
 */
class QuorumRuleTest {

    private static QuorumRule rule(QuorumModel model, int nodes) {
        return new QuorumRule(model, model.needsWitness() ? "witness" : null, nodes);
    }

    @ParameterizedTest(name = "node majority, {0} nodes, sees {1}: quorum {2}")
    @CsvSource({
            "1, 0, false", "1, 1, true",
            "2, 1, false", "2, 2, true",
            "3, 1, false", "3, 2, true", "3, 3, true",
            "4, 1, false", "4, 2, false", "4, 3, true", "4, 4, true",
            "5, 2, false", "5, 3, true", "5, 4, true", "5, 5, true",
    })
    @DisplayName("node majority: more than half of the nodes; an even split has no quorum")
    void nodeMajorityTable(int nodes, int visible, boolean quorum) {
        QuorumRule r = rule(QuorumModel.NODE_MAJORITY, nodes);
        assertThat(r.hasQuorum(visible, false)).isEqualTo(quorum);
        assertThat(r.hasQuorum(visible, true)).as("the witness does not vote in node majority").isEqualTo(quorum);
        assertThat(r.totalVotes()).isEqualTo(nodes);
        assertThat(r.votes(visible, true)).isEqualTo(visible);
    }

    @ParameterizedTest(name = "node and disk majority, {0} nodes, sees {1}, witness {2}: quorum {3}")
    @CsvSource({
            "1, 1, false, false", "1, 0, true, false", "1, 0, false, false", "1, 1, true, true",
            "2, 1, false, false", "2, 1, true, true", "2, 2, false, true", "2, 0, true, false",
            "3, 1, true, false", "3, 2, false, false", "3, 2, true, true", "3, 3, false, true",
            "4, 2, false, false", "4, 2, true, true", "4, 3, false, true", "4, 1, true, false",
            "6, 3, true, true", "6, 3, false, false", "6, 4, false, true",
    })
    @DisplayName("node and disk majority: nodes plus the witness, more than half of nodes + 1; with an odd node count the witness breaks an even split")
    void nodeAndDiskMajorityTable(int nodes, int visible, boolean witness, boolean quorum) {
        QuorumRule r = rule(QuorumModel.NODE_AND_DISK_MAJORITY, nodes);
        assertThat(r.hasQuorum(visible, witness)).isEqualTo(quorum);
        assertThat(r.totalVotes()).isEqualTo(nodes + 1);
        assertThat(r.votes(visible, witness)).isEqualTo(visible + (witness ? 1 : 0));
    }

    @ParameterizedTest(name = "disk only, {0} nodes, sees {1}, witness {2}: quorum {3}")
    @CsvSource({
            "1, 1, true, true", "1, 1, false, false",
            "3, 1, true, true", "3, 3, false, false", "3, 0, true, true",
            "5, 5, false, false", "5, 1, true, true",
    })
    @DisplayName("disk only: the witness owner alone has quorum, however many nodes it sees")
    void diskOnlyTable(int nodes, int visible, boolean witness, boolean quorum) {
        QuorumRule r = rule(QuorumModel.DISK_ONLY, nodes);
        assertThat(r.hasQuorum(visible, witness)).isEqualTo(quorum);
        assertThat(r.totalVotes()).isEqualTo(1);
        assertThat(r.votes(visible, witness)).isEqualTo(witness ? 1 : 0);
    }

    @Test
    @DisplayName("every model, 1..6 nodes, every visible count and witness state: quorum iff 2 x votes > total")
    void exhaustiveSmallClustersAgreeWithTheStrictMajorityDefinition() {
        for (QuorumModel model : QuorumModel.values()) {
            for (int nodes = 1; nodes <= 6; nodes++) {
                QuorumRule r = rule(model, nodes);
                for (int visible = 0; visible <= nodes; visible++) {
                    for (boolean witness : new boolean[] {false, true}) {
                        int votes = switch (model) {
                            case NODE_MAJORITY -> visible;
                            case NODE_AND_DISK_MAJORITY -> visible + (witness ? 1 : 0);
                            case DISK_ONLY -> witness ? 1 : 0;
                        };
                        int total = switch (model) {
                            case NODE_MAJORITY -> nodes;
                            case NODE_AND_DISK_MAJORITY -> nodes + 1;
                            case DISK_ONLY -> 1;
                        };
                        String where = model + " n=" + nodes + " visible=" + visible + " witness=" + witness;
                        assertThat(r.votes(visible, witness)).as(where).isEqualTo(votes);
                        assertThat(r.hasQuorum(visible, witness)).as(where).isEqualTo(2 * votes > total);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1} nodes, sees {2}: needs the witness {3}")
    @CsvSource({
            "NODE_MAJORITY, 2, 1, false", "NODE_MAJORITY, 3, 1, false",
            "NODE_AND_DISK_MAJORITY, 2, 1, true", "NODE_AND_DISK_MAJORITY, 2, 2, false", "NODE_AND_DISK_MAJORITY, 2, 0, false",
            "NODE_AND_DISK_MAJORITY, 4, 2, true", "NODE_AND_DISK_MAJORITY, 4, 3, false", "NODE_AND_DISK_MAJORITY, 4, 1, false",
            "NODE_AND_DISK_MAJORITY, 3, 1, false", "NODE_AND_DISK_MAJORITY, 3, 2, true", "NODE_AND_DISK_MAJORITY, 3, 3, false",
            "DISK_ONLY, 3, 3, true", "DISK_ONLY, 3, 1, true", "DISK_ONLY, 1, 1, true",
    })
    @DisplayName("needsWitness: the witness decides, i.e. no quorum without it and quorum with it")
    void needsWitnessTable(QuorumModel model, int nodes, int visible, boolean needs) {
        assertThat(rule(model, nodes).needsWitness(visible)).isEqualTo(needs);
    }

    @Test
    void theDiskModelsRequireAWitnessDisk() {
        assertThatThrownBy(() -> new QuorumRule(QuorumModel.NODE_AND_DISK_MAJORITY, null, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuorumRule(QuorumModel.DISK_ONLY, null, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new QuorumRule(QuorumModel.NODE_MAJORITY, null, 2).witnessDisk()).isNull();
    }

    @Test
    void aClusterHasAtLeastOneNode() {
        assertThatThrownBy(() -> new QuorumRule(QuorumModel.NODE_MAJORITY, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void modelsHaveTheirScenarioFileSpellings() {
        assertThat(QuorumModel.NODE_MAJORITY.fileName()).isEqualTo("node-majority");
        assertThat(QuorumModel.NODE_AND_DISK_MAJORITY.fileName()).isEqualTo("node-and-disk-majority");
        assertThat(QuorumModel.DISK_ONLY.fileName()).isEqualTo("disk-only");
        assertThat(QuorumModel.NODE_MAJORITY.needsWitness()).isFalse();
    }

    @Property(tries = 300)
    @Label("two disjoint sides of a partition never both have quorum (the witness belongs to at most one)")
    void twoSidesOfAPartitionNeverBothHaveQuorum(@ForAll QuorumModel model, @ForAll @IntRange(min = 1, max = 16) int nodes,
                                                 @ForAll @IntRange(min = 0, max = 16) int sideA, @ForAll boolean witnessOnA) {
        int a = Math.min(sideA, nodes);
        int b = nodes - a;
        QuorumRule r = rule(model, nodes);
        assertThat(r.hasQuorum(a, witnessOnA) && r.hasQuorum(b, !witnessOnA)).isFalse();
    }

    @Property(tries = 300)
    void seeingMoreNodesOrOwningTheWitnessNeverLosesQuorum(@ForAll QuorumModel model, @ForAll @IntRange(min = 1, max = 16) int nodes,
                                                          @ForAll @IntRange(min = 0, max = 15) int visible, @ForAll boolean witness) {
        int v = Math.min(visible, nodes - 1);
        QuorumRule r = rule(model, nodes);
        if (r.hasQuorum(v, witness)) {
            assertThat(r.hasQuorum(v + 1, witness)).isTrue();
            assertThat(r.hasQuorum(v, true)).isTrue();
        }
    }
}
