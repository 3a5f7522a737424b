package dev.clusterlab.tests.differential;

/**
 * A catalogued way tgt departs from SPC-4, with the clause it breaks and a matcher that recognises
 * it in one difference of one step. A few entries are not tgt deviations but differences SPC-4
 * leaves open (kind {@link Kind#OPEN_IN_SPC4}, e.g. which of two applicable errors is reported);
 * they are catalogued the same way because only the step's context tells them apart.
 *
 * @param divergesWhen true when, after the matched step, tgt's reservation state is no longer the
 *     state ClusterLab (and SPC-4) has: the runner then stops comparing the rest of the sequence,
 *     since every later difference would only echo this one
 */
public record KnownDeviation(Kind kind, String id, String description, String clause, Matcher matcher, Divergence divergesWhen) {
    public enum Kind { TGT_DEVIATION, OPEN_IN_SPC4 }

    public KnownDeviation(String id, String description, String clause, Matcher matcher, Divergence divergesWhen) {
        this(Kind.TGT_DEVIATION, id, description, clause, matcher, divergesWhen);
    }

    @FunctionalInterface
    public interface Matcher {
        boolean matches(Difference difference, StepContext context);
    }

    @FunctionalInterface
    public interface Divergence {
        boolean diverges(StepContext context);

        Divergence NEVER = c -> false;
        Divergence ALWAYS = c -> true;
    }

    boolean explains(Difference d, StepContext c) { return matcher.matches(d, c); }
}
