package dev.clusterlab.tests.iscsi;

import dev.clusterlab.tests.iscsi.CunitReport.Result;
import dev.clusterlab.tests.iscsi.CunitReport.Summary;
import dev.clusterlab.tests.iscsi.CunitReport.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the console output of iscsi-test-cu in CUnit's basic (default, verbose) mode:
 *
 * <pre>
 * Suite: Reserve6
 *   Test: Simple ...passed
 *   Test: 2Initiators ...    [FAILED] RESERVE6 ... should have failed with RESERVATION_CONFLICT
 * FAILED
 *     1. test_reserve6_2initiators.c:52  - CU_ASSERT_EQUAL(ret,0)
 *   Test: TargetColdReset ...    [SKIPPED] Task Management function for ColdReset is not working/implemented
 * passed
 * ...
 *                tests    230    230    222      8        0
 * </pre>
 *
 * Why the console and not -x: CUnit's XML report records a libiscsi skip (CU_PASS after logging
 * "[SKIPPED]") as a plain success and the XML carries no messages, so skips are invisible there;
 * and in -x mode the console lines carry no test names. The basic mode has both, in order, and
 * ends with CUnit's Run Summary, which {@link CunitReport#inconsistency} checks the parse against.
 */
public final class CunitOutput {
    private static final Pattern SUITE = Pattern.compile("^Suite: (\\S.*?)\\s*$");
    private static final Pattern TEST = Pattern.compile("^  Test: (.+?) \\.\\.\\.(.*)$");
    private static final Pattern VERDICT = Pattern.compile("^(passed|FAILED)(\\s.*)?$");
    private static final Pattern ASSERTION = Pattern.compile("^\\s+\\d+\\. (\\S.*)$");
    private static final Pattern SUMMARY_TESTS = Pattern.compile("^\\s*tests\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final String SKIPPED = "[SKIPPED]";

    private CunitOutput() {}

    public static CunitReport parse(String text) {
        List<Result> results = new ArrayList<>();
        Optional<Summary> summary = Optional.empty();
        String suite = null;
        Open open = null;
        boolean inSummary = false;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (inSummary) {
                Matcher s = SUMMARY_TESTS.matcher(line);
                if (s.matches()) summary = Optional.of(new Summary(num(s, 1), num(s, 2), num(s, 3), num(s, 4), num(s, 5)));
                continue;
            }
            if (line.startsWith("Run Summary:")) {
                if (open != null) results.add(open.finish());
                open = null;
                inSummary = true;
                continue;
            }
            Matcher m = SUITE.matcher(line);
            if (m.matches()) {
                if (open != null) results.add(open.finish());
                open = null;
                suite = m.group(1);
                continue;
            }
            m = TEST.matcher(line);
            if (m.matches() && suite != null) {
                if (open != null) results.add(open.finish());
                open = new Open(suite, m.group(1).strip());
                open.content(m.group(2));
                continue;
            }
            if (open != null) open.content(line);
        }
        if (open != null) results.add(open.finish());
        return new CunitReport(results, summary);
    }

    private static int num(Matcher m, int group) { return Integer.parseInt(m.group(group)); }

    /** The test whose output is being read. */
    private static final class Open {
        final String suite;
        final String test;
        final List<String> messages = new ArrayList<>();
        final List<String> assertions = new ArrayList<>();
        final List<String> skipReasons = new ArrayList<>();
        final List<String> afterVerdict = new ArrayList<>();
        Verdict cunit; // PASSED or FAILED once CUnit printed it

        Open(String suite, String test) {
            this.suite = suite;
            this.test = test;
        }

        /**
         * One line of the test's output. CUnit prints its verdict at the start of a line, or right
         * after "Test: name ..."; anything after it on that line, and later lines other than
         * assertion listings, come from the suite's teardown (libiscsi clears reservations there)
         * and do not change the verdict.
         */
        void content(String line) {
            if (cunit == null) {
                Matcher v = VERDICT.matcher(line);
                if (v.matches()) {
                    cunit = v.group(1).equals("passed") ? Verdict.PASSED : Verdict.FAILED;
                    if (v.group(2) != null && !v.group(2).isBlank()) afterVerdict.add(v.group(2).strip());
                    return;
                }
            } else if (cunit == Verdict.FAILED && afterVerdict.isEmpty()) {
                Matcher a = ASSERTION.matcher(line);
                if (a.matches()) {
                    assertions.add(a.group(1));
                    return;
                }
            }
            String t = line.strip();
            if (t.isEmpty()) return;
            if (cunit != null) {
                afterVerdict.add(t);
                return;
            }
            messages.add(t);
            int s = t.indexOf(SKIPPED);
            if (s >= 0) skipReasons.add(t.substring(s + SKIPPED.length()).strip());
        }

        Result finish() {
            Verdict v;
            if (cunit == null) v = Verdict.NO_RESULT;
            else if (cunit == Verdict.FAILED) v = Verdict.FAILED;
            else v = skipReasons.isEmpty() ? Verdict.PASSED : Verdict.SKIPPED;
            return new Result(suite, test, v, messages, assertions, skipReasons);
        }
    }
}
