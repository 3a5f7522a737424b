package dev.clusterlab.tests.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.tests.iscsi.CunitReport.Result;
import dev.clusterlab.tests.iscsi.CunitReport.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The harness's reading of iscsi-test-cu output, checked against a recorded run of libiscsi 1.19's
 * ALL family against tgt 1.0.85 (conformance/tgtd-reference; the run is in the test resources).
 * CUnit counted 222 passed and 8 failed; 62 of the "passed" were libiscsi skips.
 */
class CunitOutputTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = CunitOutputTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static CunitReport tgtdRun() throws IOException { return CunitOutput.parse(resource("tgtd-1.0.85-ALL.txt")); }

    @Test
    void everyTestOfTheTgtdRunHasAVerdictThatAgreesWithCunitsSummary() throws IOException {
        CunitReport r = tgtdRun();
        assertThat(r.results()).hasSize(230);
        assertThat(r.summary()).contains(new CunitReport.Summary(230, 230, 222, 8, 0));
        assertThat(r.inconsistency()).isEmpty();
        assertThat(r.count(Verdict.FAILED)).isEqualTo(8);
        assertThat(r.count(Verdict.SKIPPED)).isEqualTo(62);
        assertThat(r.count(Verdict.PASSED)).isEqualTo(160);
        assertThat(r.count(Verdict.NO_RESULT)).isZero();
    }

    @Test
    void parsedNamesAreExactlyTheListedAllTests() throws IOException {
        Map<String, List<String>> listed = LibiscsiTestList.parse(resource("iscsi-test-cu-1.19-list.txt"));
        List<String> names = listed.entrySet().stream().flatMap(e -> e.getValue().stream().map(t -> e.getKey() + "." + t)).toList();
        assertThat(names).hasSize(230).doesNotHaveDuplicates();
        assertThat(tgtdRun().results()).extracting(Result::name).containsExactlyElementsOf(names);
    }

    @Test
    void tgtdFailsSixOfTheTwentySevenPrAndReserveTests() throws IOException {
        Map<String, List<String>> listed = LibiscsiTestList.parse(resource("iscsi-test-cu-1.19-list.txt"));
        List<String> prSuites = listed.keySet().stream().filter(s -> s.startsWith("Prin") || s.startsWith("Prout") || s.equals("Reserve6")).toList();
        assertThat(prSuites.stream().mapToInt(s -> listed.get(s).size()).sum()).isEqualTo(27);
        List<String> failed = tgtdRun().results().stream()
                .filter(t -> prSuites.contains(t.suite()) && t.verdict() == Verdict.FAILED).map(Result::name).toList();
        assertThat(failed).containsExactly("PrinServiceactionRange.Range", "ProutReserve.OwnershipEA", "ProutReserve.OwnershipWE",
                "ProutReserve.OwnershipEARO", "ProutReserve.OwnershipWERO", "Reserve6.2Initiators");
    }

    @Test
    void aFailureKeepsItsMessageAndAssertionLines() throws IOException {
        Result r = tgtdRun().byName().get("PrinServiceactionRange.Range");
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.messages()).containsExactly("[FAILED] PRIN/SA=0x3 failed: SENSE KEY:ILLEGAL_REQUEST(5) ASCQ:INVALID_FIELD_IN_CDB(0x2400)");
        assertThat(r.failedAssertions()).containsExactly("test_prin_serviceaction_range.c:50  - CU_ASSERT_EQUAL(ret,0)");
    }

    @Test
    void aPassThatLoggedSkippedIsASkipWithItsReason() throws IOException {
        Result r = tgtdRun().byName().get("Reserve6.TargetColdReset");
        assertThat(r.verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(r.skipReasons()).containsExactly("Task Management functionfor ColdReset is not working/implemented");
    }

    @Test
    void aFailureWithoutMessagesStillFails() throws IOException {
        Result r = tgtdRun().byName().get("iSCSIdatasn.iSCSIDataSnInvalid");
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.failedAssertions()).hasSize(4);
    }

    @Test
    void teardownChatterAfterTheVerdictDoesNotChangeIt() throws IOException {
        // "  Test: LUNReset ...passed    [FAILED] PRIN command: failed with sense. ... BUS_RESET(0x2900)":
        // the message comes from libiscsi's suite teardown (clearing reservations), after CUnit's verdict.
        Result r = tgtdRun().byName().get("Reserve6.LUNReset");
        assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(r.messages()).isEmpty();
    }

    @Test
    void aTestWhoseOnlyOutputIsPassedPasses() throws IOException {
        assertThat(tgtdRun().byName().get("Reserve6.Simple").verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void skipReasonsOfTheTgtdRunNameTheMissingFeature() throws IOException {
        Map<String, Long> reasons = tgtdRun().results().stream().filter(r -> r.verdict() == Verdict.SKIPPED)
                .collect(Collectors.groupingBy(r -> r.skipReasons().get(0), Collectors.counting()));
        assertThat(reasons).containsEntry("Logical unit is fully provisioned. Skipping test", 13L)
                .containsEntry("--allow-sanitize flag is not set. Skipping test.", 11L)
                .containsEntry("Multipath unavailable. Skipping test", 4L);
    }

    @Test
    void aRunCutShortHasNoSummaryAndItsOpenTestHasNoResult() {
        CunitReport r = CunitOutput.parse("""
                Suite: Read10
                  Test: Simple ...passed
                  Test: BeyondEol ...    Test READ10 1-256 blocks one block beyond the end
                """);
        assertThat(r.results()).extracting(Result::verdict).containsExactly(Verdict.PASSED, Verdict.NO_RESULT);
        assertThat(r.summary()).isEmpty();
        assertThat(r.inconsistency()).hasValueSatisfying(s -> assertThat(s).contains("without CUnit's Run Summary"));
    }

    @Test
    void aSummaryThatDisagreesWithTheParsedVerdictsIsReported() {
        CunitReport r = CunitOutput.parse("""
                Suite: Read10
                  Test: Simple ...passed

                Run Summary:    Type  Total    Ran Passed Failed Inactive
                              suites      1      1    n/a      0        0
                               tests      2      2      1      1        0
                """);
        assertThat(r.inconsistency()).hasValueSatisfying(s -> assertThat(s).contains("CUnit's summary says ran 2"));
    }

    @Test
    void aVerdictRunningIntoAMessageIsNoResultNotAGuess() {
        // libiscsi ends every message with a newline; if that ever changes the run is reported, not misread.
        CunitReport r = CunitOutput.parse("""
                Suite: Unmap
                  Test: Simple ...    [SKIPPED] UNMAP is not implemented.passed
                """);
        assertThat(r.results()).extracting(Result::verdict).containsExactly(Verdict.NO_RESULT);
    }

    @Test
    void windowsLineEndingsAndSuiteSetupChatterAreTolerated() {
        CunitReport r = CunitOutput.parse("Suite: Inquiry\r\nsome suite setup line\r\n  Test: Standard ...passed\r\n");
        assertThat(r.results()).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("Inquiry.Standard");
            assertThat(x.verdict()).isEqualTo(Verdict.PASSED);
        });
    }
}
