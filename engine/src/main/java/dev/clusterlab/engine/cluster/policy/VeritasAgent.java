package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.ResourceGroups;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.sim.EventHandle;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Veritas InfoScale / VCS I/O fencing (vxfen), reference/cluster-arbitration.md §6.2 [S].
 *
 * <ul>
 *   <li>Registration: every node registers its coordinator key ({@link VeritasKeys}) on every
 *       coordinator disk (an odd number, normally 3; nodes only register there) and its data key on
 *       every data disk, on every path (one registration per I_T nexus, SPC-4 §5.13.7). A group's
 *       owner holds a type 5 (Write Exclusive - Registrants Only) reservation on its data disk.</li>
 *   <li>Race: on a membership loss each sub-cluster's RACER, its lowest node id, PREEMPT AND ABORTs
 *       the departed nodes' keys on the coordinator disks in order (SPC-4 §5.13.11.2.6). Winning a
 *       majority of them (2 of 3) makes its sub-cluster the survivor: it fences the departed nodes'
 *       data keys the same way and takes over their groups. A racer that loses the majority panics
 *       and so does its sub-cluster: "Local cluster node ejected from cluster to prevent potential
 *       data corruption".</li>
 *   <li>Fairness: the smaller sub-cluster waits before racing, a delay drawn between
 *       {@code veritas.race-delay-min} and {@code veritas.race-delay-max} (vxfen_min/max_delay).</li>
 *   <li>Preexisting split brain: a booting node that finds keys of nodes outside its membership on
 *       the coordinator disks refuses to start fencing, and so to join.</li>
 * </ul>
 *
 * <p>Assumptions, labelled [A]:
 * <ul>
 *   <li>[A] Only a sub-cluster strictly larger than the departed set races at once; an equal one
 *       waits too, so a 1-1 split is decided by the two random delays.</li>
 *   <li>[A] There are no GAB messages between nodes: a non-racer learns its racer's verdict from the
 *       coordinator disks themselves, reading the keys once a second until a majority shows either
 *       its own key gone (the racer lost: panic) or the departed keys gone (the racer won). It
 *       races itself if its racer leaves its view meanwhile.</li>
 *   <li>[A] A PREEMPT AND ABORT answered with RESERVATION CONFLICT is examined with READ KEYS:
 *       the racer's own key gone means it was ejected from that disk; the victim's key already gone
 *       (nothing to preempt, SPC-4 §5.13.11.2.4 rule) still counts as a win.</li>
 *   <li>[A] Groups start on their preferred owners at time 0; the winner takes over every group
 *       its sub-cluster does not run; no failback. A node that finds its data registration
 *       preempted (RESERVATION CONFLICT on a write) stops that group and checks the coordinators.</li>
 *   <li>[A] A member reports quorum, except while a race is unresolved in a sub-cluster no larger
 *       than the departed set (which waits before racing): such a side has none until it wins.</li>
 *   <li>[A] A booting node joins once every node registered on the coordinator disks is in its
 *       membership, checked an arbitration interval after boot and at every join.</li>
 * </ul>
 */
public final class VeritasAgent implements ClusterAgent {
    /** The panic message vxfen prints on the losing side. */
    public static final String PANIC = "Local cluster node ejected from cluster to prevent potential data corruption";
    static final int WRITE_EXCLUSIVE_REGISTRANTS_ONLY = 5;
    /** [A] How often a non-racer reads the coordinator disks for its racer's verdict. */
    static final long VERDICT_POLL = 1_000_000_000L;

    private final NodeContext node;
    private final PrClient pr;
    private final long coordinatorKey;
    private final long dataKey;
    private final Set<String> departed = new LinkedHashSet<>();
    private boolean member;
    private boolean racing;
    private boolean refusalLogged;
    private EventHandle verdictPoll;
    private long verdictDeadline;

    public VeritasAgent(NodeContext node) {
        this.node = node;
        this.pr = new PrClient(node.storage());
        this.coordinatorKey = VeritasKeys.coordinatorKey(node.id());
        this.dataKey = VeritasKeys.dataKey(node.id());
    }

