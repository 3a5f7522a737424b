package dev.clusterlab.engine.cluster.policy;

import static dev.clusterlab.engine.cluster.policy.ReservationPolicyFixture.S;

import dev.clusterlab.engine.cluster.QuorumModel;
import dev.clusterlab.engine.cluster.RandomFaults;
import dev.clusterlab.engine.cluster.storage.DiskRole;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DebugRunTest {
    @Test
    void run() {
        String policy = System.getProperty("dbg.policy", "fence");
        long seed = Long.getLong("dbg.seed", 0);
        ReservationPolicyFixture f = switch (policy) {
            case "mscs" -> ReservationPolicyFixture.build(seed, MscsAgent::new, b -> {
                b.node("node-a", 2).node("node-b", 2);
                b.disk("quorum", ReservationPolicyFixture.DISK, DiskRole.DATA, Set.of());
                ReservationPolicyFixture.dataDisk(b, "data1");
                ReservationPolicyFixture.dataDisk(b, "data2");
                b.group("g1", "data1", "node-a");
                b.group("g2", "data2", "node-b");
                b.quorum(QuorumModel.DISK_ONLY, "quorum");
            });
            case "fence2" -> ReservationPolicyFixture.build(seed, FenceScsiAgent::new, b -> {
                b.node("node-a", 1).node("node-b", 1);
                ReservationPolicyFixture.dataDisk(b, "data1");
                b.group("g1", "data1", "node-b");
                ReservationPolicyFixture.nodeMajority(b);
            });
            case "veritas" -> ReservationPolicyFixture.build(seed, VeritasAgent::new, b -> {
                b.node("node-a", 1).node("node-b", 1).node("node-c", 1);
                for (String c : List.of("coord1", "coord2", "coord3")) ReservationPolicyFixture.coordinatorDisk(b, c);
                ReservationPolicyFixture.dataDisk(b, "data1");
                ReservationPolicyFixture.dataDisk(b, "data2");
                b.group("g1", "data1", "node-a");
                b.group("g2", "data2", "node-c");
                ReservationPolicyFixture.nodeMajority(b);
            });
            default -> ReservationPolicyFixture.build(seed, FenceScsiAgent::new, b -> {
                b.node("node-a", 2).node("node-b", 2).node("node-c", 2);
                ReservationPolicyFixture.dataDisk(b, "data1");
                ReservationPolicyFixture.dataDisk(b, "data2");
                b.group("g1", "data1", "node-a");
                b.group("g2", "data2", "node-c");
                ReservationPolicyFixture.nodeMajority(b);
            });
        };
        if (Boolean.getBoolean("dbg.custom")) {
            new ReservationPolicyProperties.NodeFault(0, 0, "node-a", 10).schedule(f);
        } else RandomFaults.schedule(f.sim, 15 * S, 40 * S, 240 * S);
        long probe = Long.getLong("dbg.probe", -1);
        if (probe > 0) f.at(probe, () -> {
            for (var d : f.sim.fabric().disks()) System.out.println("PROBE " + d.name() + " " + d.lu().reservations().snapshot().registrants().stream().map(r -> f.sim.fabric().describe(r.initiator()) + "=" + Long.toHexString(r.key()) + (r.holder() ? "*" : "")).toList());
        });
        f.runUntil(390 * S);
        Narrator n = new Narrator(f.sim.fabric()::describe, Narrator.Detail.STORY);
        for (TimelineEvent e : f.timeline.all()) {
            if (Boolean.getBoolean("dbg.all") && e instanceof TimelineEvent.CommandCompleted c2 && c2.time() > Long.getLong("dbg.from", 0) && c2.time() < Long.getLong("dbg.to", 0)) {
                Narrator.Line l = new Narrator(f.sim.fabric()::describe, Narrator.Detail.EVERYTHING).narrate(e);
                if (l != null) System.out.printf("%10.3f %-10s %s%n", l.time() / 1e9, l.actor(), l.text());
                continue;
            }
            if (e instanceof TimelineEvent.CommandStarted || e instanceof TimelineEvent.HeartbeatLost || e instanceof TimelineEvent.HeartbeatRestored) continue;
            if (e instanceof TimelineEvent.CommandCompleted c && c.status() == dev.clusterlab.engine.scsi.ScsiStatus.GOOD) {
                Narrator.Line l = n.narrate(e);
                if (l == null || l.text().contains("WRITE") || l.text().contains("READ KEYS") || l.text().contains("READ RESERVATION") || l.text().contains("RESERVE(6)")) continue;
            }
            Narrator.Line l = n.narrate(e);
            if (l != null) System.out.printf("%10.3f %-10s %s%n", l.time() / 1e9, l.actor(), l.text());
        }
        System.out.println("violations " + f.sim.monitor().violations());
        for (var g : f.sim.groups().all()) System.out.println(g.name() + " " + f.sim.groups().onlineNodes(g.name()));
    }
}
