package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.ResourceGroups.Group;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One node's part in WSFC's Cluster Shared Volumes (reference/cluster-arbitration.md §1.7, after
 * US 7,840,730 and US 8,719,473 as summarised in §1.2 and §1.4 "CSV variant"). A shared group runs on
 * every member at once:
 * <ul>
 *   <li>the <b>coordinator</b> registers its owner key and holds the type 5 reservation; in its
 *       defender rounds, and at once when a node leaves its view, it PREEMPTs every key of a
 *       non-member (the patent's "validate every registered key against membership");</li>
 *   <li>every other member registers its <b>shared key</b> ({@link WsfcKeys#sharedKeyOf}) on every path
 *       and runs the group too: Write Exclusive - Registrants Only lets registrants write (§1.3). It
 *       also PREEMPTs the shared keys of nodes outside its own view, sparing the coordinator's [A]:
 *       in this simulator views are per node, and two members cut off from each other but not from
 *       the coordinator must not both keep writing;</li>
 *   <li>a member told it lost the disk (RESERVATION CONFLICT, 2Ah unit attention) takes the group
 *       offline here, and rejoins like a booted node;</li>
 *   <li>a member whose coordinator leaves its view pauses the volume here (offline) until a new
 *       coordinator holds the disk [A]: CSV pauses I/O while the coordinator role moves, and a
 *       member that kept writing could not tell a dead coordinator from one that still writes (hung);</li>
 *   <li>with the coordinator gone, the member every member would pick (the first coordinator when it is
 *       a member, else the lowest id) challenges with {@link WsfcChallenge}'s rules, a PREEMPT at once
 *       when the old coordinator is proven silent;</li>
 *   <li>a (re)joining member registers its shared key and brings the group online once the key has
 *       survived one DiskArbInterval, i.e. a coordinator round that did not scrub it [A].</li>
 * </ul>
 * The agent owns quorum: everything here runs only while it has quorum, and it takes every group
 * offline when it loses quorum ({@link #quorumLost()}).
 */
final class WsfcSharedVolumes {
    private final NodeContext node;
    private final PrClient pr;
    private final long ownerKey;
    private final long sharedKey;
    private final WsfcDefender defender;
    /** Scrubs with the shared key, as a plain registrant. */
    private final WsfcDefender memberDefender;
    private final Predicate<String> provenSilent;
    private final Consumer<List<String>> markSilent;
    /** Groups this node coordinates: it holds their disk's reservation with its owner key. */
    private final Set<String> coordinating = new HashSet<>();
    /** For groups this node runs as a plain member: the coordinator it joined under. */
    private final Map<String, String> coordinatorOf = new HashMap<>();
    /** Groups whose shared key this node registered to rejoin, and when. */
    private final Map<String, Long> registeredAt = new HashMap<>();
    private final Map<String, WsfcChallenge> challenges = new LinkedHashMap<>();
    /** The cluster was formed at time 0 with everyone a member: members join at once. */
    private boolean formed;

    WsfcSharedVolumes(NodeContext node, PrClient pr, long ownerKey, WsfcDefender defender,
                      Predicate<String> provenSilent, Consumer<List<String>> markSilent) {
        this.node = node;
        this.pr = pr;
        this.ownerKey = ownerKey;
        this.sharedKey = WsfcKeys.sharedKeyOf(node.id());
        this.defender = defender;
        this.memberDefender = new WsfcDefender(node, pr, sharedKey);
        this.provenSilent = provenSilent;
        this.markSilent = markSilent;
    }

    /** Runs {@code start} as the formation of the cluster at time 0, when members need not wait to join. */
    void asFormedCluster(Runnable start) {
        formed = true;
        try {
            start.run();
        } finally {
            formed = false;
        }
    }

    // ---- the agent's hooks --------------------------------------------------------------------

    /** With quorum: coordinate, join or challenge for every shared group not yet settled here; {@code held} disks wait a round. */
    void reconcile(Set<String> held) {
        for (Group g : node.groups().all()) {
            if (g.shared() && !held.contains(g.disk())) reconcile(g);
        }
    }

    /**
     * Defender round (§1.4) for the volumes this node runs. A coordinator checks it still holds the
     * reservation and, with quorum ({@code scrub}), PREEMPTs non-members' keys; one that lost the
     * reservation takes the group offline here (event 1038). A member checks who coordinates and
     * scrubs as a registrant. Returns the disks whose coordination was lost.
     */
    List<String> defend(boolean scrub) {
        List<String> lost = new ArrayList<>();
        for (Group g : node.groups().onNode(node.name())) {
            if (!g.shared()) continue;
            if (!coordinating.contains(g.name())) {
                checkCoordinator(g, scrub);
                continue;
            }
            WsfcDefender.Defense d = defender.defend(g.disk(), scrub);
            if (d.verdict() != WsfcDefender.Verdict.LOST) continue;
            coordinating.remove(g.name());
            lost.add(g.disk());
            node.log("event 1038: Ownership of cluster shared volume '" + g.disk() + "' has been unexpectedly lost by this node ("
                    + (d.holder().equals(PrClient.NO_RESERVATION) ? "no reservation" : "reserved by key "
                    + WsfcKeys.describe(d.holder().key(), node)) + ")");
            node.takeOffline(g.name(), "coordination of '" + g.disk() + "' lost");
        }
        return lost;
    }

    /** {@code peer} left this node's view: a volume it coordinated pauses here [A]. Called before quorum is recounted. */
    void peerLeft(String peer) {
        for (Group g : node.groups().onNode(node.name())) {
            if (g.shared() && peer.equals(coordinatorOf.get(g.name()))) pause(g, peer);
        }
    }

    /** After a node left, with quorum: the coordinator scrubs its keys at once rather than at the next round. */
    void scrubNonMembersNow() {
        for (Group g : node.groups().onNode(node.name())) {
            if (!g.shared()) continue;
            if (coordinating.contains(g.name())) defender.scrubNonMembers(g.disk());
            else scrubAsMember(g);
        }
    }

    /**
     * A member's round: READ RESERVATION names the coordinator (it may have changed hands while this
     * node was hung); with none, or a non-member's, the volume pauses here. Then, with quorum, scrub.
     */
    private void checkCoordinator(Group g, boolean scrub) {
        PrClient.Holder holder = pr.readReservation(g.disk());
        if (holder == null) return;
        String holderNode = holder.equals(PrClient.NO_RESERVATION) ? null : WsfcKeys.nodeOf(holder.key(), node);
        String coordinator = coordinatorOf.get(g.name());
        if (holderNode == null || holderNode.equals(node.name()) || !node.view().contains(holderNode)) {
            pause(g, coordinator == null ? "(unknown)" : coordinator);
            return;
        }
        if (!holderNode.equals(coordinator)) {
            coordinatorOf.put(g.name(), holderNode);
            node.log("the coordinator of '" + g.name() + "' is now " + holderNode);
        }
        if (scrub) scrubAsMember(g);
    }

    /** A member running the volume PREEMPTs keys of nodes outside its view, never its coordinator's [A]. */
    private void scrubAsMember(Group g) {
        String coordinator = coordinatorOf.get(g.name());
        if (coordinator == null || !node.view().contains(coordinator)) return; // it pauses instead
        memberDefender.scrubNonMembers(g.disk(), WsfcKeys.keyOf(node.idOf(coordinator)));
    }

    /** The storage stack reported the disk lost (the node was scrubbed): the agent took the group offline. */
    void lost(Group g) {
        coordinating.remove(g.name());
        coordinatorOf.remove(g.name());
        registeredAt.remove(g.name());
    }

    /** Quorum is gone: challenges stop; the agent takes every group offline; keys stay registered. */
    void quorumLost() {
        for (WsfcChallenge c : challenges.values()) c.cancel();
        challenges.clear();
        coordinating.clear();
        coordinatorOf.clear();
        registeredAt.clear();
    }

    // ---- one volume ---------------------------------------------------------------------------

    private void reconcile(Group g) {
        if (challenges.containsKey(g.name())) return;
        if (node.groups().isOnline(g.name(), node.name())) {
            String coordinator = coordinatorOf.get(g.name());
            if (coordinating.contains(g.name()) || coordinator == null || node.view().contains(coordinator)) return;
            pause(g, coordinator);
        }
        PrClient.Holder holder = pr.readReservation(g.disk());
        if (holder == null) return; // no answer: try again next round
        String holderNode = holder.equals(PrClient.NO_RESERVATION) ? null : WsfcKeys.nodeOf(holder.key(), node);
        if (holder.key() == ownerKey && holderNode != null) {
            // Still the holder (quorum came back, or the node rebooted): the reservation never left, so
            // coordinate again - but first register the owner key on every path, as MPIO does: a path
            // that failed while the key was registered (or whose shared key was preempted) has no
            // registration, and a write down it would meet RESERVATION CONFLICT (SPC-4 §5.13.2, type 5).
            if (!pr.registerOnEveryPath(g.disk(), ownerKey)) {
                node.log("could not register key " + WsfcKeys.hex(ownerKey) + " on '" + g.disk() + "' to coordinate again");
                return;
            }
            coordinate(g, "coordinator of the shared volume (this node still holds the reservation)");
        } else if (holderNode != null && !holderNode.equals(node.name()) && node.view().contains(holderNode)) {
            join(g, holderNode);
        } else if (designatedCoordinator(g).equals(node.name())) {
            challenge(g);
        } else if (formed) {
            join(g, designatedCoordinator(g)); // it reserves when its own service starts at time 0
        }
    }

    /** The first coordinator when it is a member, else the member with the lowest id: every member picks the same. */
    private String designatedCoordinator(Group g) {
        if (node.view().contains(g.preferredOwner())) return g.preferredOwner();
        String best = null;
        for (String m : node.view().members()) if (best == null || node.idOf(m) < node.idOf(best)) best = m;
        return best;
    }

    /**
     * Registers the shared key on every path; the group comes online here once the key has stayed
     * registered for a DiskArbInterval, so the coordinator has had a round to count this node as a
     * member (it scrubs keys of non-members) [A]. A formed cluster joins at once.
     */
    private void join(Group g, String coordinator) {
        Long since = registeredAt.get(g.name());
        // Mounting a CSV is a handshake with its coordinator [A]: a coordinator that is still in the view
        // but has stopped heartbeating (hung) cannot admit a member, nor scrub one it never admitted.
        if (!formed && !coordinator.equals(node.name()) && node.heartbeatsMissed(coordinator) > 1) return;
        if (formed || (since != null && node.now() - since >= node.parameters().arbitrationInterval())) {
            List<Long> keys = formed ? null : pr.readKeys(g.disk());
            if (formed || (keys != null && keys.contains(sharedKey))) {
                if (formed && !pr.registerOnEveryPath(g.disk(), sharedKey)) {
                    node.log("could not register shared key " + WsfcKeys.hex(sharedKey) + " on '" + g.disk() + "'");
                    return;
                }
                registeredAt.remove(g.name());
                coordinatorOf.put(g.name(), coordinator);
                if (!formed) scrubAsMember(g);
                node.bringOnline(g.name(), "cluster shared volume: direct I/O with shared key " + WsfcKeys.hex(sharedKey)
                        + ", coordinated by " + coordinator);
                return;
            }
            if (keys == null) return;
            node.log("shared key " + WsfcKeys.hex(sharedKey) + " was removed from '" + g.disk() + "': registering it again");
        } else if (since != null) {
            return; // registered, waiting out the interval
        }
        if (!pr.registerOnEveryPath(g.disk(), sharedKey)) {
            node.log("could not register shared key " + WsfcKeys.hex(sharedKey) + " on '" + g.disk() + "'");
            return;
        }
        registeredAt.put(g.name(), node.now());
        node.log("registered shared key " + WsfcKeys.hex(sharedKey) + " on '" + g.disk() + "' to join " + g.name()
                + " (coordinated by " + coordinator + ")");
    }

    /** Arbitrates for the coordinator role with the failover rules (§1.4); a member holding it makes this node join instead. */
    private void challenge(Group g) {
        WsfcChallenge c = new WsfcChallenge(node, pr, ownerKey, g.disk(), true, provenSilent, new WsfcChallenge.Outcome() {
            @Override
            public void won(List<String> silenced) {
                challenges.remove(g.name());
                markSilent.accept(silenced);
                if (!node.hasQuorum() || node.groups().isOnline(g.name(), node.name())) return;
                coordinate(g, silenced.isEmpty() ? "coordinator of the shared volume"
                        : "took over coordination from " + String.join(", ", silenced) + " (key preempted)");
            }

            @Override
            public void heldByMember(String member) {
                challenges.remove(g.name());
                registeredAt.remove(g.name());
                join(g, member); // the challenge registered the owner key: the shared key replaces it
            }

            @Override
            public void lost(String why) {
                challenges.remove(g.name());
                node.log("cannot coordinate '" + g.name() + "': " + why);
            }
        });
        challenges.put(g.name(), c);
        c.start();
    }

    private void coordinate(Group g, String reason) {
        coordinating.add(g.name());
        coordinatorOf.remove(g.name());
        registeredAt.remove(g.name());
        // Nobody outside this node's view may still be writing when it starts to (§1.4 CSV variant).
        if (!formed) defender.scrubNonMembers(g.disk());
        node.bringOnline(g.name(), reason);
    }

    private void pause(Group g, String coordinator) {
        coordinatorOf.remove(g.name());
        node.takeOffline(g.name(), "cluster shared volume paused: its coordinator " + coordinator
                + " left this node's view; waiting for a new coordinator");
    }
}
