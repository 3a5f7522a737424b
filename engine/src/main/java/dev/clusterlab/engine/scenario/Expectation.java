package dev.clusterlab.engine.scenario;

import java.time.Duration;

/** Something that must hold by time {@code by}; {@code line} points back into the file. */
public record Expectation(Duration by, Check check, int line) {

    public sealed interface Check {}

    /** The group is online on the node. */
    public record Owner(String group, String node) implements Check {}

    /** The data-integrity monitor has not fired. */
    public record MonitorSilent() implements Check {}

    /** The number of integrity violations compares to {@code count}. */
    public record Violations(Comparison comparison, long count) implements Check {}

    /** {@code node} is in {@code viewer}'s membership view. */
    public record Member(String node, String viewer) implements Check {}

    public enum Comparison {
        EQUAL("="), AT_LEAST(">="), AT_MOST("<=");

        private final String symbol;

        Comparison(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }
    }
}