    @Override
    public void start() {
        if (node.coordinatorDisks().isEmpty()) {
            node.log("vxfen: no coordinator disks (role=coordinator): I/O fencing cannot start");
            reportQuorum();
            return;
        }
        long interval = node.parameters().arbitrationInterval();
        node.every(interval, interval, this::tick);
        if (node.view().size() == node.nodeNames().size() && register()) {
            for (ResourceGroups.Group g : node.groups().all()) {
                if (g.preferredOwner().equals(node.name())) startGroup(g, "VCS: online on its preferred node");
            }
            return;
        }
        reportQuorum();
    }

    /** [A] Every arbitration interval: a node outside the cluster tries to join; the lowest member starts stopped groups. */
    private void tick() {
        if (!member) {
            tryJoin();
        } else if (!racing && lowestInView()) {
            for (ResourceGroups.Group g : node.groups().all()) {
                if (node.groups().onlineNodes(g.name()).isEmpty()) startGroup(g, "VCS: started (it ran nowhere)");
                if (!member) return;
            }
        }
    }

    @Override
    public void membershipChanged(String peer, MembershipChange change) {
        if (!member) {
            reportQuorum();
            if (change == MembershipChange.JOINED) tryJoin();
            return;
        }
        if (change == MembershipChange.REMOVED) {
            departed.add(peer);
            if (!racing) {
                racing = true;
                node.after(0, () -> beginRace(false)); // every removal of this instant belongs to one race
            }
        } else if (departed.remove(peer) && departed.isEmpty()) {
            // [A] Back before any race removed it (it rebooted and registered again, or the cut healed
            // during the fairness delay): nothing is left to race for.
            racing = false;
            stopPolling();
        }
        reportQuorum();
    }

    @Override
    public void diskLost(String disk, String reason) {
        ResourceGroups.Group g = node.groups().onDisk(disk);
        if (g != null && node.groups().isOnline(g.name(), node.name())) {
            node.takeOffline(g.name(), "VCS: " + disk + " " + reason);
        }
        if (member) panicIfEjected();
    }

    @Override
    public void resumed() {
        if (member) panicIfEjected();
    }

    // ---- joining ---------------------------------------------------------------------------------

    /** §6.2 preexisting split brain check, then registration. */
    private void tryJoin() {
        if (member) return;
        List<String> outside = new ArrayList<>();
        int read = 0;
        for (String disk : node.coordinatorDisks()) {
            List<Long> keys = pr.readKeysPatiently(disk);
            if (keys == null) continue;
            read++;
            for (long k : keys) {
                int id = VeritasKeys.nodeOfCoordinatorKey(k, VeritasKeys.CLUSTER_ID);
                if (id <= 0 || id > node.nodeNames().size() || id == node.id()) continue;
                String other = node.nodeNames().get(id - 1);
                if (!node.view().contains(other) && !outside.contains(other)) outside.add(other);
            }
        }
        if (2 * read <= node.coordinatorDisks().size()) return; // cannot see a majority of the coordinator disks
        if (!outside.isEmpty()) {
            if (!refusalLogged) {
                node.log("vxfen: preexisting split brain: " + String.join(", ", outside) + " registered on the coordinator disks"
                        + " but not in this node's membership; fencing will not start");
                refusalLogged = true;
            }
            return;
        }
        register();
    }

    /** Registers everywhere; a member only with a majority of the coordinator disks. */
    private boolean register() {
        int registered = 0;
        for (String disk : node.coordinatorDisks()) if (pr.registerOnEveryPath(disk, coordinatorKey)) registered++;
        if (2 * registered <= node.coordinatorDisks().size()) {
            node.log("vxfen: could register on only " + registered + " of " + node.coordinatorDisks().size()
                    + " coordinator disks; fencing will not start");
            return false;
        }
        for (String disk : dataDisks()) pr.registerOnEveryPath(disk, dataKey);
        member = true;
        refusalLogged = false;
        departed.clear();
        reportQuorum();
        node.log("vxfen: registered " + VeritasKeys.text(coordinatorKey) + " on the coordinator disks and "
                + VeritasKeys.text(dataKey) + " on the data disks");
        return true;
    }

    // ---- the race --------------------------------------------------------------------------------

