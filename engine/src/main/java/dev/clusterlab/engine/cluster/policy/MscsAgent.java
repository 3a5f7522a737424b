package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.ResourceGroups;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Legacy MSCS (NT4 / 2000 / 2003): SCSI-2 RESERVE/RELEASE with the bus-reset challenge/defense,
 * reference/cluster-arbitration.md §2. The quorum disk (the scenario's witness, quorum model
 * disk-only) decides who the cluster is.
 *
 * <ul>
 *   <li>Defender (§2 step 3): every node re-issues RESERVE on every disk it owns (the quorum disk
 *       when it is the quorum owner, the data disks of its groups) every {@code arbitration.interval}
 *       (3 s), the "SCSI maintenance command". A node whose maintenance RESERVE fails shuts its
 *       cluster service down (§2 step 7): groups offline, no quorum.</li>
 *   <li>Challenger (§2 steps 4-6): a node whose view loses the quorum owner resets the bus at t0,
 *       which drops every SCSI-2 reservation, and RESERVEs the quorum disk at t0 +
 *       {@code mscs.challenge-reserve} (7 s). RESERVATION CONFLICT means a live defender re-reserved
 *       it meanwhile: the challenger stops its cluster service. GOOD makes it the quorum owner; at
 *       t0 + {@code mscs.quorum-online} (10 s) it brings the quorum online and takes every group no
 *       node of its view runs.</li>
 * </ul>
 *
 * <p>Assumptions, labelled [A]:
 * <ul>
 *   <li>[A] The cluster is formed at time 0 by its first node, which owns the quorum disk; every node
 *       brings its preferred groups online by RESERVEing their data disks.</li>
 *   <li>[A] Members that talk to the quorum owner report quorum with the quorum disk's one vote
 *       (disk only: the owner's vote is the cluster's); a node that lost the owner has none.</li>
 *   <li>[A] There is no regroup messaging between nodes: this models the classic two-node shared
 *       bus. A node that joins (after a reboot or a stopped service) probes the quorum disk with a
 *       RESERVE: a conflict means someone holds it, and the node joins through the lowest-id peer it
 *       sees (the owner in a two-node cluster); seeing nobody, or finding the disk free (then
 *       released again), it arbitrates as a forming node must: bus reset, RESERVE 7 s later.</li>
 *   <li>[A] A stopped cluster service is restarted after 60 s (the Service Control Manager's
 *       recovery action), and as soon as a peer reappears.</li>
 *   <li>[A] The quorum owner takes over a group that runs nowhere, and one whose nodes have all been
 *       out of its view for {@code mscs.quorum-online}, so a departed node's own challenge is decided
 *       first. A data disk still reserved by someone (a dead or hung holder) is arbitrated like the
 *       quorum disk: bus reset, RESERVE after {@code mscs.challenge-reserve}.</li>
 *   <li>[A] A node that resets the bus RESERVEs again at once the disks it owns, and the owner does
 *       not reset the bus for a data disk while another node still runs one of its own groups (that
 *       node has not yet found out it lost it): the reset would open the disk to it.</li>
 *   <li>[A] With several paths, a RESERVE that conflicts only because this node's own reservation
 *       sits on another path (I/O failed over and back) is repaired as an MPIO DSM does: RELEASE down
 *       every path, RESERVE again.</li>
 *   <li>[A] Which nodes run a group is read from the replicated cluster database (ResourceGroups).</li>
 * </ul>
 *
 * <p>What SCSI-2 cannot protect, and the simulator shows as it is: a reset, LU reset or path loss
 * releases a reservation (SPC-2 §5.5.1, SAM-5 §6.3), so a hung former owner that still issues I/O
 * writes unchecked until the owner's next maintenance RESERVE.
 */
public final class MscsAgent implements ClusterAgent {
    private static final long SECOND = 1_000_000_000L;
    /** [A] The Service Control Manager restarts a failed cluster service after a minute. */
    static final long SERVICE_RESTART_DELAY = 60 * SECOND;

