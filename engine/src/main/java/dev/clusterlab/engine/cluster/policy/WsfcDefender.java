package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The owner's half of WSFC disk arbitration (reference/cluster-arbitration.md §1.4 DEFENDER, after
 * the CSV patent US 8,719,473): every DiskArbInterval the owner confirms it still holds the
 * reservation, then PREEMPTs every registered key that belongs to no member of its view. That one
 * rule both defeats a challenger (its fresh registration vanishes before it looks again) and cuts
 * off a node the cluster has removed.
 */
final class WsfcDefender {

    /** What a defence found. */
    enum Verdict {
        /** READ RESERVATION names this node's key: still the owner. */
        HELD,
        /** Someone else holds the reservation, or none is reported: ownership is gone (event 1038). */
        LOST,
        /** The disk did not answer (no path, or it refused): nothing can be concluded this time. */
        NO_ANSWER
    }

    /** A defence's verdict and the reservation READ RESERVATION reported (null without an answer). */
    record Defense(Verdict verdict, PrClient.Holder holder) {}

    private final NodeContext node;
    private final PrClient pr;
    private final long myKey;

    WsfcDefender(NodeContext node, PrClient pr, long myKey) {
        this.node = node;
        this.pr = pr;
        this.myKey = myKey;
    }

    /**
     * One defender round on {@code disk}: READ RESERVATION, then, if still held and {@code scrub},
     * remove non-members' keys (§1.4). A node that does not know whether it has quorum (it is
     * arbitrating) only checks: it has no standing to cut anyone off.
     */
    Defense defend(String disk, boolean scrub) {
        PrClient.Holder holder = pr.readReservation(disk);
        if (holder == null) return new Defense(Verdict.NO_ANSWER, null);
        if (holder.equals(PrClient.NO_RESERVATION) || holder.key() != myKey) return new Defense(Verdict.LOST, holder);
        if (scrub) scrubNonMembers(disk);
        return new Defense(Verdict.HELD, holder);
    }

    /**
     * READ KEYS, then PREEMPT (type 5, RK = mine, SARK = K) each key K that no member of this node's
     * view owns (§1.4; a PREEMPT whose SARK is the holder's key also moves the reservation here,
     * SPC-4 §5.13.11.2.4). Returns false when the keys could not be read.
     */
    boolean scrubNonMembers(String disk) { return scrubNonMembers(disk, myKey); }

    /**
     * The same, sparing {@code spared} as well: a shared-volume member (a plain registrant, which may
     * PREEMPT too, SPC-4 §5.13.11.2.4) spares the coordinator's key, since preempting the holder's key
     * would move the reservation to it (cluster-arbitration.md §1.7).
     */
    boolean scrubNonMembers(String disk, long spared) {
        List<Long> keys = pr.readKeys(disk);
        if (keys == null) return false;
        // One registration per I_T nexus, so a key shows up once per path: preempt each key once.
        for (long key : new LinkedHashSet<>(keys)) {
            if (key == myKey || key == spared) continue;
            String owner = WsfcKeys.nodeOf(key, node);
            if (owner != null && node.view().contains(owner)) continue;
            IoOutcome outcome = pr.preempt(disk, myKey, key, WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY, false);
            String how = "PREEMPT (type 5) of key " + WsfcKeys.hex(key);
            if (!outcome.isGood()) {
                node.log(how + " on '" + disk + "' failed: " + outcome.inWords());
            } else if (owner != null) {
                node.fenced(owner, disk, how + ": " + owner + " is not a member");
            } else {
                node.log("removed key " + WsfcKeys.describe(key, node) + " from '" + disk + "' with " + how);
            }
        }
        return true;
    }
}