    /** Racer or not; {@code onItsOwn}: no verdict came from the racer within the window, race anyway [A]. */
    private void beginRace(boolean onItsOwn) {
        if (!member || departed.isEmpty()) {
            racing = false;
            reportQuorum();
            return;
        }
        if (!lowestInView() && !onItsOwn) {
            node.log("vxfen: lost " + String.join(", ", departed) + "; waiting for racer " + racer() + "'s verdict");
            verdictDeadline = node.now() + node.parameters().veritasRaceDelayMax() + VERDICT_POLL;
            if (verdictPoll == null) verdictPoll = node.every(VERDICT_POLL, VERDICT_POLL, this::pollVerdict);
            return;
        }
        int mine = node.view().size();
        int theirs = departed.size();
        long delay = 0;
        if (mine <= theirs) {
            // [A] drawn in whole milliseconds, so the transcript shows the instant exactly
            long ms = 1_000_000L;
            long lo = (node.parameters().veritasRaceDelayMin() + ms - 1) / ms;
            delay = ms * node.random("race-delay").uniform(lo, Math.max(lo, node.parameters().veritasRaceDelayMax() / ms));
        }
        node.log("vxfen: RACER for " + node.view().members() + " against " + departed + (delay == 0
                ? ": the larger sub-cluster races at once"
                : ": the smaller sub-cluster waits " + seconds(delay) + " before racing"));
        node.after(delay, this::race);
    }

    /** PREEMPT AND ABORT the departed keys on each coordinator disk in order; a majority wins. */
    private void race() {
        if (!member || departed.isEmpty()) {
            racing = false;
            reportQuorum();
            return;
        }
        List<String> victims = new ArrayList<>(departed);
        List<String> coordinators = node.coordinatorDisks();
        int won = 0;
        for (String disk : coordinators) if (raceOn(disk, victims)) won++;
        if (2 * won <= coordinators.size()) {
            panic("vxfen: lost the race: won " + won + " of " + coordinators.size() + " coordinator disks");
            return;
        }
        node.log("vxfen: won the race: " + won + " of " + coordinators.size() + " coordinator disks; fencing "
                + String.join(", ", victims) + " off the data disks");
        Set<String> fencedDisks = fenceDataDisks(victims);
        takeOver(victims, fencedDisks);
        departed.removeAll(victims);
        racing = false;
        stopPolling();
        reportQuorum();
        if (!departed.isEmpty()) {
            racing = true;
            node.after(0, () -> beginRace(false));
        }
    }

    /** One coordinator disk: true when every departed key is gone from it and this node's key is still there. */
    private boolean raceOn(String disk, List<String> victims) {
        boolean won = true;
        for (String victim : victims) {
            long victimKey = VeritasKeys.coordinatorKey(node.idOf(victim));
            IoOutcome o = pr.preemptPatiently(disk, coordinatorKey, victimKey, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, true);
            if (o.isGood()) {
                node.fenced(victim, disk, "PREEMPT AND ABORT of coordinator key " + VeritasKeys.text(victimKey) + " (race)");
                continue;
            }
            List<Long> keys = pr.readKeysPatiently(disk);
            if (keys == null || !keys.contains(coordinatorKey)) {
                node.log("vxfen: coordinator disk " + disk + ": PREEMPT AND ABORT -> " + o.inWords()
                        + "; this node's key " + VeritasKeys.text(coordinatorKey) + " is gone: disk lost");
                return false;
            }
            if (keys.contains(victimKey)) won = false;
        }
        return won;
    }

    /** PREEMPT AND ABORT the victims' data keys; returns the data disks verified free of them. */
    private Set<String> fenceDataDisks(List<String> victims) {
        Set<String> fenced = new LinkedHashSet<>();
        for (String disk : dataDisks()) {
            List<Long> keys = pr.readKeysPatiently(disk);
            if (keys == null) {
                node.log("vxfen: cannot read the keys of " + disk + ": its groups stay where they are");
                continue;
            }
            if (!keys.contains(dataKey)) pr.registerOnEveryPath(disk, dataKey);
            for (String victim : victims) {
                long victimKey = VeritasKeys.dataKey(node.idOf(victim));
                if (!keys.contains(victimKey)) continue;
                IoOutcome o = pr.preemptPatiently(disk, dataKey, victimKey, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, true);
                if (o.isGood()) node.fenced(victim, disk, "PREEMPT AND ABORT of data key " + VeritasKeys.text(victimKey));
                else node.log("vxfen: PREEMPT AND ABORT of " + VeritasKeys.text(victimKey) + " on " + disk + " -> " + o.inWords());
            }
            List<Long> after = pr.readKeysPatiently(disk);
            boolean clean = after != null;
            for (String victim : victims) clean &= after != null && !after.contains(VeritasKeys.dataKey(node.idOf(victim)));
            if (clean) fenced.add(disk);
        }
        return fenced;
    }

