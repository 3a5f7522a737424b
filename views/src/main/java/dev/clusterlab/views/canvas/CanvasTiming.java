package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParameter;

/**
 * The scenario timings the canvas animates with: how often nodes send heartbeats (one pulse per
 * interval on every link) and how long a reboot takes (so a rebooting node can say when it is back).
 *
 * @param heartbeatNanos the scenario's {@code heartbeat.delay}
 * @param rebootNanos the scenario's {@code node.reboot-time}
 */
public record CanvasTiming(long heartbeatNanos, long rebootNanos) {

    /** The documented defaults (reference/cluster-arbitration.md §7): a heartbeat a second, 30 s reboots. */
    public static final CanvasTiming DEFAULT = new CanvasTiming(ScenarioParameter.HEARTBEAT_DELAY.defaultValue(),
            ScenarioParameter.REBOOT_TIME.defaultValue());

    public CanvasTiming {
        if (heartbeatNanos <= 0) throw new IllegalArgumentException("heartbeat interval must be positive: " + heartbeatNanos);
    }

    /** The scenario's timings; the defaults for null (a replayed trace or a live target has no scenario). */
    public static CanvasTiming of(Scenario scenario) {
        if (scenario == null) return DEFAULT;
        return new CanvasTiming(scenario.param(ScenarioParameter.HEARTBEAT_DELAY), scenario.param(ScenarioParameter.REBOOT_TIME));
    }
}
