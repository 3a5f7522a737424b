package dev.clusterlab.bench.ui;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.Locale;

/**
 * Scenario text for the lab window's load benchmarks (issue 5, Performance): a WSFC cluster of
 * {@code nodes} single-path nodes under node-majority quorum, {@code disks} data disks each with a
 * resource group (owners spread round-robin), and a workload interval that sets the command rate.
 * One owner crashes mid-run so the picture also shows a failover, as a real session would.
 *
 * <p>Commands per simulated second are about {@code disks * 1 s / workloadInterval} (each online
 * group writes once per interval) plus the background PR traffic of arbitration and the path
 * checker; {@link #commandsPerSecond} measures the real rate from a timeline.
 */
public final class LoadScenario {
    private LoadScenario() {}

    /**
     * The scenario text; it runs until {@code endSeconds}. With {@code crashAtSeconds} > 0 the owner
     * of the first group crashes then (and restarts 30 s later if the scenario lasts that long).
     */
    public static String text(int nodes, int disks, String workloadInterval, int endSeconds, double crashAtSeconds) {
        if (nodes < 1 || disks < 1 || endSeconds < 1) throw new IllegalArgumentException("nodes, disks and end must be positive");
        StringBuilder s = new StringBuilder(4096);
        s.append("title: Load ").append(nodes).append(" nodes ").append(disks).append(" disks\n");
        s.append("description: Generated for the lab window benchmarks: ").append(disks)
                .append(" groups writing every ").append(workloadInterval).append(".\n");
        s.append("seed: 7\npolicy: wsfc-pr\nquorum: node-majority\n");
        s.append("param workload.interval=").append(workloadInterval).append('\n');
        for (int n = 1; n <= nodes; n++) s.append("node ").append(nodeName(n)).append('\n');
        s.append("network cluster latency=1ms\n");
        for (int d = 1; d <= disks; d++) s.append("disk ").append(diskName(d)).append(" size=1G\n");
        for (int d = 1; d <= disks; d++) {
            s.append("group g").append(d).append(" disk=").append(diskName(d))
                    .append(" owner=").append(nodeName(1 + (d - 1) % nodes)).append('\n');
        }
        if (crashAtSeconds > 0 && crashAtSeconds < endSeconds) {
            s.append(String.format(Locale.ROOT, "at %.3fs: crash %s%n", crashAtSeconds, nodeName(1)));
            if (crashAtSeconds + 30 < endSeconds) s.append(String.format(Locale.ROOT, "at %.3fs: restart %s%n", crashAtSeconds + 30, nodeName(1)));
        }
        s.append("expect by ").append(endSeconds).append("s: monitor silent\n");
        return s.toString();
    }

    public static Scenario parse(String text) {
        try {
            return ScenarioParser.parse("load.scenario", text);
        } catch (ScenarioSyntaxException e) {
            throw new IllegalStateException("generated scenario does not parse: " + e.getMessage(), e);
        }
    }

    public static String nodeName(int n) { return String.format(Locale.ROOT, "n%02d", n); }

    public static String diskName(int d) { return "d" + d; }

    /** CommandCompleted events per simulated second in [fromNanos, toNanos) of {@code timeline}. */
    public static double commandsPerSecond(Timeline timeline, long fromNanos, long toNanos) {
        if (toNanos <= fromNanos) throw new IllegalArgumentException("empty interval");
        int from = timeline.firstIndexAtOrAfter(fromNanos), to = timeline.firstIndexAtOrAfter(toNanos);
        long count = 0;
        for (int i = from; i < to; i++) if (timeline.get(i) instanceof TimelineEvent.CommandCompleted) count++;
        return count / ((toNanos - fromNanos) / 1e9);
    }
}
