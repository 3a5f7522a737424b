package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.QuorumRule;
import dev.clusterlab.engine.cluster.ResourceGroups.Group;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.sim.EventHandle;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Windows Server Failover Clustering with SCSI-3 persistent reservations, as one node's cluster
 * service runs it (reference/cluster-arbitration.md §1). Keys per node, the same on every path
 * ({@link WsfcKeys}, §1.2); reservations of type 5, Write Exclusive - Registrants Only (§1.3).
 *
 * <ul>
 *   <li><b>Start</b> (a formed cluster at time 0): the preferred owner of each group registers on its
 *       data disk, reserves it and brings the group online; the first node by id owns the witness.
 *       Other nodes register nothing on data disks.</li>
 *   <li><b>Defender</b> (§1.4): every DiskArbInterval the owner of each disk reads the reservation
 *       (someone else's, or none: ownership lost, event 1038) and PREEMPTs every key of a non-member
 *       ({@link WsfcDefender}).</li>
 *   <li><b>Quorum</b> (§1.8): on every view change the node counts its votes, the witness's when it
 *       or a member of its view owns it. When only the witness could give it a majority it challenges
 *       for it ({@link WsfcWitnessChallenge}, §1.4-1.6).</li>
 *   <li><b>Failover</b> (§1.5): with quorum, groups that no member runs are taken over by one node
 *       chosen the same way by every member (the preferred owner when it is a member, else the member
 *       with the lowest id): register, PREEMPT the departed owner's key at once - it is a known
 *       non-member [A] (§1.4) - and bring the group online.</li>
 *   <li><b>Quorum lost</b> (§1.6, event 1177): every group goes offline and defence stops; keys stay
 *       registered. The node waits for its view to grow, and when only the witness is missing it
 *       retries the challenge every QuorumArbitrationTimeMax [A].</li>
 *   <li><b>Boot</b>: a rebooted node knows only itself and owns nothing. It waits for heartbeats, and
 *       one DiskArbInterval after the first peer appears [A] it joins as a non-owner; if no peer
 *       appears within QuorumArbitrationTimeMax [A] it tries to form the cluster alone.</li>
 * </ul>
 *
 * <p>While a node arbitrates for the witness it reports no quorum (it does not have the votes yet)
 * but keeps its groups online until the challenge is decided; a node the quorum side has fenced
 * learns it from its next write (RESERVATION CONFLICT) or its next defence.
 */
public final class WsfcAgent implements ClusterAgent {

    /** Where this node stands in the cluster. */
    private enum Standing {
        /** Booted, waiting for peers; owns nothing and does not arbitrate. */
        JOINING,
        /** Has quorum: defends, takes over orphaned groups. */
        QUORUM,
        /** Needs the witness's vote and is challenging for it. */
        ARBITRATING,
        /** No quorum: nothing online, nothing defended. */
        NO_QUORUM
    }

    private final NodeContext node;
    private final PrClient pr;
    private final long myKey;
    private final WsfcDefender defender;
    private final String witness;
    /** Disks lost since the last defender round: their groups restart only on the next round [A]. */
    private final Set<String> restartHold = new HashSet<>();
    private Standing standing = Standing.JOINING;
    /** Whether the cluster service ran with quorum (so losing it is event 1177). */
    private boolean serviceUp;
    private boolean ownsWitness;
    /** Another member of this node's view known to own the witness, or null. */
    private String witnessMember;
    private WsfcWitnessChallenge challenge;
    private EventHandle joinTimer;
    private boolean joinScheduledByPeer;
    private EventHandle retryTimer;

    public WsfcAgent(NodeContext node) {
        this.node = node;
        this.pr = new PrClient(node.storage());
        this.myKey = WsfcKeys.keyOf(node.id());
        this.defender = new WsfcDefender(node, pr, myKey);
        this.witness = node.witnessDisk();
    }

    // ---- ClusterAgent -------------------------------------------------------------------------

    @Override
    public void start() {
        long interval = node.parameters().arbitrationInterval();
        node.every(interval, interval, this::defenderRound);
        if (node.view().size() == node.nodeNames().size()) startFormed();
        else startJoining();
    }

    @Override
    public void membershipChanged(String peer, MembershipChange change) {
        if (standing == Standing.JOINING) {
            if (change == MembershipChange.JOINED && !joinScheduledByPeer) {
                // Heartbeats from every reachable peer arrive within a heartbeat or so: settle first [A].
                joinScheduledByPeer = true;
                if (joinTimer != null) joinTimer.cancel();
                joinTimer = node.after(node.parameters().arbitrationInterval(), this::join);
            }
            return;
        }
        if (change == MembershipChange.REMOVED) {
            node.log("event 1135: cluster node '" + peer + "' was removed from the active failover cluster membership");
        }
        regroup();
    }

    @Override
    public void diskLost(String disk, String reason) {
        Group group = node.groups().onDisk(disk);
        if (group == null || !node.groups().isOnline(group.name(), node.name())) return;
        restartHold.add(disk);
        node.takeOffline(group.name(), "ownership of '" + disk + "' lost (" + reason + ")");
    }

    @Override
    public void resumed() {
        node.log("resumed after a hang: re-checking disk ownership and quorum");
        if (standing == Standing.JOINING) return;
        for (Group g : node.groups().onNode(node.name())) {
            if (node.storage().lost(g.disk())) diskLost(g.disk(), "lost while the service was hung");
        }
        defendOwnedDisks();
        regroup();
    }

    // ---- start and join -----------------------------------------------------------------------

    /** Time 0, a formed cluster: the first node by id takes the witness, preferred owners their groups. */
    private void startFormed() {
        if (witness != null) {
            String first = node.nodeNames().get(0); // ids follow declaration order, so this is id 1
            if (first.equals(node.name())) acquireWitnessAtStart();
            else witnessMember = first;
        }
        standing = Standing.NO_QUORUM;
        regroup(); // with quorum, each preferred owner takes its groups (takeOverOrphans)
    }

    private void acquireWitnessAtStart() {
        if (!pr.registerOnEveryPath(witness, myKey)) {
            node.log("could not register on the witness disk '" + witness + "'");
            return;
        }
        IoOutcome reserve = pr.reserve(witness, myKey, WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
        if (reserve.isGood()) {
            ownsWitness = true;
            node.log("owns the witness disk '" + witness + "' (key " + WsfcKeys.hex(myKey) + ", type 5)");
        } else {
            node.log("RESERVE of the witness disk '" + witness + "' failed: " + WsfcDefender.describe(reserve));
        }
    }

    /** A fresh boot: this node knows only itself, so it owns nothing and waits for its peers. */
    private void startJoining() {
        QuorumRule rule = node.quorum();
        node.quorum(rule.hasQuorum(1, false), rule.votes(1, false));
        node.log("booted: waiting for heartbeats from the other nodes; owns no disk");
        // Nobody answered for this long: try to form the cluster alone (which needs quorum) [A].
        joinTimer = node.after(node.parameters().quorumArbitrationMax(), this::join);
    }

    private void join() {
        joinTimer = null;
        node.log(node.view().size() > 1 ? "joining the cluster with " + node.view().members() : "no peer answered: trying to form the cluster alone");
        standing = Standing.NO_QUORUM;
        regroup();
    }

    // ---- quorum -------------------------------------------------------------------------------

    /** Counts votes for the current view and acts on the result (§1.8). */
    private void regroup() {
        if (standing == Standing.JOINING) return;
        QuorumRule rule = node.quorum();
        int visible = node.view().size();
        if (witnessMember != null && !node.view().contains(witnessMember)) witnessMember = null;
        boolean witnessVote = ownsWitness || witnessMember != null;
        if (rule.hasQuorum(visible, witnessVote)) {
            cancelChallenge();
            haveQuorum(rule.votes(visible, witnessVote));
        } else if (!rule.needsWitness(visible)) {
            cancelChallenge();
            loseQuorum(rule.votes(visible, witnessVote), visible + " of " + node.nodeNames().size() + " nodes visible");
        } else if (challenge == null) {
            challengeForWitness(rule.votes(visible, false));
        }
    }

    private void haveQuorum(int votes) {
        standing = Standing.QUORUM;
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
        if (!serviceUp) {
            serviceUp = true;
            node.log("has quorum (" + votes + " of " + node.quorum().totalVotes() + " votes): cluster service running");
        }
        node.quorum(true, votes);
        takeOverOrphans();
    }

    /** Event 1177: everything goes offline, defence stops, keys stay registered (§1.6). */
    private void loseQuorum(int votes, String why) {
        standing = Standing.NO_QUORUM;
        node.quorum(false, votes);
        if (serviceUp) {
            serviceUp = false;
            node.log("event 1177: Cluster service is shutting down because quorum was lost (" + why + ")");
        }
        for (Group g : node.groups().onNode(node.name())) node.takeOffline(g.name(), "quorum lost");
        if (ownsWitness) node.log("stops defending the witness disk '" + witness + "'");
        ownsWitness = false;
        witnessMember = null;
        if (node.quorum().needsWitness(node.view().size()) && retryTimer == null) {
            // The service restarts and tries again to form or join [A].
            retryTimer = node.after(node.parameters().quorumArbitrationMax(), () -> {
                retryTimer = null;
                if (standing == Standing.NO_QUORUM) regroup();
            });
        }
    }

    private void challengeForWitness(int votesWithoutWitness) {
        standing = Standing.ARBITRATING;
        node.quorum(false, votesWithoutWitness);
        node.log("arbitrating for the witness disk '" + witness + "': " + votesWithoutWitness + " of "
                + node.quorum().totalVotes() + " votes without it");
        WsfcWitnessChallenge c = new WsfcWitnessChallenge(node, pr, myKey, witness, new WsfcWitnessChallenge.Outcome() {
            @Override
            public void won() {
                challenge = null;
                ownsWitness = true;
                witnessMember = null;
                node.log("won the witness disk '" + witness + "' (key " + WsfcKeys.hex(myKey) + ")");
                regroup();
            }

            @Override
            public void heldByMember(String member) {
                challenge = null;
                witnessMember = member;
                regroup();
            }

            @Override
            public void lost(String why) {
                challenge = null;
                node.log("lost the arbitration for the witness disk '" + witness + "': " + why);
                QuorumRule rule = node.quorum();
                loseQuorum(rule.votes(node.view().size(), false), "arbitration for the witness lost");
            }
        });
        challenge = c;
        c.start();
    }

    private void cancelChallenge() {
        if (challenge == null) return;
        challenge.cancel();
        challenge = null;
        node.log("arbitration for the witness abandoned: the view changed");
    }

    // ---- defence ------------------------------------------------------------------------------

    /** Every DiskArbInterval (§1.4): defend what this node owns, then restart orphaned groups. */
    private void defenderRound() {
        if (standing == Standing.JOINING) return;
        defendOwnedDisks();
        if (standing == Standing.QUORUM) takeOverOrphans();
        restartHold.clear();
    }

    private void defendOwnedDisks() {
        if (ownsWitness) {
            WsfcDefender.Defense d = defender.defend(witness);
            if (d.verdict() == WsfcDefender.Verdict.LOST) {
                ownsWitness = false;
                logOwnershipLost(witness, d.holder());
                regroup();
            }
        }
        for (Group g : node.groups().onNode(node.name())) {
            if (!node.storage().believesOwner(g.disk())) continue;
            WsfcDefender.Defense d = defender.defend(g.disk());
            if (d.verdict() == WsfcDefender.Verdict.LOST) {
                logOwnershipLost(g.disk(), d.holder());
                restartHold.add(g.disk());
                node.takeOffline(g.name(), "ownership of '" + g.disk() + "' lost: " + holderText(d.holder()));
            }
        }
    }

    private void logOwnershipLost(String disk, PrClient.Holder holder) {
        node.log("event 1038: Ownership of cluster disk '" + disk + "' has been unexpectedly lost by this node ("
                + holderText(holder) + ")");
    }

    private String holderText(PrClient.Holder holder) {
        return holder.equals(PrClient.NO_RESERVATION) ? "READ RESERVATION reports no reservation"
                : "reserved by key " + WsfcKeys.describe(holder.key(), node);
    }

    // ---- failover -----------------------------------------------------------------------------

    /** Takes over every group no member runs, where this node is the one every member would pick. */
    private void takeOverOrphans() {
        if (standing != Standing.QUORUM) return;
        for (Group g : node.groups().all()) {
            List<String> running = node.groups().onlineNodes(g.name());
            boolean runByMember = false;
            for (String n : running) runByMember |= node.view().contains(n);
            if (runByMember || !designatedOwner(g).equals(node.name()) || restartHold.contains(g.disk())) continue;
            String reason = !running.isEmpty() ? "failover from " + String.join(", ", running) + " (not a member)"
                    : g.preferredOwner().equals(node.name()) ? "preferred owner" : "no member runs it";
            takeOver(g, reason);
            if (standing != Standing.QUORUM) return;
        }
    }

    /** The preferred owner when it is a member, else the member with the lowest id: every member picks the same. */
    private String designatedOwner(Group g) {
        if (node.view().contains(g.preferredOwner())) return g.preferredOwner();
        String best = null;
        for (String m : node.view().members()) if (best == null || node.idOf(m) < node.idOf(best)) best = m;
        return best;
    }

    /**
     * Arbitrates for a group's data disk and brings the group online: register on every path,
     * PREEMPT every non-member's key (the departed owner's too, at once: it is known not to be a
     * member [A], §1.4), make sure the reservation is mine (RESERVE when free, PREEMPT a member's
     * leftover reservation), then online.
     */
    private void takeOver(Group g, String reason) {
        String disk = g.disk();
        if (!pr.registerOnEveryPath(disk, myKey)) {
            node.log("cannot bring '" + g.name() + "' online: could not register on '" + disk + "'");
            return;
        }
        List<String> fenced = defender.scrubNonMembers(disk);
        if (fenced == null) {
            node.log("cannot bring '" + g.name() + "' online: '" + disk + "' did not answer READ KEYS");
            return;
        }
        PrClient.Holder holder = pr.readReservation(disk);
        IoOutcome claim = null;
        if (holder == null) {
            node.log("cannot bring '" + g.name() + "' online: '" + disk + "' did not answer READ RESERVATION");
            return;
        } else if (holder.equals(PrClient.NO_RESERVATION)) {
            claim = pr.reserve(disk, myKey, WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
        } else if (holder.key() != myKey) {
            // A member holds it but runs nothing there (it went offline): move the reservation here.
            claim = pr.preempt(disk, myKey, holder.key(), WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY, false);
        }
        if (claim != null && !claim.isGood()) {
            node.log("cannot bring '" + g.name() + "' online: reserving '" + disk + "' failed: " + WsfcDefender.describe(claim));
            return;
        }
        node.bringOnline(g.name(), fenced.isEmpty() ? reason : "failover from " + String.join(", ", fenced) + " (key preempted)");
    }
}