    /** [A] The winner runs every group that ran only on the nodes it just fenced, or nowhere, on a disk it fenced. */
    private void takeOver(List<String> victims, Set<String> fencedDisks) {
        for (ResourceGroups.Group g : node.groups().all()) {
            if (!fencedDisks.contains(g.disk()) || !victims.containsAll(node.groups().onlineNodes(g.name()))) continue;
            startGroup(g, "VCS: failed over after the fencing race against " + String.join(", ", victims));
            if (!member) return;
        }
    }

    private void startGroup(ResourceGroups.Group g, String reason) {
        List<Long> keys = pr.readKeysPatiently(g.disk());
        if (keys == null) return;
        if (!keys.contains(dataKey)) {
            if (panicIfEjected()) return; // its data key was preempted because it was ejected
            pr.registerOnEveryPath(g.disk(), dataKey);
        }
        if (PrClient.NO_RESERVATION.equals(pr.readReservation(g.disk()))) {
            pr.reserve(g.disk(), dataKey, WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
        }
        node.bringOnline(g.name(), reason);
    }

    // ---- the non-racer's wait --------------------------------------------------------------------

    /** [A] The verdict, read from the coordinator disks: own key gone -> panic; departed keys gone -> done. */
    private void pollVerdict() {
        if (!racing || !member) {
            stopPolling();
            return;
        }
        int n = node.coordinatorDisks().size();
        int ejected = 0;
        int decided = 0;
        for (String disk : node.coordinatorDisks()) {
            List<Long> keys = pr.readKeysPatiently(disk);
            if (keys == null) continue;
            if (!keys.contains(coordinatorKey)) {
                ejected++;
                continue;
            }
            boolean anyLeft = false;
            for (String d : departed) anyLeft |= keys.contains(VeritasKeys.coordinatorKey(node.idOf(d)));
            if (!anyLeft) decided++;
        }
        if (2 * ejected > n) {
            panic("vxfen: the racer of this sub-cluster lost: this node's key is gone from " + ejected + " of " + n
                    + " coordinator disks");
        } else if (2 * decided > n) {
            node.log("vxfen: racer " + racer() + " won the race; " + String.join(", ", departed) + " fenced");
            departed.clear();
            racing = false;
            stopPolling();
            reportQuorum();
        } else if (lowestInView() || node.now() >= verdictDeadline) {
            stopPolling();
            beginRace(true); // the racer left this node's view, or never raced: race on its own
        }
    }

    private void stopPolling() {
        if (verdictPoll != null) verdictPoll.cancel();
        verdictPoll = null;
    }

    /** Panics when this node's coordinator key is gone from a majority; true if it did. */
    private boolean panicIfEjected() {
        int n = node.coordinatorDisks().size();
        int ejected = 0;
        for (String disk : node.coordinatorDisks()) {
            List<Long> keys = pr.readKeysPatiently(disk);
            if (keys != null && !keys.contains(coordinatorKey)) ejected++;
        }
        if (2 * ejected <= n) return false;
        panic("vxfen: this node's key is gone from " + ejected + " of " + n + " coordinator disks");
        return true;
    }

    private void panic(String why) {
        node.log(why);
        stopPolling();
        member = false;
        reportQuorum();
        node.reboot(PANIC);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /**
     * [A] A registered member has quorum, except while a race is unresolved in a sub-cluster no larger
     * than the departed set: the race, not the head count, settles its membership.
     */
    private void reportQuorum() {
        int visible = node.view().size();
        node.quorum(member && (!racing || visible > departed.size()), visible);
    }

    private boolean lowestInView() { return racer().equals(node.name()); }

    private String racer() {
        String best = node.name();
        for (String m : node.view().members()) if (node.idOf(m) < node.idOf(best)) best = m;
        return best;
    }

    private List<String> dataDisks() {
        List<String> out = new ArrayList<>();
        for (SharedDisk d : node.disks()) if (d.role() == DiskRole.DATA) out.add(d.name());
        return out;
    }

    /** "13.855 s": the delay is whole milliseconds. */
    private static String seconds(long nanos) {
        long ms = nanos / 1_000_000;
        String frac = Long.toString(ms % 1000);
        return ms / 1000 + "." + "0".repeat(3 - frac.length()) + frac + " s";
    }
}
