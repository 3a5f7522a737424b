package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.cluster.policy.PrClient;
import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A deliberately small, correct arbitration policy for property tests, in the spirit of fence_scsi
 * (cluster-arbitration.md §4.1): node majority over the membership view; the lowest-named node of a
 * view with quorum is its leader; for a group that no node of its view runs, the leader waits until
 * its view has not changed for longer than heartbeat detection (a node that has just been cut off
 * still counts its peers for that long, and would otherwise act on a quorum it no longer has; a wait
 * stretched by a hang starts over, since the view it would act on is stale), checks again, then registers (APTPL, on
 * every path), fences every node outside its view that still has a key with PREEMPT AND ABORT,
 * reserves WRITE EXCLUSIVE - REGISTRANTS ONLY if nobody holds a reservation, and only then brings
 * the group online. A node without quorum stops its groups; a node that learns it lost a disk stops
 * that disk's group. It re-evaluates on every callback and every two seconds.
 */
final class FencingTestPolicy implements ClusterAgent {
    static final int WERO = 5;
    private static final long RECHECK = 2 * HeartbeatSettings.SECOND;
    /** Heartbeat detection (WSFC defaults: 10 x 1 s) plus two heartbeat periods. */
    static final long SETTLE = HeartbeatSettings.WSFC_SAME_SUBNET.detectionNanos() + 2 * HeartbeatSettings.SECOND;

    private final NodeContext ctx;
    private final PrClient pr;
    private final Set<String> settling = new HashSet<>();
    /** Bumped at every view change: a settling wait that began under an older view is void. */
    private int viewEpoch;

    FencingTestPolicy(NodeContext ctx) {
        this.ctx = ctx;
        this.pr = new PrClient(ctx.storage());
    }

    static long keyOf(int nodeId) { return 0xF5C50000L + nodeId; }

    @Override
    public void start() {
        // A cluster formed at boot has nothing to settle: the leader arbitrates at once.
        for (ResourceGroups.Group g : ctx.groups().all()) {
            if (shouldTakeOver(g) && takeOver(g.disk())) ctx.bringOnline(g.name(), "arbitration won");
        }
        reconcile();
        ctx.every(RECHECK, RECHECK, this::reconcile);
    }

    @Override
    public void membershipChanged(String peer, MembershipChange change) {
        viewEpoch++;
        settling.clear();
        reconcile();
    }

    @Override
    public void diskLost(String disk, String reason) {
        for (ResourceGroups.Group g : ctx.groups().onNode(ctx.name())) {
            if (g.disk().equals(disk)) ctx.takeOffline(g.name(), "lost " + disk + ": " + reason);
        }
        reconcile();
    }

    @Override public void resumed() { reconcile(); }

    private void reconcile() {
        Membership view = ctx.view();
        QuorumRule rule = ctx.quorum();
        boolean quorum = rule.hasQuorum(view.size(), false);
        ctx.quorum(quorum, rule.votes(view.size(), false));
        if (!quorum) {
            for (ResourceGroups.Group g : ctx.groups().onNode(ctx.name())) ctx.takeOffline(g.name(), "lost quorum");
            return;
        }
        for (ResourceGroups.Group g : ctx.groups().all()) {
            if (shouldTakeOver(g) && settling.add(g.name())) settleThenTakeOver(g);
        }
    }

    private void settleThenTakeOver(ResourceGroups.Group g) {
        long due = ctx.now() + SETTLE;
        int epoch = viewEpoch;
        ctx.after(SETTLE, () -> {
            if (epoch != viewEpoch) return; // the view changed meanwhile; a fresh wait is under way if still needed
            if (ctx.now() > due) {
                settleThenTakeOver(g); // held by a hang: the view is stale, wait afresh
                return;
            }
            settling.remove(g.name());
            if (shouldTakeOver(g) && takeOver(g.disk())) ctx.bringOnline(g.name(), "arbitration won");
        });
    }

    /** This node leads a view with quorum in which nobody runs {@code g}. */
    private boolean shouldTakeOver(ResourceGroups.Group g) {
        Membership view = ctx.view();
        return ctx.quorum().hasQuorum(view.size(), false) && view.members().get(0).equals(ctx.name()) && !runsInView(g, view);
    }

    private boolean runsInView(ResourceGroups.Group g, Membership view) {
        for (String n : ctx.groups().onlineNodes(g.name())) if (view.contains(n)) return true;
        return false;
    }

    private boolean takeOver(String disk) {
        long mine = keyOf(ctx.id());
        if (!registerOnEveryPath(disk, mine)) return false;
        List<Long> keys = pr.readKeys(disk);
        if (keys == null) return false;
        for (String n : ctx.nodeNames()) {
            long victim = keyOf(ctx.idOf(n));
            if (ctx.view().contains(n) || !keys.contains(victim)) continue;
            if (!pr.preempt(disk, mine, victim, WERO, true).isGood()) return false;
            ctx.fenced(n, disk, "PREEMPT AND ABORT of key 0x" + Long.toHexString(victim));
        }
        PrClient.Holder holder = pr.readReservation(disk);
        if (holder == null) return false;
        return holder != PrClient.NO_RESERVATION || pr.reserve(disk, mine, WERO).isGood();
    }

    /** REGISTER AND IGNORE EXISTING KEY with APTPL on every usable path, so a target restart keeps the fence. */
    private boolean registerOnEveryPath(String disk, long key) {
        byte[] params = Cdbs.prOutParameters(0, key, false, true);
        ScsiRequest register = ScsiRequest.dataOut(
                Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, params.length), params);
        boolean[] any = {false};
        ctx.storage().executeOnEveryPath(disk, register, (IoOutcome o) -> any[0] |= o.isGood());
        if (any[0]) ctx.storage().rememberKey(disk, key);
        return any[0];
    }
}