    private enum State {
        /** In the cluster, the quorum disk owned by another node. */
        MEMBER,
        /** Reset the bus, waiting to RESERVE the quorum disk. */
        CHALLENGING,
        /** Won the quorum disk after a challenge; the quorum is not online yet. */
        ARBITRATED,
        /** Owns the quorum disk with the quorum online. */
        OWNER,
        /** Booted, waiting for its peers before probing the quorum disk. */
        JOINING,
        /** The cluster service stopped. */
        STOPPED
    }

    private final NodeContext node;
    private final MscsReservations scsi;
    private final String quorumDisk;
    private final Map<String, Long> departedAt = new HashMap<>();
    private final Map<String, String> lastRunner = new HashMap<>();
    private final Set<String> arbitrating = new HashSet<>();
    private State state = State.JOINING;
    private String owner;
    private long bootTime;
    private long lastBusReset = Long.MIN_VALUE / 2;
    /** Bumped at every state change: timers of an abandoned challenge or join do nothing. */
    private int epoch;

    public MscsAgent(NodeContext node) {
        this.node = node;
        this.scsi = new MscsReservations(node.storage());
        this.quorumDisk = node.witnessDisk();
    }

    @Override
    public void start() {
        bootTime = node.now();
        if (quorumDisk == null) {
            node.log("MSCS needs a quorum disk (quorum disk-only with witness=DISK): the cluster service cannot start");
            enter(State.STOPPED);
            return;
        }
        long interval = node.parameters().arbitrationInterval();
        node.every(interval, interval, this::maintain);
        if (node.view().size() == node.nodeNames().size()) {
            formAtStart();
        } else {
            enter(State.JOINING);
            int e = epoch;
            // Give the peers' heartbeats time to arrive before deciding between joining and forming.
            node.after(interval, () -> { if (e == epoch) join(); });
        }
    }

    /** [A] Time 0: the first node formed the cluster and owns the quorum disk; groups start on their preferred owners. */
    private void formAtStart() {
        String first = node.nodeNames().get(0);
        if (first.equals(node.name())) {
            IoOutcome o = scsi.reserve(quorumDisk);
            if (!o.isGood()) {
                node.log("RESERVE on quorum disk " + quorumDisk + " at formation: " + o.inWords());
                challenge();
                return;
            }
            owner = node.name();
            node.log("formed the cluster: RESERVE on quorum disk " + quorumDisk + " -> GOOD");
            enter(State.OWNER);
        } else {
            owner = first;
            enter(State.MEMBER);
        }
        for (ResourceGroups.Group g : node.groups().all()) {
            if (g.preferredOwner().equals(node.name())) arbitrateGroup(g);
        }
    }

    @Override
    public void membershipChanged(String peer, MembershipChange change) {
        noteRunners();
        if (change == MembershipChange.JOINED) {
            departedAt.remove(peer);
            if (state == State.STOPPED) join();
            return;
        }
        departedAt.put(peer, node.now());
        if (state == State.MEMBER && peer.equals(owner)) challenge();
    }

    @Override
    public void diskLost(String disk, String reason) {
        ResourceGroups.Group g = node.groups().onDisk(disk);
        if (g == null || !node.groups().isOnline(g.name(), node.name()) || state == State.STOPPED) return;
        // [A] The DSM moves a reservation held on another of this node's paths to the active one.
        if (scsi.reclaimFromOwnPath(disk)) {
            node.storage().claim(disk);
            return;
        }
        stopService("lost " + disk + " (" + reason + ")");
    }

    // ---- defender --------------------------------------------------------------------------------

    /** §2 step 3: the SCSI maintenance command, every arbitration interval, on every owned disk. */
    private void maintain() {
        noteRunners();
        int e = epoch;
        if (state == State.OWNER || state == State.ARBITRATED) {
            IoOutcome o = scsi.reserve(quorumDisk);
            if (!o.isGood()) {
                stopService("did not respond to a SCSI maintenance command: RESERVE on quorum disk " + quorumDisk
                        + " -> " + o.inWords());
                return;
            }
        }
        if (state != State.JOINING && state != State.STOPPED) { // a challenger keeps defending its own data disks
            for (ResourceGroups.Group g : node.groups().onNode(node.name())) {
                IoOutcome o = scsi.reserve(g.disk());
                if (e != epoch) return; // a lost disk stopped the service meanwhile
                if (!o.isGood()) {
                    stopService("did not respond to a SCSI maintenance command: RESERVE on " + g.disk() + " -> "
                            + o.inWords());
                    return;
                }
            }
        }
        if (state == State.OWNER) adoptGroups();
    }

