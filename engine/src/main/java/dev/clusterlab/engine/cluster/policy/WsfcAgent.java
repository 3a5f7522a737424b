package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.QuorumRule;
import dev.clusterlab.engine.cluster.ResourceGroups.Group;
import dev.clusterlab.engine.sim.EventHandle;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Windows Server Failover Clustering with SCSI-3 persistent reservations, as one node's cluster
 * service runs it (reference/cluster-arbitration.md §1). Keys per node, the same on every path
 * ({@link WsfcKeys}, §1.2); reservations of type 5, Write Exclusive - Registrants Only (§1.3).
 *
 * <ul>
 *   <li><b>Start</b> (a formed cluster at time 0): the first node by id owns the witness; the
 *       preferred owner of each group registers on its data disk, reserves it and brings the group
 *       online. Other nodes register nothing on data disks.</li>
 *   <li><b>Defender</b> (§1.4): every DiskArbInterval the owner of each disk reads the reservation
 *       (someone else's, or none: ownership lost, event 1038) and PREEMPTs every key of a non-member
 *       ({@link WsfcDefender}).</li>
 *   <li><b>Quorum</b> (§1.8): on every view change the node counts its votes, the witness's when it
 *       or a member of its view owns it. When only the witness could give it a majority it challenges
 *       for it ({@link WsfcChallenge}, §1.4-1.6); meanwhile it reports no quorum (it does not have the
 *       votes yet) but keeps its groups online until the challenge is decided.</li>
 *   <li><b>Failover</b> (§1.5): with quorum, groups no member runs are taken over by the node every
 *       member would pick (the preferred owner when it is a member, else the member with the lowest
 *       id), by a challenge on the data disk. The departed owner's key is preempted at once when it
 *       has just lost the witness without defending it (§1.4 [A] "known dead"); otherwise the
 *       challenger waits like a witness challenger, because in this simulator membership views are
 *       per node and a node missing from one view may be alive and quorate on the far side of an
 *       asymmetric cut [A].</li>
 *   <li><b>Quorum lost</b> (§1.6, event 1177): every group goes offline and defence stops; keys stay
 *       registered. The node waits for its view to grow, and when only the witness is missing it
 *       retries every QuorumArbitrationTimeMax [A].</li>
 *   <li><b>Boot</b>: a rebooted node knows only itself and owns nothing. One DiskArbInterval after
 *       the first peer appears [A] it joins as a non-owner; if no peer appears within
 *       QuorumArbitrationTimeMax [A] it tries to form the cluster alone.</li>
 *   <li><b>Cluster Shared Volumes</b> (§1.7): shared groups run on every member, coordinated by the
 *       reservation holder ({@link WsfcSharedVolumes}); failover takes no part in them.</li>
 * </ul>
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
    private final WsfcSharedVolumes sharedVolumes;
    private final String witness;
    /** Disks lost since the last defender round: their groups restart only on the next round [A]. */
    private final Set<String> restartHold = new HashSet<>();
    /** Challenges for data disks in progress, by group. */
    private final Map<String, WsfcChallenge> takeovers = new LinkedHashMap<>();
    /** When each node last lost a challenge of mine without defending its disk. */
    private final Map<String, Long> silentSince = new HashMap<>();
    private Standing standing = Standing.JOINING;
    /** Whether the cluster service ran with quorum (so losing it is event 1177). */
    private boolean serviceUp;
    private boolean ownsWitness;
    /** Another member of this node's view known to own the witness, or null. */
    private String witnessMember;
    private WsfcChallenge witnessChallenge;
    private EventHandle joinTimer;
    private boolean joinScheduledByPeer;
    private EventHandle retryTimer;

    public WsfcAgent(NodeContext node) {
        this.node = node;
        this.pr = new PrClient(node.storage());
        this.myKey = WsfcKeys.keyOf(node.id());
        this.defender = new WsfcDefender(node, pr, myKey);
        this.sharedVolumes = new WsfcSharedVolumes(node, pr, myKey, defender, this::provenSilent, this::markSilent);
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
            sharedVolumes.peerLeft(peer);
        } else {
            silentSince.remove(peer);
        }
        regroup();
        // A member still running a shared volume must not see a departed node's writes land (§1.7).
        if (change == MembershipChange.REMOVED && standing == Standing.QUORUM) sharedVolumes.scrubNonMembersNow();
    }

    @Override
    public void diskLost(String disk, String reason) {
        Group group = node.groups().onDisk(disk);
        if (group == null || !node.groups().isOnline(group.name(), node.name())) return;
        restartHold.add(disk);
        if (group.shared()) sharedVolumes.lost(group);
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
        // With quorum, each preferred owner takes its groups (takeOverOrphans); members join shared volumes at once.
        sharedVolumes.asFormedCluster(this::regroup);
    }

    private void acquireWitnessAtStart() {
        if (!pr.registerOnEveryPath(witness, myKey)) {
            node.log("could not register on the witness disk '" + witness + "'");
            return;
        }
        var reserve = pr.reserve(witness, myKey, WsfcKeys.TYPE_WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
        if (reserve.isGood()) {
            ownsWitness = true;
            node.log("owns the witness disk '" + witness + "' (key " + WsfcKeys.hex(myKey) + ", type 5)");
        } else {
            node.log("RESERVE of the witness disk '" + witness + "' failed: " + reserve.inWords());
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
            cancelWitnessChallenge();
            haveQuorum(rule.votes(visible, witnessVote));
        } else if (!rule.needsWitness(visible)) {
            cancelWitnessChallenge();
            loseQuorum(rule.votes(visible, witnessVote), visible + " of " + node.nodeNames().size() + " nodes visible");
        } else if (witnessChallenge == null) {
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
            node.log("cluster service running (" + votes + " of " + node.quorum().totalVotes() + " votes)");
        }
        node.quorum(true, votes);
        takeOverOrphans();
    }

    /** Event 1177: everything goes offline, defence and takeovers stop, keys stay registered (§1.6). */
    private void loseQuorum(int votes, String why) {
        standing = Standing.NO_QUORUM;
        node.quorum(false, votes);
        if (serviceUp) {
            serviceUp = false;
            node.log("event 1177: Cluster service is shutting down because quorum was lost (" + why + ")");
        }
        for (WsfcChallenge c : takeovers.values()) c.cancel();
        takeovers.clear();
        sharedVolumes.quorumLost();
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
        WsfcChallenge c = new WsfcChallenge(node, pr, myKey, witness, true, this::provenSilent, new WsfcChallenge.Outcome() {
            @Override
            public void won(List<String> silenced) {
                witnessChallenge = null;
                markSilent(silenced);
                ownsWitness = true;
                witnessMember = null;
                node.log("won the witness disk '" + witness + "' (key " + WsfcKeys.hex(myKey) + ")");
                regroup();
            }

            @Override
            public void heldByMember(String member) {
                witnessChallenge = null;
                witnessMember = member;
                regroup();
            }

            @Override
            public void lost(String why) {
                witnessChallenge = null;
                node.log("lost the arbitration for the witness disk '" + witness + "': " + why);
                loseQuorum(node.quorum().votes(node.view().size(), false), "arbitration for the witness lost");
            }
        });
        witnessChallenge = c;
        c.start();
    }

    private void cancelWitnessChallenge() {
        if (witnessChallenge == null) return;
        witnessChallenge.cancel();
        witnessChallenge = null;
        node.log("arbitration for the witness abandoned: the view changed");
    }

    /** A node that lost a challenge of mine without defending, within the last DiskArbInterval [A]. */
    private boolean provenSilent(String other) {
        Long since = silentSince.get(other);
        return since != null && node.now() - since < node.parameters().arbitrationInterval() && !node.view().contains(other);
    }

    private void markSilent(List<String> nodes) {
        for (String n : nodes) silentSince.put(n, node.now());
    }

    // ---- defence ------------------------------------------------------------------------------

    /** Every DiskArbInterval (§1.4): defend what this node owns, then restart orphaned groups. */
    private void defenderRound() {
        if (standing == Standing.JOINING) return;
        defendOwnedDisks();
        takeOverOrphans();
        restartHold.clear();
    }

    private void defendOwnedDisks() {
        boolean scrub = standing == Standing.QUORUM;
        if (ownsWitness) {
            WsfcDefender.Defense d = defender.defend(witness, scrub);
            if (d.verdict() == WsfcDefender.Verdict.LOST) {
                ownsWitness = false;
                logOwnershipLost(witness, d.holder());
                regroup();
            }
        }
        for (Group g : node.groups().onNode(node.name())) {
            if (g.shared() || !node.storage().believesOwner(g.disk())) continue;
            WsfcDefender.Defense d = defender.defend(g.disk(), standing == Standing.QUORUM);
            if (d.verdict() == WsfcDefender.Verdict.LOST) {
                logOwnershipLost(g.disk(), d.holder());
                restartHold.add(g.disk());
                node.takeOffline(g.name(), "ownership of '" + g.disk() + "' lost: " + holderText(d.holder()));
            }
        }
        restartHold.addAll(sharedVolumes.defend(standing == Standing.QUORUM));
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

    /** Challenges for every group no member runs, where this node is the one every member would pick. */
    private void takeOverOrphans() {
        if (standing != Standing.QUORUM) return;
        for (Group g : node.groups().all()) {
            if (g.shared() || takeovers.containsKey(g.name()) || restartHold.contains(g.disk()) || !isOrphan(g)
                    || !designatedOwner(g).equals(node.name())) continue;
            takeOver(g);
            if (standing != Standing.QUORUM) return;
        }
        sharedVolumes.reconcile(restartHold);
    }

    private boolean isOrphan(Group g) {
        for (String n : node.groups().onlineNodes(g.name())) if (node.view().contains(n)) return false;
        return true;
    }

    /** The preferred owner when it is a member, else the member with the lowest id: every member picks the same. */
    private String designatedOwner(Group g) {
        if (node.view().contains(g.preferredOwner())) return g.preferredOwner();
        String best = null;
        for (String m : node.view().members()) if (best == null || node.idOf(m) < node.idOf(best)) best = m;
        return best;
    }

    /** Arbitrates for a group's data disk (§1.4, §1.5) and brings the group online when it wins. */
    private void takeOver(Group g) {
        List<String> running = node.groups().onlineNodes(g.name());
        String reason = !running.isEmpty() ? "failover from " + String.join(", ", running)
                : g.preferredOwner().equals(node.name()) ? "preferred owner" : "no member runs it";
        WsfcChallenge c = new WsfcChallenge(node, pr, myKey, g.disk(), false, this::provenSilent, new WsfcChallenge.Outcome() {
            @Override
            public void won(List<String> silenced) {
                takeovers.remove(g.name());
                markSilent(silenced);
                if (standing != Standing.QUORUM || !isOrphan(g)) return;
                node.bringOnline(g.name(), silenced.isEmpty() ? reason : "failover from " + String.join(", ", silenced) + " (key preempted)");
            }

            @Override
            public void heldByMember(String member) {
                takeovers.remove(g.name()); // not asked for on data disks
            }

            @Override
            public void lost(String why) {
                takeovers.remove(g.name());
                node.log("cannot bring '" + g.name() + "' online: " + why);
            }
        });
        takeovers.put(g.name(), c);
        c.start();
    }
}
