package dev.clusterlab.engine.scenario;

import java.time.Duration;

/**
 * Tunable timings and counts a scenario may set with {@code param KEY=VALUE}. Defaults are those of
 * reference/cluster-arbitration.md §7; only these keys are accepted, so a typo is an error, not a
 * silently ignored setting.
 */
public enum ScenarioParameter {
    HEARTBEAT_DELAY("heartbeat.delay", Kind.DURATION, Duration.ofSeconds(1).toNanos()),
    HEARTBEAT_THRESHOLD("heartbeat.threshold", Kind.COUNT, 10),
    ARBITRATION_INTERVAL("arbitration.interval", Kind.DURATION, Duration.ofSeconds(3).toNanos()),
    CHALLENGE_WAIT("arbitration.challenge-wait", Kind.DURATION, Duration.ofSeconds(6).toNanos()),
    QUORUM_ARBITRATION_MAX("quorum.arbitration-max", Kind.DURATION, Duration.ofSeconds(20).toNanos()),
    MSCS_CHALLENGE_RESERVE("mscs.challenge-reserve", Kind.DURATION, Duration.ofSeconds(7).toNanos()),
    MSCS_QUORUM_ONLINE("mscs.quorum-online", Kind.DURATION, Duration.ofSeconds(10).toNanos()),
    WATCHDOG_TIMEOUT("watchdog.timeout", Kind.DURATION, Duration.ofSeconds(5).toNanos()),
    VERITAS_RACE_DELAY_MIN("veritas.race-delay-min", Kind.DURATION, Duration.ofSeconds(1).toNanos()),
    VERITAS_RACE_DELAY_MAX("veritas.race-delay-max", Kind.DURATION, Duration.ofSeconds(60).toNanos()),
    /** [A] How often a service writes to its data disk while online (the I/O the integrity monitor watches). */
    WORKLOAD_INTERVAL("workload.interval", Kind.DURATION, Duration.ofSeconds(1).toNanos()),
    /** [A] How often the multipath path checker retries failed paths (multipathd's polling_interval default). */
    MULTIPATH_CHECK_INTERVAL("multipath.check-interval", Kind.DURATION, Duration.ofSeconds(5).toNanos()),
    /** [A] How long a node takes to come back after a watchdog or fencing reboot. */
    REBOOT_TIME("node.reboot-time", Kind.DURATION, Duration.ofSeconds(30).toNanos());

    /** What a value means: nanoseconds for durations, a plain number for counts. */
    public enum Kind { DURATION, COUNT }

    private final String key;
    private final Kind kind;
    private final long defaultValue;

    ScenarioParameter(String key, Kind kind, long defaultValue) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
    }

    public String key() { return key; }

    public Kind kind() { return kind; }

    /** Nanoseconds for {@link Kind#DURATION}, the count for {@link Kind#COUNT}. */
    public long defaultValue() { return defaultValue; }
}
