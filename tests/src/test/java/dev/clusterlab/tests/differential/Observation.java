package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What one side answered to one step: the unit attentions reported before the command was
 * accepted (SAM-5: a command that reports a unit attention is not processed, so the runner
 * sends it again until it gets another answer), then the final status, sense and PR IN data.
 *
 * @param unitAttentions UNIT ATTENTION conditions in the order reported
 * @param sense key/ASC/ASCQ of a final CHECK CONDITION, otherwise null
 * @param data parsed PR IN data of a GOOD PR IN, otherwise null
 * @param transportError set (and status null) when the command got no SCSI status at all
 */
public record Observation(List<Sense> unitAttentions, ScsiStatus status, Sense sense, PrInData data, String transportError) {
    /** How many unit attentions a step may drain before the runner gives up (each one is one command). */
    static final int MAX_UNIT_ATTENTIONS = 8;

    public Observation {
        unitAttentions = List.copyOf(unitAttentions);
    }

    /** Sense key, ASC and ASCQ, printed as {@code UNIT ATTENTION 2Ah/05h}. */
    public record Sense(int key, int asc, int ascq) {
        static Sense of(SenseData s) { return new Sense(s.key().code(), s.asc(), s.ascq()); }

        boolean is(int asc, int ascq) { return this.asc == asc && this.ascq == ascq; }

        @Override
        public String toString() { return String.format("%s %02Xh/%02Xh", SenseKey.fromCode(key).label(), asc, ascq); }
    }

    static Observation of(List<Sense> unitAttentions, ScsiResponse r, PrInAction prIn) {
        Sense sense = r.sense() == null ? null : Sense.of(r.sense());
        PrInData data = prIn != null && r.isGood() ? PrInData.parse(prIn, r.dataIn()) : null;
        return new Observation(unitAttentions, r.status(), sense, data, null);
    }

    static Observation transportFailure(List<Sense> unitAttentions, String error) {
        return new Observation(unitAttentions, null, null, null, error);
    }

    static boolean isUnitAttention(ScsiResponse r) {
        return r.status() == ScsiStatus.CHECK_CONDITION && r.sense().key() == SenseKey.UNIT_ATTENTION;
    }

    /** Convenience for tests and matchers: a plain GOOD with no unit attentions. */
    static Observation good() { return new Observation(List.of(), ScsiStatus.GOOD, null, null, null); }

    boolean isGood() { return status == ScsiStatus.GOOD; }

    /** The unit attentions without duplicates, in first-seen order. */
    List<Sense> distinctUnitAttentions() {
        List<Sense> out = new ArrayList<>();
        for (Sense s : unitAttentions) if (!out.contains(s)) out.add(s);
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (!unitAttentions.isEmpty()) b.append("UA ").append(unitAttentions).append(" then ");
        if (transportError != null) return b.append("no status: ").append(transportError).toString();
        b.append(status.label());
        if (sense != null) b.append(' ').append(sense);
        if (data != null) b.append(" {").append(data).append('}');
        return b.toString();
    }
}
