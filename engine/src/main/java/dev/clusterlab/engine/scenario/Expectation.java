package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.timeline.NodeState;

import java.time.Duration;

/** Something that must hold by time {@code by}; {@code line} points back into the file. */
public record Expectation(Duration by, Check check, int line) {

    public sealed interface Check {}

    /**
     * The group runs on {@code node} and nowhere else ({@code node} null: it runs nowhere); for a shared
     * group (CSV), {@code node} coordinates it (holds its disk's reservation) and runs it.
     */
    public record Owner(String group, String node) implements Check {}

    /** {@code node} runs the group (others may too). */
    public record Runs(String group, String node) implements Check {}

    /**
     * {@code disk}'s reservation is held through a path of {@code node} (a persistent reservation's
     * holder, or an SPC-2 RESERVE); {@code node} null: no reservation at all. This is the disk's truth,
     * not what a node believes.
     */
    public record Holder(String disk, String node) implements Check {}

    /** {@code node} believes it has quorum, or not. */
    public record Quorum(String node, boolean hasQuorum) implements Check {}

    /** {@code node} is in {@code state} (up, down, hung, isolated). */
    public record State(String node, NodeState state) implements Check {}

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
