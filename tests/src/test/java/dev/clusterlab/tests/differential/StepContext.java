package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.List;

/**
 * Everything a deviation matcher may look at for one step: the step, both answers, ClusterLab's
 * reservation state just before and after it (read from the in-process logical unit; the two
 * targets agree on state up to the first state-changing deviation, after which the runner stops
 * comparing the sequence), and the earlier steps of the sequence.
 */
public record StepContext(Sequence sequence, int index, Step step, Observation ours, Observation tgt,
                          ReservationSnapshot before, ReservationSnapshot after, List<Observation.Sense> oursPending,
                          List<StepResult> history) {
    public StepContext {
        oursPending = List.copyOf(oursPending);
        history = List.copyOf(history);
    }

    /** The nexus index of a registrant, or -1. */
    int nexusOf(InitiatorPort port) {
        List<InitiatorIdentity> n = sequence.nexuses();
        for (int i = 0; i < n.size(); i++) if (n.get(i).port().equals(port)) return i;
        return -1;
    }

    static boolean registered(ReservationSnapshot s, StepContext c, int nexus) { return keyOf(s, c, nexus) != 0; }

    static long keyOf(ReservationSnapshot s, StepContext c, int nexus) {
        for (ReservationSnapshot.Registrant r : s.registrants()) if (c.nexusOf(r.initiator()) == nexus) return r.key();
        return 0;
    }

    static boolean holder(ReservationSnapshot s, StepContext c, int nexus) {
        for (ReservationSnapshot.Registrant r : s.registrants()) if (c.nexusOf(r.initiator()) == nexus) return r.holder();
        return false;
    }

    /** The step's own PR OUT, or null. */
    Step.PrOut prOut() { return step instanceof Step.PrOut p ? p : null; }

    /** Steps {@code from} (inclusive) up to this one (exclusive), from the history. */
    List<StepResult> window(int from) {
        return history.subList(Math.max(0, Math.min(from, history.size())), history.size());
    }
}
