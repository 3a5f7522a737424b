package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.ClusterAgent;
import dev.clusterlab.engine.cluster.NodeContext;
import dev.clusterlab.engine.cluster.ResourceGroups;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pacemaker with the fence_scsi stonith agent (reference/cluster-arbitration.md §4.1 [S]):
 * corosync membership and votequorum decide who the cluster is; fencing cuts a departed node off
 * every shared data disk with PREEMPT AND ABORT; the watchdog's {@code fence_scsi_check} reboots a
 * node that finds its key gone.
 *
 * <ul>
 *   <li>Keys: {@link FenceScsiKeys} (md5 of the cluster name + node id). Every PR OUT uses type 5,
 *       Write Exclusive - Registrants Only (SPC-4 §5.13.10 / Table 212 [S: {@code -T 5}]).</li>
 *   <li>Unfence ("on", §4.1): once the node is in a quorate membership (at start, and after a
 *       reboot once it has rejoined), on every shared data disk: TEST UNIT READY on every path (clears
 *       unit attentions), REGISTER AND IGNORE EXISTING KEY on every path (each I_T nexus registers,
 *       SPC-4 §5.13.7), the disk recorded in the device list, RESERVE type 5 when READ RESERVATION
 *       reports none.</li>
 *   <li>Fence ("off", §4.1): when a member leaves the view of a quorate partition, the partition's
 *       lowest-id member, for each disk on which the victim's key is registered, sends PREEMPT AND
 *       ABORT with RK = its key and SARK = the victim's (SPC-4 §5.13.11.2.6: every nexus registered
 *       with that key is removed, once per device, fence-agents#594); then verifies that the key is
 *       gone and a reservation still exists. Only then does Pacemaker recover the victim's groups.</li>
 *   <li>Watchdog ({@code fence_scsi_check}, §4.1): every {@code watchdog.timeout} the node reads the
 *       keys of the devices it unfenced; if its key is registered on none, it reboots. No devices
 *       recorded yet: nothing to check (exit 0). A device that does not answer counts as not
 *       registered, as the agent's {@code get_registration_keys(fail=False)} returns no keys.</li>
 *   <li>Quorum: corosync votequorum, one vote per node, quorate with a strict majority; a node
 *       without quorum stops its resources (Pacemaker's default no-quorum-policy=stop).</li>
 * </ul>
 *
 * <p>Assumptions, labelled [A]:
 * <ul>
 *   <li>[A] Two-node clusters use votequorum's {@code two_node: 1} (which pcs sets for two nodes)
 *       with its implied {@code wait_for_all}: one node is quorate alone, but only after it has seen
 *       its peer since it booted. On a split both halves are quorate and both fence: the first
 *       PREEMPT AND ABORT wins, the loser's fails with RESERVATION CONFLICT (it is no longer
 *       registered) and its watchdog reboots it. The real agent re-registers its own key before
 *       preempting (so without a fence delay the last fencer could win); the simulator does not.</li>
 *   <li>[A] Shared devices are the DATA disks (no clvm/lvmlockd discovery). Stale registrations
 *       from a previous ISID are not handled: a simulated node's I_T nexuses keep their names
 *       across reboots.</li>
 *   <li>[A] A fencer whose PREEMPT fails and whose own key is gone everywhere knows it lost the
 *       race: it reports no quorum and stops its resources until its watchdog reboots it.</li>
 *   <li>[A] Fencing is immediate (no stonith delay); everyone who left at the same instant is dealt
 *       with in one decision, as corosync delivers one membership. Groups start on their preferred
 *       owners when the cluster forms at time 0; the DC (the partition's lowest id) recovers groups
 *       on itself, and only groups that run on no member and on no unfenced outsider; no failback.
 *       At every watchdog period the DC also fences outsiders nobody fenced since they left (it
 *       gained quorum after they did), once the partition has been quorate for Pacemaker's
 *       dc-deadtime (20 s), and starts groups that run nowhere. The resource state (which node runs
 *       what) is read from the CIB, here ResourceGroups.</li>
 *   <li>[A] The watchdog check runs with the node's service timers, so it is frozen while the node
 *       is hung and runs again when it resumes.</li>
 * </ul>
 */
public final class FenceScsiAgent implements ClusterAgent {
    /** PR type Write Exclusive - Registrants Only: registered nexuses may write, everyone may read. */
    static final int WRITE_EXCLUSIVE_REGISTRANTS_ONLY = 5;
    /** [A] Pacemaker's dc-deadtime default: how long a new quorum waits for nodes to join before fencing them. */
    static final long DC_DEADTIME = 20_000_000_000L;

    private final NodeContext node;
    private final PrClient pr;
    private final long key;
    /** The disks unfenced on, as fence_scsi's {@code .dev} file records them; the watchdog checks these. */
    private final List<String> devices = new ArrayList<>();
    /** Peers seen since boot, for votequorum's wait_for_all in two-node mode. */
    private final Set<String> seen = new HashSet<>();
    /** Nodes that left this node's view since the last settled membership, not yet dealt with. */
    private final Set<String> departed = new LinkedHashSet<>();
    /** Nodes out of this node's view that it has fenced (or found without a registration) since they left. */
    private final Set<String> fencedOutsiders = new HashSet<>();
    private boolean unfenced;
    private boolean quorate;
    private boolean settling;
    private long quorateSince;
    /** Its own key is gone: another node fenced it; it waits for its watchdog. */
    private boolean fencedByPeer;

    public FenceScsiAgent(NodeContext node) {
        this.node = node;
        this.pr = new PrClient(node.storage());
        this.key = FenceScsiKeys.key(node.id());
    }

    @Override
    public void start() {
        long watchdog = node.parameters().watchdogTimeout();
        node.every(watchdog, watchdog, this::watchdogCheck);
        seen.addAll(node.view().members());
        boolean formed = node.view().size() == node.nodeNames().size();
        evaluateQuorum();
        if (formed && unfenced) {
            for (ResourceGroups.Group g : node.groups().all()) {
                if (g.preferredOwner().equals(node.name())) startGroup(g, "Pacemaker: started on its preferred node");
            }
        }
    }

    @Override
    public void membershipChanged(String peer, MembershipChange change) {
        if (change == MembershipChange.JOINED) {
            seen.add(peer);
            departed.remove(peer);
            fencedOutsiders.remove(peer);
        } else {
            departed.add(peer);
        }
        evaluateQuorum();
        if (change == MembershipChange.REMOVED && !settling) {
            // corosync delivers one new membership for everyone who left at once: decide once they all have.
            settling = true;
            node.after(0, this::settle);
        }
    }

    @Override
    public void diskLost(String disk, String reason) {
        ResourceGroups.Group g = node.groups().onDisk(disk);
        if (g != null && node.groups().isOnline(g.name(), node.name())) {
            node.takeOffline(g.name(), "resource failed: " + disk + " " + reason);
        }
    }

    // ---- quorum ----------------------------------------------------------------------------------

    private void evaluateQuorum() {
        int visible = node.view().size();
        int total = node.nodeNames().size();
        boolean was = quorate;
        quorate = !fencedByPeer && (total == 2 ? seen.size() == total && visible >= 1 : 2 * visible > total);
        node.quorum(quorate, visible);
        if (!quorate) {
            for (ResourceGroups.Group g : node.groups().onNode(node.name())) {
                node.takeOffline(g.name(), "partition without quorum: resources stopped (no-quorum-policy=stop)");
            }
            return;
        }
        if (!was) quorateSince = node.now();
        if (!unfenced) unfence();
    }

    /** The partition's lowest-id member (the DC here) fences everyone who just left, then recovers. */
    private void settle() {
        settling = false;
        List<String> victims = new ArrayList<>();
        for (String d : departed) if (!node.view().contains(d)) victims.add(d);
        departed.clear();
        if (!actsForThePartition()) return;
        for (String victim : victims) {
            if (!fence(victim)) return;
            fencedOutsiders.add(victim);
        }
        recover(victims.isEmpty() ? "" : "after fencing " + String.join(", ", victims));
    }

    /**
     * Pacemaker's periodic transition, on the DC: nodes outside the partition that nobody fenced since
     * they left (it gained quorum after they did) are fenced once {@link #DC_DEADTIME} has passed, so
     * nodes that are just booting can join first; then stopped groups are started.
     */
    private void reconcile() {
        if (!actsForThePartition()) return;
        if (node.now() - quorateSince >= DC_DEADTIME) {
            for (String n : node.nodeNames()) {
                if (n.equals(node.name()) || node.view().contains(n) || fencedOutsiders.contains(n)) continue;
                if (!fence(n)) return;
                fencedOutsiders.add(n);
            }
        }
        recover("");
    }

    private boolean actsForThePartition() { return quorate && unfenced && !fencedByPeer && lowestInView(); }

    private boolean lowestInView() {
        for (String m : node.view().members()) if (node.idOf(m) < node.id()) return false;
        return true;
    }

    // ---- unfence ---------------------------------------------------------------------------------

    /** fence_scsi "on": TUR, REGISTER AND IGNORE on every path, record the device, RESERVE type 5 if none. */
    private void unfence() {
        List<String> done = new ArrayList<>();
        for (String disk : dataDisks()) {
            node.storage().executeOnEveryPath(disk, ScsiRequest.noData(Cdbs.testUnitReady()), outcome -> { });
            if (!registerOnEveryPath(disk)) {
                node.log("fence_scsi on: failed to register key " + FenceScsiKeys.format(key) + " on " + disk);
                continue;
            }
            if (!devices.contains(disk)) devices.add(disk);
            PrClient.Holder holder = pr.readReservation(disk);
            if (PrClient.NO_RESERVATION.equals(holder)) {
                IoOutcome o = pr.reserve(disk, key, WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
                if (!o.isGood()) node.log("fence_scsi on: RESERVE type 5 on " + disk + " -> " + o.inWords());
            }
            done.add(disk);
        }
        if (done.size() < dataDisks().size()) {
            // The agent exits 1: Pacemaker retries the unfencing (here at the next watchdog period).
            node.log("fence_scsi on: unfencing incomplete (" + done.size() + " of " + dataDisks().size() + " devices); will retry");
            return;
        }
        unfenced = true;
        node.log("unfenced: key " + FenceScsiKeys.format(key) + " registered on every path of " + String.join(", ", done));
    }

    // ---- fence -----------------------------------------------------------------------------------

    /**
     * fence_scsi "off" against {@code victim}: per disk, PREEMPT AND ABORT where its key is registered,
     * then the agent's verification (key gone, a reservation still there). On success Pacemaker
     * recovers what it ran.
     */
    private boolean fence(String victim) {
        long victimKey = FenceScsiKeys.key(node.idOf(victim));
        if (victimKey == key) return false; // "keys cannot be same. You can not fence yourself."
        node.log("fencing " + victim + ": fence_scsi off, key " + FenceScsiKeys.format(victimKey));
        int failed = 0;
        for (String disk : dataDisks()) {
            List<Long> before = pr.readKeysPatiently(disk);
            boolean preempted = false;
            if (before != null && before.contains(victimKey)) {
                node.storage().execute(disk, ScsiRequest.noData(Cdbs.testUnitReady()));
                IoOutcome o = pr.preemptPatiently(disk, key, victimKey, WRITE_EXCLUSIVE_REGISTRANTS_ONLY, true);
                preempted = o.isGood();
                if (!preempted) node.log("PREEMPT AND ABORT of " + FenceScsiKeys.format(victimKey) + " on " + disk + " -> " + o.inWords());
            }
            List<Long> after = pr.readKeysPatiently(disk);
            PrClient.Holder holder = pr.readReservation(disk);
            if (after == null || after.contains(victimKey)) {
                failed++;
                node.log("fence_scsi off: key " + FenceScsiKeys.format(victimKey) + " still registered on " + disk);
            } else if (holder == null || PrClient.NO_RESERVATION.equals(holder)) {
                failed++;
                node.log("fence_scsi off: no reservation exists on " + disk);
            } else if (preempted) {
                node.fenced(victim, disk, "PREEMPT AND ABORT of key " + FenceScsiKeys.format(victimKey) + " (fence_scsi off)");
            }
        }
        if (failed > 0) {
            node.log("fencing " + victim + " failed on " + failed + " device(s): its resources stay where they are");
            if (ownKeyReadGoneEverywhere()) {
                // [A] Its PREEMPT was refused because its own key is gone: it lost the fence race.
                fencedByPeer = true;
                node.log("this node's key " + FenceScsiKeys.format(key) + " is gone: it has been fenced; resources stop until the watchdog reboots it");
                evaluateQuorum();
            }
            return false;
        }
        return true;
    }

    /**
     * [A] Pacemaker starts, here, every group that no member of the partition runs, once no outsider
     * that may still run it can write: an outsider whose key is registered on the group's disk (it
     * may have rebooted and unfenced where this node could not see it) is fenced first.
     */
    private void recover(String why) {
        for (ResourceGroups.Group g : node.groups().all()) {
            List<String> runners = node.groups().onlineNodes(g.name());
            boolean safe = true;
            for (String r : runners) safe &= !node.view().contains(r);
            if (!safe) continue;
            List<Long> keys = runners.isEmpty() ? List.of() : pr.readKeysPatiently(g.disk());
            if (keys == null) continue;
            for (String r : runners) {
                if (!keys.contains(FenceScsiKeys.key(node.idOf(r)))) continue;
                if (!fence(r)) return;
                fencedOutsiders.add(r);
            }
            startGroup(g, why.isEmpty() ? "Pacemaker: started (it ran nowhere)" : "Pacemaker: recovered " + why);
            if (!actsForThePartition()) return;
        }
    }

    private void startGroup(ResourceGroups.Group g, String reason) {
        if (!devices.contains(g.disk())) {
            node.log("cannot start " + g.name() + ": not unfenced on " + g.disk());
            return;
        }
        if (PrClient.NO_RESERVATION.equals(pr.readReservation(g.disk()))) {
            pr.reserve(g.disk(), key, WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
        }
        node.bringOnline(g.name(), reason);
    }

    // ---- watchdog --------------------------------------------------------------------------------

    /** fence_scsi_check: the key registered on any recorded device -> fine; on none -> reboot. */
    private void watchdogCheck() {
        if (devices.isEmpty() || registeredAnywhere()) {
            if (fencedByPeer && !devices.isEmpty()) {
                fencedByPeer = false; // its key is there after all (the devices did not answer before)
                evaluateQuorum();
            }
            if (quorate && !unfenced && !fencedByPeer) unfence();
            reconcile();
            return;
        }
        node.reboot("fence_scsi_check: key " + FenceScsiKeys.format(key) + " no longer registered on any device");
    }

    /**
     * REGISTER AND IGNORE EXISTING KEY down every usable path, as {@code sg_persist -n -o -I -S KEY}
     * with the agent's {@code -T 5}: the TYPE field is ignored for a registration (SPC-4 §6.16.1) but
     * fence_scsi sends 5 on every PR OUT. True if any path took it.
     */
    private boolean registerOnEveryPath(String disk) {
        byte[] params = Cdbs.prOutParameters(0, key, false, false);
        ScsiRequest register = ScsiRequest.dataOut(Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0,
                WRITE_EXCLUSIVE_REGISTRANTS_ONLY, params.length), params);
        boolean[] any = {false};
        node.storage().executeOnEveryPath(disk, register, outcome -> any[0] |= outcome.isGood());
        if (any[0]) node.storage().rememberKey(disk, key);
        return any[0];
    }

    /** True only when every recorded device answered READ KEYS and none lists this node's key. */
    private boolean ownKeyReadGoneEverywhere() {
        if (devices.isEmpty()) return false;
        for (String disk : devices) {
            List<Long> keys = pr.readKeysPatiently(disk);
            if (keys == null || keys.contains(key)) return false;
        }
        return true;
    }

    private boolean registeredAnywhere() {
        for (String disk : devices) {
            List<Long> keys = pr.readKeysPatiently(disk);
            if (keys != null && keys.contains(key)) return true;
        }
        return false;
    }

    private List<String> dataDisks() {
        List<String> out = new ArrayList<>();
        for (SharedDisk d : node.disks()) if (d.role() == DiskRole.DATA) out.add(d.name());
        return out;
    }
}