    // ---- challenger ------------------------------------------------------------------------------

    /** §2 step 4: lost all communication with the owner (or forming with the disk held): reset the bus. */
    private void challenge() {
        String previous = owner;
        owner = null;
        enter(State.CHALLENGING);
        node.log((previous == null ? "forming the cluster" : "lost all communication with quorum owner " + previous)
                + ": challenging for quorum disk " + quorumDisk + " with a bus reset");
        resetBus(quorumDisk);
        int e = epoch;
        node.after(node.parameters().mscsChallengeReserve(), () -> { if (e == epoch) challengeReserve(previous); });
    }

    /** §2 step 5: 7 s after the reset a live defender has re-reserved the disk; a dead one has not. */
    private void challengeReserve(String previous) {
        IoOutcome o = scsi.reserve(quorumDisk);
        if (!o.isGood()) {
            stopService("RESERVE on quorum disk " + quorumDisk + " after the bus reset -> " + o.inWords()
                    + ": a live defender holds it");
            return;
        }
        owner = node.name();
        node.log("RESERVE on quorum disk " + quorumDisk + " after the bus reset -> GOOD: no defender, the quorum disk is mine");
        if (previous != null) node.fenced(previous, quorumDisk, "bus reset + RESERVE");
        enter(State.ARBITRATED);
        int e = epoch;
        long wait = node.parameters().mscsQuorumOnline() - node.parameters().mscsChallengeReserve();
        node.after(Math.max(0, wait), () -> { if (e == epoch) quorumOnline(); });
    }

    /** §2 step 6: 10 s after the reset the challenger brings the quorum online and takes all groups. */
    private void quorumOnline() {
        enter(State.OWNER);
        node.log("quorum disk " + quorumDisk + " online: taking over the groups");
        adoptGroups();
    }

    // ---- joining ---------------------------------------------------------------------------------

    /**
     * [A] Probes the quorum disk with RESERVE: held and a peer in view -> join through the peer; held
     * and nobody in view -> challenge; free -> RELEASE it again and arbitrate as a forming node must
     * (bus reset, RESERVE 7 s later), so that an owner that is merely slow gets its chance to defend.
     */
    private void join() {
        enter(State.JOINING);
        IoOutcome o = scsi.reserve(quorumDisk);
        if (o.isGood()) {
            scsi.release(quorumDisk);
            node.log("quorum disk " + quorumDisk + " is not reserved: arbitrating for it");
            challenge();
            return;
        }
        String sponsor = lowestPeer();
        if (sponsor == null) {
            node.log("RESERVE on quorum disk " + quorumDisk + " -> " + o.inWords() + " and no peer answers");
            challenge();
            return;
        }
        owner = sponsor;
        node.log("joined the cluster through " + sponsor + " (quorum disk " + quorumDisk + " is held)");
        enter(State.MEMBER);
    }

    private String lowestPeer() {
        String best = null;
        for (String m : node.view().members()) {
            if (m.equals(node.name())) continue;
            if (best == null || node.idOf(m) < node.idOf(best)) best = m;
        }
        return best;
    }

    // ---- groups ----------------------------------------------------------------------------------

    /**
     * [A] The owner takes every group that runs nowhere (its node crashed or stopped its service),
     * and every group whose nodes have all been out of its view for {@code mscs.quorum-online}, so
     * that a departed node's own challenge is decided first.
     */
    private void adoptGroups() {
        long settle = node.parameters().mscsQuorumOnline();
        for (ResourceGroups.Group g : node.groups().all()) {
            if (arbitrating.contains(g.disk())) continue;
            boolean adoptable = true;
            for (String r : node.groups().onlineNodes(g.name())) {
                if (node.view().contains(r) || node.now() - departedAt.getOrDefault(r, bootTime) < settle) adoptable = false;
            }
            if (adoptable) arbitrateGroup(g);
        }
    }

