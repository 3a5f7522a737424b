package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.sim.EventHandle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One challenge for a disk, the challenger's half of WSFC arbitration (reference/cluster-arbitration.md
 * §1.4 CHALLENGER, after the Das &amp; Kusters variant of US 7,277,952): register on every path, note
 * the registrations of non-members and the reservation, wait 2 x DiskArbInterval [A]; a live owner
 * scrubs the challenger's key within one interval, so a key still there means nobody defends, and
 * the challenger PREEMPTs the silent registrants (which moves the reservation to it).
 *
 * <p>Safety rules of the simulator's model:
 * <ul>
 *   <li>The wait is skipped only for keys of nodes already proven silent, i.e. that just lost a
 *       challenge on another disk without defending it (the §1.4 [A] "known dead" shortcut); a node
 *       merely missing from the membership view may be alive on the far side of an asymmetric cut.</li>
 *   <li>If the reservation changed hands during the wait, someone alive took it: the challenge is
 *       lost rather than preempting a fresh owner.</li>
 *   <li>The whole arbitration may take at most QuorumArbitrationTimeMax (§1.4, 20 s): a wait that
 *       would take longer, or that ran late because the node hung, loses.</li>
 * </ul>
 */
final class WsfcChallenge {

    /** How a challenge ends; exactly one of these is called, once, unless it is cancelled. */
    interface Outcome {
        /** This node holds the reservation now; {@code silenced} lost their keys without having defended. */
        void won(List<String> silenced);

        /** {@code member}, in this node's view, holds the reservation (witness only): its partition has the vote. */
        void heldByMember(String member);

        /** A live owner defended, the disk did not answer, or time ran out. */
        void lost(String why);
    }

    private final NodeContext node;
    private final PrClient pr;
    private final long myKey;
    private final String disk;
    private final boolean yieldToMemberHolder;
    private final Predicate<String> provenSilent;
    private final Outcome outcome;
    private long startedAt;
    private PrClient.Holder holderAtStart;
    private Set<Long> suspectsAtStart;
    private EventHandle wait;
    private boolean over;

    /**
     * @param yieldToMemberHolder a member's reservation ends the challenge with {@link Outcome#heldByMember}
     *     (the witness); otherwise it is moved here (a data disk its holder no longer runs)
     * @param provenSilent whether a node's key may be preempted without waiting
     */
    WsfcChallenge(NodeContext node, PrClient pr, long myKey, String disk, boolean yieldToMemberHolder,
                  Predicate<String> provenSilent, Outcome outcome) {
        this.node = node;
        this.pr = pr;
        this.myKey = myKey;
        this.disk = disk;
        this.yieldToMemberHolder = yieldToMemberHolder;
        this.provenSilent = provenSilent;
        this.outcome = outcome;
    }

    /** Registers and looks; finishes at once when nobody else is registered, or everyone is known silent. */
    void start() {
        startedAt = node.now();
        // REGISTER AND IGNORE EXISTING KEY on every path: MPIO registers each I_T nexus (§1.1, §1.4).
        if (!pr.registerOnEveryPath(disk, myKey)) {
            finishLost("could not register key " + WsfcKeys.hex(myKey) + " on '" + disk + "'");
            return;
        }
        List<Long> keys = pr.readKeys(disk);
        holderAtStart = pr.readReservation(disk);
        if (keys == null || holderAtStart == null) {
            finishLost("'" + disk + "' did not answer PERSISTENT RESERVE IN");
            return;
        }
        String holderNode = WsfcKeys.nodeOf(holderAtStart.key(), node);
        if (yieldToMemberHolder && holderAtStart.key() != myKey && holderNode != null && node.view().contains(holderNode)) {
            over = true;
            outcome.heldByMember(holderNode);
            return;
        }
        suspectsAtStart = suspects(keys);
        boolean allSilent = true;
        for (long k : suspectsAtStart) {
            String owner = WsfcKeys.nodeOf(k, node);
            allSilent &= owner != null && provenSilent.test(owner);
        }
        if (allSilent) {
            preemptAndClaim(suspectsAtStart, "already known not to defend");
            return;
        }
        long challengeWait = node.parameters().challengeWait();
        node.log("challenging for '" + disk + "' held by " + holderText(holderAtStart) + ": registered key "
                + WsfcKeys.hex(myKey) + ", waiting " + seconds(challengeWait) + " for a live owner to defend it");
        wait = node.after(Math.min(challengeWait, node.parameters().quorumArbitrationMax()), this::check);
    }

