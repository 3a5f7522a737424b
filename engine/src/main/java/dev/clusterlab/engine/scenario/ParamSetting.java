package dev.clusterlab.engine.scenario;

import java.time.Duration;

/** One {@code param} setting; {@code value} is nanoseconds for durations, the number for counts. */
public record ParamSetting(ScenarioParameter parameter, long value) {

    public Duration duration() { return Duration.ofNanos(value); }
}
