package dev.clusterlab.views.session;

import dev.clusterlab.engine.scenario.Step;

/**
 * Something the user did in the lab window, recorded so the session can be replayed after a fork
 * and saved as a scenario: at {@code at}, {@code text} in the scenario language (a command or a
 * fault, without its time), parsed as {@code step}.
 */
public record SessionAction(long at, String text, Step step) {}
