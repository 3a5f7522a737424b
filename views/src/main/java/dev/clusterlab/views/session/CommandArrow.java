package dev.clusterlab.views.session;

/**
 * One completed command for the canvas: it flew from {@code node}'s path to {@code disk} at
 * {@code time} and ended with {@code outcome}; {@code summary} is the decoder's one-line name.
 */
public record CommandArrow(long time, String node, String path, String disk, String summary, Outcome outcome) {

    /** How a command ended, as the canvas colours it. */
    public enum Outcome { GOOD, RESERVATION_CONFLICT, CHECK_CONDITION, OTHER }
}
