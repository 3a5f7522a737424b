package dev.clusterlab.tests.iscsi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one iscsi-test-cu run reported, test by test.
 *
 * @param summary the "tests" row of CUnit's Run Summary; empty when the run died before printing it
 */
public record CunitReport(List<Result> results, Optional<Summary> summary) {

    public CunitReport {
        results = List.copyOf(results);
    }

    /**
     * How a test ended. CUnit itself only knows passed and failed: libiscsi reports a skip as a
     * pass that logged "[SKIPPED] reason", so SKIPPED is recognised from the output.
     */
    public enum Verdict { PASSED, FAILED, SKIPPED, NO_RESULT }

    /**
     * @param messages lines the test logged ("[FAILED] ...", "[SKIPPED] ...", warnings), in order
     * @param failedAssertions CUnit's "file.c:line - condition" lines for a failed test
     * @param skipReasons the text after each "[SKIPPED]", in order
     */
    public record Result(String suite, String test, Verdict verdict, List<String> messages, List<String> failedAssertions,
                         List<String> skipReasons) {
        public Result {
            messages = List.copyOf(messages);
            failedAssertions = List.copyOf(failedAssertions);
            skipReasons = List.copyOf(skipReasons);
        }

        /** "Suite.Test", the name iscsi-test-cu -l lists under ALL. */
        public String name() { return suite + "." + test; }
    }

    /** CUnit's count of test cases: a skipped test is counted as passed there. */
    public record Summary(int total, int ran, int passed, int failed, int inactive) {}

    public Map<String, Result> byName() {
        return results.stream().collect(Collectors.toMap(Result::name, Function.identity(), (a, b) -> b));
    }

    public long count(Verdict v) { return results.stream().filter(r -> r.verdict() == v).count(); }

    /**
     * Why the per-test results cannot be trusted, or empty when they agree with CUnit's own summary
     * (CUnit counts a skip as a pass).
     */
    public Optional<String> inconsistency() {
        if (summary.isEmpty()) return Optional.of("the run ended without CUnit's Run Summary (crashed, killed or cut short)");
        Summary s = summary.get();
        long failed = count(Verdict.FAILED);
        long passed = count(Verdict.PASSED) + count(Verdict.SKIPPED);
        long unknown = count(Verdict.NO_RESULT);
        if (failed != s.failed() || passed != s.passed() || unknown != 0 || results.size() != s.ran())
            return Optional.of("parsed " + results.size() + " tests (" + passed + " passed or skipped, " + failed + " failed, "
                    + unknown + " without a result) but CUnit's summary says ran " + s.ran() + ", passed " + s.passed()
                    + ", failed " + s.failed());
        return Optional.empty();
    }
}