    /** RESERVE the group's data disk and bring it online; a held disk is arbitrated with a bus reset. */
    private void arbitrateGroup(ResourceGroups.Group g) {
        IoOutcome o = scsi.reserve(g.disk());
        if (o.isGood()) {
            online(g, node.now() - lastBusReset <= node.parameters().mscsQuorumOnline() ? "bus reset + RESERVE" : "RESERVE");
            return;
        }
        if (sharesAGroup() != null) {
            // [A] A reset would open this node's own disks to a node that still runs one of its groups
            // and has not yet found out it lost it: wait for it to stop (the next maintenance retries).
            return;
        }
        node.log("RESERVE on " + g.disk() + " -> " + o.inWords() + ": resetting the bus to arbitrate for "
                + g.name());
        arbitrating.add(g.disk());
        resetBus(g.disk());
        int e = epoch;
        node.after(node.parameters().mscsChallengeReserve(), () -> {
            arbitrating.remove(g.disk());
            if (e != epoch || runsInView(g)) return;
            IoOutcome again = scsi.reserve(g.disk());
            if (again.isGood()) online(g, "bus reset + RESERVE");
            else node.log("RESERVE on " + g.disk() + " after the bus reset -> " + again.inWords()
                    + ": a live defender keeps " + g.name());
        });
    }

    private boolean runsInView(ResourceGroups.Group g) {
        for (String r : node.groups().onlineNodes(g.name())) if (node.view().contains(r)) return true;
        return false;
    }

    /** Another node that still runs one of this node's groups, or null. */
    private String sharesAGroup() {
        for (ResourceGroups.Group mine : node.groups().onNode(node.name())) {
            for (String r : node.groups().onlineNodes(mine.name())) if (!r.equals(node.name())) return r;
        }
        return null;
    }

    /**
     * Resets the bus (every SCSI-2 reservation on it is dropped, SPC-4 §5.13.1) and at once RESERVEs
     * again what this node owns [A]: its own reset must not leave its disks open to a stale writer.
     */
    private void resetBus(String disk) {
        node.busReset(disk);
        lastBusReset = node.now();
        if (state == State.OWNER || state == State.ARBITRATED) scsi.reserve(quorumDisk);
        for (ResourceGroups.Group g : node.groups().onNode(node.name())) scsi.reserve(g.disk());
    }

    private void online(ResourceGroups.Group g, String how) {
        String victim = lastRunner.get(g.name());
        if (victim != null && !victim.equals(node.name())) node.fenced(victim, g.disk(), how);
        node.bringOnline(g.name(), "MSCS: " + g.disk() + " reserved (" + how + ")");
    }

    /** Remembers who ran each group, to name whom a takeover cut off (a crashed node's groups go offline with it). */
    private void noteRunners() {
        for (ResourceGroups.Group g : node.groups().all()) {
            List<String> runners = node.groups().onlineNodes(g.name());
            if (!runners.isEmpty()) lastRunner.put(g.name(), runners.get(0));
        }
    }

    // ---- service state ---------------------------------------------------------------------------

    /** §2 step 5 and 7: the cluster service stops: groups offline (their disks RELEASEd), no quorum. */
    private void stopService(String reason) {
        boolean heldQuorum = state == State.OWNER || state == State.ARBITRATED;
        owner = null;
        enter(State.STOPPED);
        node.log("cluster service stopping: " + reason);
        for (ResourceGroups.Group g : node.groups().onNode(node.name())) {
            node.takeOffline(g.name(), "MSCS cluster service stopped");
            scsi.release(g.disk()); // after the service stopped writing, so nobody sees it writable twice
        }
        if (heldQuorum) scsi.release(quorumDisk);
        int e = epoch;
        node.after(SERVICE_RESTART_DELAY, () -> { if (e == epoch) join(); });
    }

    private void enter(State next) {
        state = next;
        epoch++;
        boolean quorum = next == State.OWNER || next == State.MEMBER;
        node.quorum(quorum, quorum ? 1 : 0);
    }
}
