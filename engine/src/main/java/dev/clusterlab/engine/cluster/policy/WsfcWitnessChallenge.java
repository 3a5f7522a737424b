package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.sim.EventHandle;
import java.util.List;

/**
 * One challenge for the witness disk, the challenger's half of WSFC arbitration
 * (reference/cluster-arbitration.md §1.4 CHALLENGER, after the Das &amp; Kusters variant of US
 * 7,277,952): register on every path, look at the reservation, and if someone holds it wait
 * 2 x DiskArbInterval [A] for a live owner to scrub the new key; a key still there means nobody
 * defends, so PREEMPT the old holder. The whole arbitration may take at most
 * QuorumArbitrationTimeMax (§1.4, 20 s): a challenge that would take longer, or whose wait ran late
 * because the node hung, is lost.
 *
 * <p>The witness is never challenged away from a member of the challenger's own view: when the
 * reservation belongs to one, the challenger's partition already has the witness's vote.
 */
final class WsfcWitnessChallenge {

    /** How a challenge ends; exactly one of these is called, once, unless the challenge is cancelled. */
    interface Outcome {
        /** This node holds the witness reservation now. */
        void won();

        /** {@code member}, in this node's view, holds the witness: the partition has its vote. */
        void heldByMember(String member);

        /** The challenge failed: a live owner defended, the disk did not answer, or time ran out. */
        void lost(String why);
    }

    private final NodeContext node;
    private final PrClient pr;
    private final long myKey;
    private final String witness;
    private final Outcome outcome;
    private long startedAt;
    private EventHandle wait;
    private boolean over;

    WsfcWitnessChallenge(NodeContext node, PrClient pr, long myKey, String witness, Outcome outcome) {
        this.node = node;
        this.pr = pr;
        this.myKey = myKey;
        this.witness = witness;
        this.outcome = outcome;
    }

    /** Registers and looks at the reservation; may finish at once (free, mine, or a member's). */
    void start() {
        startedAt = node.now();
        // REGISTER AND IGNORE EXISTING KEY on every path: MPIO registers each I_T nexus (§1.1, §1.4).
        if (!pr.registerOnEveryPath(witness, myKey)) {
            finishLost("could not register key " + WsfcKeys.hex(myKey) + " on the witness disk '" + witness + "'");
            return;
        }
        PrClient.Holder holder = pr.readReservation(witness);
        if (holder == null) {
            finishLost("the witness disk '" + witness + "' did not answer READ RESERVATION");
            return;
        }
        if (settled(holder)) return;
        long max = node.parameters().quorumArbitrationMax();
        long challengeWait = node.parameters().challengeWait();
        node.log("the witness disk '" + witness + "' is reserved by key " + WsfcKeys.describe(holder.key(), node)
                + ": registered key " + WsfcKeys.hex(myKey) + ", waiting " + seconds(challengeWait)
                + " for a live owner to defend it");
        wait = node.after(Math.min(challengeWait, max), this::check);
    }

    /** Abandons the challenge (the view changed so that the witness no longer decides); no outcome is reported. */
    void cancel() {
        over = true;
        if (wait != null) wait.cancel();
    }

    /** After the wait: was my key scrubbed? If not, nobody defends: PREEMPT the holder (§1.4). */
    private void check() {
        if (over) return;
        long elapsed = node.now() - startedAt;
        if (elapsed > node.parameters().quorumArbitrationMax() || node.parameters().challengeWait() > node.parameters().quorumArbitrationMax()) {
            finishLost("arbitration for the witness took " + seconds(elapsed) + ", longer than QuorumArbitrationTimeMax");
            return;
        }
        List<Long> keys = pr.readKeys(witness);
        if (keys == null) {
            finishLost("the witness disk '" + witness + "' did not answer READ KEYS");
            return;
        }
        if (!keys.contains(myKey)) {
            finishLost("key " + WsfcKeys.hex(myKey) + " was removed from the witness disk: its owner is alive and defending it");
            return;
        }
        PrClient.Holder holder = pr.readReservation(witness);
        if (holder == null) {
            finishLost("the witness disk '" + witness + "' did not answer READ RESERVATION");
            return;
        }
        if (settled(holder)) return;
        String victim = WsfcKeys.nodeOf(holder.key(), node);
        IoOutcome preempt = pr.preempt(witness, myKey, holder.key(), WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY, false);
        if (!preempt.isGood()) {
            finishLost("PREEMPT of key " + WsfcKeys.hex(holder.key()) + " on the witness disk failed: " + WsfcDefender.describe(preempt));
            return;
        }
        String how = "PREEMPT (type 5) of key " + WsfcKeys.hex(holder.key()) + ": nobody defended the witness for " + seconds(elapsed);
        if (victim != null) node.fenced(victim, witness, how);
        else node.log(how);
        finishWon();
    }

    /** Ends the challenge when the reservation is free, already mine, or a member's; false to go on. */
    private boolean settled(PrClient.Holder holder) {
        if (holder.equals(PrClient.NO_RESERVATION)) {
            IoOutcome reserve = pr.reserve(witness, myKey, WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
            if (reserve.isGood()) finishWon();
            else finishLost("RESERVE of the witness disk failed: " + WsfcDefender.describe(reserve));
            return true;
        }
        if (holder.key() == myKey) {
            finishWon();
            return true;
        }
        String holderNode = WsfcKeys.nodeOf(holder.key(), node);
        if (holderNode != null && node.view().contains(holderNode)) {
            over = true;
            outcome.heldByMember(holderNode);
            return true;
        }
        return false;
    }

    private void finishWon() {
        over = true;
        outcome.won();
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
