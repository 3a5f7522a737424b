package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.ClusterSimulation;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.cluster.storage.StorageFabric;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Evaluates one expectation against a running simulation: whether it holds now, and what was seen. */
final class ExpectationCheck {
    private ExpectationCheck() {}

    /** The outcome at the expectation's time. */
    static ScenarioRun.ExpectationResult evaluate(Expectation e, ClusterSimulation sim) {
        String observed;
        boolean held;
        switch (e.check()) {
            case Expectation.Owner o -> {
                List<String> running = running(sim, o.group());
                observed = running.isEmpty() ? o.group() + " runs nowhere" : o.group() + " runs on " + String.join(", ", running);
                if (sim.groups().group(o.group()).shared()) {
                    // A Cluster Shared Volume runs everywhere; its owner is its coordinator, the reservation holder (§1.7).
                    String holder = holderOf(sim, sim.groups().group(o.group()).disk());
                    held = o.node() == null ? running.isEmpty() : o.node().equals(holder) && running.contains(o.node());
                    observed += holder == null ? ", nobody coordinates it" : ", coordinated by " + holder;
                } else {
                    held = o.node() == null ? running.isEmpty() : running.equals(List.of(o.node()));
                }
            }
            case Expectation.Runs r -> {
                List<String> running = running(sim, r.group());
                held = running.contains(r.node());
                observed = running.isEmpty() ? r.group() + " runs nowhere" : r.group() + " runs on " + String.join(", ", running);
            }
            case Expectation.Holder h -> {
                String holder = holderOf(sim, h.disk());
                held = java.util.Objects.equals(holder, h.node());
                observed = holder == null ? h.disk() + " has no reservation" : h.disk() + " is reserved by " + holder;
            }
            case Expectation.MonitorSilent m -> {
                int n = sim.monitor().count();
                held = n == 0;
                observed = n + " integrity violation" + (n == 1 ? "" : "s");
            }
            case Expectation.Violations v -> {
                int n = sim.monitor().count();
                held = switch (v.comparison()) {
                    case EQUAL -> n == v.count();
                    case AT_LEAST -> n >= v.count();
                    case AT_MOST -> n <= v.count();
                };
                observed = n + " integrity violation" + (n == 1 ? "" : "s");
            }
            case Expectation.Member m -> {
                List<String> view = sim.cluster().membership(m.viewer()).members();
                held = view.contains(m.node());
                observed = m.viewer() + " sees " + String.join(", ", view);
            }
            case Expectation.Quorum q -> {
                boolean has = sim.node(q.node()).hasQuorum();
                held = has == q.hasQuorum();
                observed = q.node() + (has ? " has quorum" : " has no quorum");
            }
            case Expectation.State st -> {
                var state = sim.cluster().node(st.node()).state();
                held = state == st.state();
                observed = st.node() + " is " + state.name().toLowerCase(Locale.ROOT);
            }
        }
        return new ScenarioRun.ExpectationResult(e, held, observed);
    }

    /** The nodes running {@code group} that believe they still have its disk (a node told it lost it has stopped). */
    private static List<String> running(ClusterSimulation sim, String group) {
        List<String> running = new ArrayList<>();
        String disk = sim.groups().group(group).disk();
        for (String n : sim.groups().onlineNodes(group)) if (sim.node(n).storage().believesOwner(disk)) running.add(n);
        return running;
    }

    /** The node holding {@code disk}'s reservation (persistent or SPC-2), "node-a and node-b" for all-registrants types, or null. */
    static String holderOf(ClusterSimulation sim, String disk) {
        StorageFabric fabric = sim.fabric();
        SharedDisk d = fabric.disk(disk);
        ReservationSnapshot snap = d.reservationState();
        if (snap.spc2Holder() != null) return nodeName(fabric, snap.spc2Holder().initiator());
        List<String> holders = new ArrayList<>();
        for (ReservationSnapshot.Registrant r : snap.registrants()) {
            String n = nodeName(fabric, r.initiator());
            if (r.holder() && !holders.contains(n)) holders.add(n);
        }
        return holders.isEmpty() ? null : String.join(" and ", holders);
    }

    private static String nodeName(StorageFabric fabric, InitiatorPort port) {
        String n = fabric.nodeOf(port);
        return n == null ? port.displayName() : n;
    }
}
