package dev.clusterlab.engine.device.guard;

/** What the guard decides about one command for one device. */
public sealed interface GuardDecision {

    /** The command may be sent. */
    record Allowed(CommandRisk risk) implements GuardDecision {}

    /** The command must not reach the device; {@code reason} tells the user what to do about it. */
    record Refused(CommandRisk risk, String reason) implements GuardDecision {}
}
