package dev.clusterlab.tests.differential;

import dev.clusterlab.tests.differential.Difference.Aspect;
import dev.clusterlab.tests.differential.Observation.Sense;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares ClusterLab's and tgt's answers to the same step, one sequence at a time (it remembers
 * the generations seen so far). What is normalised, and why (everything else must be equal):
 *
 * <ul>
 *   <li>Unit attentions are compared as sets of distinct ASC/ASCQ. SAM-5 leaves the order in
 *       which a device server reports several pending unit attentions to it, and a condition
 *       that duplicates a pending one may be coalesced (conformance notes §4.1); which conditions
 *       are reported is not open, so a missing or extra one is a difference.</li>
 *   <li>READ KEYS lists are compared as multisets: SPC-4 §6.15.2 lists one key per registered I_T
 *       nexus but does not fix their order. READ FULL STATUS descriptors likewise (§6.15.5).</li>
 *   <li>PRgeneration is compared as the increment since the previous answer that carried one, on
 *       each side (a fresh logical unit starts at 0 on both, SPC-4 §6.15.2). This hides nothing:
 *       every step where the counts of increments differ is still reported, and must be explained;
 *       it only keeps one miscount from being reported again at every later read.</li>
 *   <li>REPORT CAPABILITIES: only LENGTH, TMV and the type mask are compared. CRH, SIP_C, ATP_C,
 *       PTPL_C, RLR_C, ALLOW COMMANDS and PTPL_A describe optional features (SPC-4 §6.15.4) each
 *       target may or may not implement.</li>
 *   <li>Sense is compared by key, ASC and ASCQ only; the sense-key-specific field pointer and the
 *       sense format (fixed or descriptor) are not compared.</li>
 *   <li>READ(10) data is not compared: both logical units start zeroed and the writes that reach
 *       them are already compared by status.</li>
 * </ul>
 */
public final class ResponseComparator {
    private long lastOurs;
    private long lastTgt;
    private int windowStart;

    /** Differences for step {@code index}; updates the generation baseline when both sides report one. */
    public List<Difference> compare(int index, Observation ours, Observation tgt) {
        List<Difference> out = new ArrayList<>();
        List<Sense> uaOurs = ours.distinctUnitAttentions(), uaTgt = tgt.distinctUnitAttentions();
        if (!(uaOurs.containsAll(uaTgt) && uaTgt.containsAll(uaOurs)))
            out.add(new Difference(Aspect.UNIT_ATTENTIONS, uaOurs.toString(), uaTgt.toString(), index));
        if (ours.transportError() != null || tgt.transportError() != null) {
            out.add(new Difference(Aspect.TRANSPORT, String.valueOf(ours.transportError()), String.valueOf(tgt.transportError()), index));
            return out;
        }
        if (ours.status() != tgt.status()) {
            out.add(new Difference(Aspect.STATUS, ours.status().label() + (ours.sense() == null ? "" : " " + ours.sense()),
                    tgt.status().label() + (tgt.sense() == null ? "" : " " + tgt.sense()), index));
            return out;
        }
        if (!Objects.equals(ours.sense(), tgt.sense()))
            out.add(new Difference(Aspect.SENSE, String.valueOf(ours.sense()), String.valueOf(tgt.sense()), index));
        if (ours.data() != null && tgt.data() != null) compareData(index, ours.data(), tgt.data(), out);
        return out;
    }

    private void compareData(int index, PrInData ours, PrInData tgt, List<Difference> out) {
        if (ours instanceof PrInData.Malformed || tgt instanceof PrInData.Malformed) {
            out.add(new Difference(Aspect.MALFORMED, ours.toString(), tgt.toString(), index));
            return;
        }
        long gOurs = PrInData.generationOf(ours), gTgt = PrInData.generationOf(tgt);
        if (gOurs >= 0 && gTgt >= 0) {
            long dOurs = (gOurs - lastOurs) & 0xFFFF_FFFFL, dTgt = (gTgt - lastTgt) & 0xFFFF_FFFFL;
            if (dOurs != dTgt)
                out.add(new Difference(Aspect.GENERATION, "+" + dOurs + " (now " + gOurs + ")", "+" + dTgt + " (now " + gTgt + ")", windowStart,
                        (int) dTgt - (int) dOurs));
            lastOurs = gOurs;
            lastTgt = gTgt;
            windowStart = index + 1;
        }
        switch (ours) {
            case PrInData.Keys k when tgt instanceof PrInData.Keys t -> {
                if (!sorted(k.keys()).equals(sorted(t.keys())))
                    out.add(new Difference(Aspect.KEYS, hexes(k.keys()), hexes(t.keys()), index));
            }
            case PrInData.Reservation r when tgt instanceof PrInData.Reservation t -> {
                if (r.present() != t.present() || r.key() != t.key() || r.scope() != t.scope() || r.type() != t.type())
                    out.add(new Difference(Aspect.RESERVATION, r.toString(), t.toString(), index));
            }
            case PrInData.Capabilities c when tgt instanceof PrInData.Capabilities t -> {
                if (c.length() != t.length() || c.typeMaskValid() != t.typeMaskValid() || c.typeMask() != t.typeMask())
                    out.add(new Difference(Aspect.CAPABILITIES, c.toString(), t.toString(), index));
            }
            case PrInData.FullStatus f when tgt instanceof PrInData.FullStatus t -> {
                if (!sortedText(f.descriptors()).equals(sortedText(t.descriptors())))
                    out.add(new Difference(Aspect.FULL_STATUS, f.toString(), t.toString(), index));
            }
            default -> out.add(new Difference(Aspect.MALFORMED, ours.toString(), tgt.toString(), index));
        }
    }

    private static List<Long> sorted(List<Long> keys) {
        List<Long> s = new ArrayList<>(keys);
        s.sort(null);
        return s;
    }

    private static List<String> sortedText(List<String> items) {
        List<String> s = new ArrayList<>(items);
        s.sort(null);
        return s;
    }

    static String hexes(List<Long> keys) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < keys.size(); i++) b.append(i == 0 ? "" : ",").append("0x").append(Long.toHexString(keys.get(i)));
        return b.append(']').toString();
    }
}
