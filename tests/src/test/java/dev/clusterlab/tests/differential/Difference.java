package dev.clusterlab.tests.differential;

/**
 * One way two answers to the same step differ.
 *
 * @param windowStart for {@link Aspect#GENERATION}: the first step since the previous generation
 *     observation (the steps whose increments are being compared); otherwise the step itself
 * @param skew for {@link Aspect#GENERATION}: tgt's increments minus ClusterLab's over that window; otherwise 0
 */
public record Difference(Aspect aspect, String ours, String tgt, int windowStart, long skew) {
    public Difference(Aspect aspect, String ours, String tgt, int windowStart) { this(aspect, ours, tgt, windowStart, 0); }

    public enum Aspect {
        /** One side gave no SCSI status (connection lost, timeout). */
        TRANSPORT,
        /** The distinct unit attentions reported before the command ran. */
        UNIT_ATTENTIONS,
        STATUS,
        /** Sense key, ASC or ASCQ of a CHECK CONDITION on both sides. */
        SENSE,
        /** READ KEYS: the registered keys (as a multiset). */
        KEYS,
        /** READ RESERVATION: present, holder key, scope, type. */
        RESERVATION,
        /** REPORT CAPABILITIES: LENGTH, TMV and the type mask. */
        CAPABILITIES,
        /** READ FULL STATUS descriptors (as a multiset). */
        FULL_STATUS,
        /** PRgeneration increments since the previous observation (SPC-4 §6.15.2). */
        GENERATION,
        /** PR IN data that does not parse. */
        MALFORMED,
        /** No answer differs, but a known silent deviation leaves tgt in another reservation state. */
        STATE
    }

    @Override
    public String toString() { return aspect + ": ours " + ours + " | tgt " + tgt; }
}