    /** Abandons the challenge; no outcome is reported. Keys stay registered. */
    void cancel() {
        over = true;
        if (wait != null) wait.cancel();
    }

    /** After the wait: was my key scrubbed? Did anyone take the disk meanwhile? If neither, PREEMPT (§1.4). */
    private void check() {
        if (over) return;
        long elapsed = node.now() - startedAt;
        long max = node.parameters().quorumArbitrationMax();
        if (elapsed > max || node.parameters().challengeWait() > max) {
            finishLost("arbitration for '" + disk + "' took " + seconds(elapsed) + ", longer than QuorumArbitrationTimeMax");
            return;
        }
        List<Long> keys = pr.readKeys(disk);
        PrClient.Holder holder = pr.readReservation(disk);
        if (keys == null || holder == null) {
            finishLost("'" + disk + "' did not answer PERSISTENT RESERVE IN");
            return;
        }
        if (!keys.contains(myKey)) {
            finishLost("key " + WsfcKeys.hex(myKey) + " was removed from '" + disk + "': its owner is alive and defending it");
            return;
        }
        if (!holder.equals(holderAtStart)) {
            finishLost("'" + disk + "' changed hands during the wait (now " + holderText(holder) + ")");
            return;
        }
        Set<Long> silent = new LinkedHashSet<>(suspectsAtStart);
        silent.retainAll(suspects(keys));
        preemptAndClaim(silent, "did not defend for " + seconds(elapsed));
    }

    /** PREEMPT each silent key (the holder's too, which moves the reservation here), then make sure the reservation is mine. */
    private void preemptAndClaim(Set<Long> silent, String why) {
        List<String> silenced = new ArrayList<>();
        for (long k : silent) {
            IoOutcome o = pr.preempt(disk, myKey, k, WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY, false);
            if (!o.isGood()) {
                finishLost("PREEMPT of key " + WsfcKeys.hex(k) + " on '" + disk + "' failed: " + o.inWords());
                return;
            }
            String victim = WsfcKeys.nodeOf(k, node);
            String how = "PREEMPT (type 5) of key " + WsfcKeys.hex(k) + ": " + why;
            if (victim != null) {
                node.fenced(victim, disk, how);
                silenced.add(victim);
            } else {
                node.log("removed key " + WsfcKeys.describe(k, node) + " from '" + disk + "' with " + how);
            }
        }
        PrClient.Holder holder = pr.readReservation(disk);
        if (holder == null) {
            finishLost("'" + disk + "' did not answer READ RESERVATION");
            return;
        }
        IoOutcome claim = null;
        if (holder.equals(PrClient.NO_RESERVATION)) {
            claim = pr.reserve(disk, myKey, WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
        } else if (holder.key() != myKey) {
            // A member holds it but runs nothing there any more (it went offline): move it here.
            claim = pr.preempt(disk, myKey, holder.key(), WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY, false);
        }
        if (claim != null && !claim.isGood()) {
            finishLost("reserving '" + disk + "' failed: " + claim.inWords());
            return;
        }
        over = true;
        outcome.won(silenced);
    }

    /** Registered keys that are neither mine nor a member's: a dead node's, a cut-off node's, a stranger's. */
    private Set<Long> suspects(List<Long> keys) {
        Set<Long> out = new LinkedHashSet<>();
        for (long k : keys) {
            if (k == myKey) continue;
            String owner = WsfcKeys.nodeOf(k, node);
            if (owner == null || !node.view().contains(owner)) out.add(k);
        }
        return out;
    }

    private String holderText(PrClient.Holder holder) {
        return holder.equals(PrClient.NO_RESERVATION) ? "nobody" : "key " + WsfcKeys.describe(holder.key(), node);
    }

    private void finishLost(String why) {
        over = true;
        outcome.lost(why);
    }

    static String seconds(long nanos) {
        long ms = nanos / 1_000_000L;
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000 + "." + String.format("%03d", ms % 1000) + " s";
    }
}
