package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.QuorumModel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every kind of mistake in a scenario file gets "file:line:column: what was expected". */
class ScenarioErrorsTest {

    /** Nine valid lines; text appended to it starts on line 10. */
    static final String HEAD = """
            title: t
            policy: wsfc-pr
            quorum: node-majority
            node node-a paths=2
            node node-b
            network cluster
            disk data
            group sql disk=data owner=node-a
            # steps
            """;

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> ScenarioParser.parse("s.scenario", text))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void unknownStatementListsTheKnownOnes() {
        assertError(HEAD + "  nod node-c\n", "s.scenario:10:3: unknown statement 'nod'; expected one of title:, description:, "
                + "seed:, policy:, quorum:, node, network, disk, bind, group, param, at, expect");
    }

    @Test
    void unknownHeaderKeyListsTheKnownKeys() {
        assertError("titel: x\n", "s.scenario:1:1: unknown key 'titel'; known keys: title, description, seed, policy, quorum");
    }

    @Test
    void duplicateHeaderKeyNamesTheFirstLine() {
        assertError(HEAD + "policy: veritas\n", "s.scenario:10:1: duplicate 'policy:' (first given on line 2)");
    }

    @Test
    void missingTitleIsReportedAtTheStartOfTheFile() {
        assertError("policy: wsfc-pr\nquorum: node-majority\nnode a\n", "s.scenario:1:1: missing 'title:' line; a scenario needs a title");
    }

    @Test
    void headerWithoutValueIsAnError() {
        assertError("title:   \n", "s.scenario:1:7: expected a value after 'title:'");
    }

    @Test
    void unknownPolicyListsThePolicies() {
        assertError("title: t\npolicy: wsfc\n", "s.scenario:2:9: unknown policy 'wsfc'; expected one of wsfc-pr, mscs-scsi2, fence-scsi, veritas");
    }

    @Test
    void badSeedIsAnError() {
        assertError("seed: -3\n", "s.scenario:1:7: expected a seed (a whole number), got '-3'");
    }

    @Test
    void unknownQuorumModelListsTheModels() {
        assertError("quorum: majority\n", "s.scenario:1:9: unknown quorum model 'majority'; expected one of node-majority, "
                + "node-and-disk-majority, disk-only");
    }

    @Test
    void diskWitnessQuorumNeedsAWitness() {
        assertError("quorum: disk-only\n", "s.scenario:1:18: quorum model disk-only needs witness=DISK");
    }

    @Test
    void unknownFieldListsTheKnownFields() {
        assertError(HEAD + "node node-c path=2\n", "s.scenario:10:13: unknown node field 'path'; known fields: paths");
    }

    @Test
    void fieldWithoutValueIsAnError() {
        assertError(HEAD + "disk d2 size\n", "s.scenario:10:9: expected NAME=VALUE, got 'size'");
    }

    @Test
    void duplicateFieldIsAnError() {
        assertError(HEAD + "disk d2 size=1G size=2G\n", "s.scenario:10:17: duplicate field 'size'");
    }

    @Test
    void badNameIsAnError() {
        assertError(HEAD + "node 9lives\n", "s.scenario:10:6: expected a node name (a letter, then letters, digits, "
                + "'-', '_' or '.'), got '9lives'");
    }

    @Test
    void nodeNamedLikeAFaultVerbIsAnError() {
        assertError(HEAD + "node crash\n", "s.scenario:10:6: node name 'crash' is a fault verb; choose another name");
    }

    @Test
    void duplicateNameNamesTheFirstDeclaration() {
        assertError(HEAD + "node node-b\n", "s.scenario:10:6: duplicate node 'node-b' (first declared on line 5)");
    }

    @Test
    void pathCountOutOfRangeIsAnError() {
        assertError(HEAD + "node node-c paths=9\n", "s.scenario:10:19: expected a number from 1 to 8, got 9");
    }

    @Test
    void durationWithoutUnitIsAnError() {
        assertError(HEAD + "network n2 latency=5\n", "s.scenario:10:20: expected a duration with a unit (us, ms, s or min), e.g. 5s, got '5'");
    }

    @Test
    void malformedDurationIsAnError() {
        assertError(HEAD + "network n2 jitter=1..5ms\n", "s.scenario:10:19: expected a duration such as 5s, 1.5s or 200ms, got '1..5ms'");
    }

    @Test
    void sizeThatIsNotWholeBlocksIsAnError() {
        assertError(HEAD + "disk d2 size=1000\n", "s.scenario:10:14: size '1000' must be a multiple of 512 bytes (one block)");
    }

    @Test
    void lossAboveOneIsAnError() {
        assertError(HEAD + "network n2 loss=150%\n", "s.scenario:10:17: loss rate '150%' must be at most 1 (100%)");
    }

    @Test
    void unknownParameterListsTheKnownParameters() {
        assertError(HEAD + "param heartbeat.delya=1s\n", "s.scenario:10:7: unknown parameter 'heartbeat.delya'; known parameters: "
                + "heartbeat.delay, heartbeat.threshold, arbitration.interval, arbitration.challenge-wait, "
                + "quorum.arbitration-max, mscs.challenge-reserve, mscs.quorum-online, watchdog.timeout, "
                + "veritas.race-delay-min, veritas.race-delay-max, workload.interval, multipath.check-interval, node.reboot-time");
    }

    @Test
    void duplicateParameterIsAnError() {
        assertError(HEAD + "param heartbeat.threshold=5\nparam heartbeat.threshold=6\n",
                "s.scenario:11:7: duplicate parameter 'heartbeat.threshold' (first set on line 10)");
    }

    @Test
    void groupWithoutOwnerIsAnError() {
        assertError(HEAD + "group g2 disk=data\n", "s.scenario:10:19: group g2 needs owner=NODE");
    }

    @Test
    void groupOnAnUndeclaredDiskIsReportedAtTheDiskName() {
        assertError(HEAD + "group g2 disk=dta owner=node-b\n", "s.scenario:10:15: unknown disk 'dta'; declared disks: data");
    }

    @Test
    void witnessMustBeADeclaredDisk() {
        assertError("title: t\npolicy: wsfc-pr\nquorum: disk-only witness=q\nnode a\n", "s.scenario:3:27: unknown disk 'q'; declared disks: none");
    }

    @Test
    void faultOnAnUndeclaredNodeIsReportedAtTheNodeName() {
        assertError(HEAD + "at 5s: crash node-c\n", "s.scenario:10:14: unknown node 'node-c'; declared nodes: node-a, node-b");
    }

    @Test
    void pathThatTheNodeDoesNotHaveIsReportedAtThePath() {
        assertError(HEAD + "at 5s: fail-path node-a/p3\n", "s.scenario:10:25: node node-a has no path 'p3'; its paths: p1, p2");
    }

    @Test
    void failPathWithoutAPathIsAnError() {
        assertError(HEAD + "at 5s: fail-path node-a\n", "s.scenario:10:24: expected NODE/PATH such as node-a/p1, got 'node-a'");
    }

    @Test
    void commandByAnUndeclaredNodeIsAnError() {
        assertError(HEAD + "at 5s: node-z --read-keys\n", "s.scenario:10:8: unknown node 'node-z'; declared nodes: node-a, node-b");
    }

    @Test
    void stepsOutOfTimeOrderAreAnError() {
        assertError(HEAD + "at 10s: crash node-a\nat 9.5s: restart node-a\n",
                "s.scenario:11:4: steps must be in time order: 9500 ms comes after 10000 ms on line 10");
    }

    @Test
    void stepWithoutColonIsAnError() {
        assertError(HEAD + "at 5s crash node-a\n", "s.scenario:10:19: expected ':' after the time, as in 'at 5s: crash node-a'");
    }

    @Test
    void stepWithNothingAfterTheColonIsAnError() {
        assertError(HEAD + "at 5s:\n", "s.scenario:10:7: expected a command (NODE --register ...) or a fault (crash, restart, "
                + "hang, isolate, cut, heal, partition, fail-path, restore-path, lu-reset, bus-reset, target-restart, passthrough) after ':'");
    }

    @Test
    void faultWithMissingArgumentSaysWhatItTakes() {
        assertError(HEAD + "at 5s: crash\n", "s.scenario:10:13: expected 'crash NODE'");
    }

    @Test
    void faultWithTooManyArgumentsSaysWhatItTakes() {
        assertError(HEAD + "at 5s: cut cluster node-a\n", "s.scenario:10:20: unexpected 'node-a'; expected 'cut NETWORK [NODE NODE]'");
    }

    @Test
    void passthroughModeMustBeLossyOrFaithful() {
        assertError(HEAD + "at 5s: passthrough node-a/p1 lousy\n", "s.scenario:10:30: expected 'lossy' or 'faithful', got 'lousy'");
    }

    @Test
    void expectWithoutByIsAnError() {
        assertError(HEAD + "expect at 5s: monitor silent\n",
                "s.scenario:10:8: expected 'by TIME:' after 'expect', as in 'expect by 30s: monitor silent'");
    }

    @Test
    void unknownExpectationListsTheForms() {
        assertError(HEAD + "expect by 5s: owns sql = node-b\n", "s.scenario:10:15: unknown expectation 'owns'; expected one of: "
                + "owner GROUP = NODE|none, runs GROUP on NODE, holder DISK = NODE|none, monitor silent, violations = N (or >= N, <= N), "
                + "member NODE of NODE, quorum NODE = yes|no, state NODE = up|down|hung|isolated");
    }

    @Test
    void partitionNeedsANetworkAndAtLeastOneNode() {
        assertError(HEAD + "at 1s: partition cluster\n", "s.scenario:10:25: expected 'partition NETWORK NODE...'");
    }

    @Test
    void partitionListsANodeOnlyOnce() {
        assertError(HEAD + "at 1s: partition cluster node-a node-a\n",
                "s.scenario:10:33: node node-a is already on this side of the partition");
    }

    @Test
    void partitionOfAnUndeclaredNodeIsAnError() {
        assertError(HEAD + "at 1s: partition cluster node-z\n", "s.scenario:10:26: unknown node 'node-z'; declared nodes: node-a, node-b");
    }

    @Test
    void unknownNodeStateListsTheStates() {
        assertError(HEAD + "expect by 5s: state node-a = asleep\n", "s.scenario:10:30: expected up, down, hung or isolated, got 'asleep'");
    }

    @Test
    void quorumExpectationTakesYesOrNo() {
        assertError(HEAD + "expect by 5s: quorum node-a = maybe\n", "s.scenario:10:31: expected 'yes' or 'no', got 'maybe'");
    }

    @Test
    void holderOfAnUndeclaredDiskIsAnError() {
        assertError(HEAD + "expect by 5s: holder disk9 = none\n", "s.scenario:10:22: unknown disk 'disk9'; declared disks: data");
    }

    @Test
    void expectationOnAnUndeclaredGroupIsAnError() {
        assertError(HEAD + "expect by 5s: owner web = node-b\n", "s.scenario:10:21: unknown group 'web'; declared groups: sql");
    }

    @Test
    void violationsNeedAComparison() {
        assertError(HEAD + "expect by 5s: violations == 0\n", "s.scenario:10:26: expected '=', '>=' or '<=' after 'violations', got '=='");
    }

    @Test
    void runsExpectationNeedsTheWordOn() {
        assertError(HEAD + "expect by 5s: runs sql at node-b\n", "s.scenario:10:24: expected 'on', got 'at'");
    }

    @Test
    void runsExpectationOnAnUndeclaredNodeIsAnError() {
        assertError(HEAD + "expect by 5s: runs sql on node-z\n", "s.scenario:10:27: unknown node 'node-z'; declared nodes: node-a, node-b");
    }

    @Test
    void groupWithAnUnknownBareWordIsAnError() {
        assertError(HEAD + "group g2 disk=data owner=node-b sharde\n", "s.scenario:10:33: expected NAME=VALUE or 'shared', got 'sharde'");
    }

    @Test
    void sharedGroupNeedsTheWsfcPolicy() {
        assertError(HEAD.replace("policy: wsfc-pr", "policy: mscs-scsi2") + "group g2 disk=d2 owner=node-b shared\ndisk d2\n",
                "s.scenario:10:31: shared groups (Cluster Shared Volumes) need policy wsfc-pr, not mscs-scsi2");
    }

    @Test
    void groupSharedTwiceIsAnError() {
        assertError(HEAD + "group g2 disk=data owner=node-b shared shared\n", "s.scenario:10:40: duplicate 'shared'");
    }

    @Test
    void ownerExpectationNeedsEqualsSign() {
        assertError(HEAD + "expect by 5s: owner sql node-b\n", "s.scenario:10:25: expected '=', got 'node-b'");
    }

    @Test
    void trailingWordsAfterAnExpectationAreAnError() {
        assertError(HEAD + "expect by 5s: monitor silent please\n", "s.scenario:10:30: unexpected 'please' after the expectation");
    }
}
