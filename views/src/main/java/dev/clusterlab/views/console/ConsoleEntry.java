package dev.clusterlab.views.console;

/**
 * One answer in the console's output: a headline ({@code 25.000 s  node-a/p1  node-a --read-keys data -> GOOD},
 * or the error message) and the lines under it (sg_persist's answer, or the command with a caret
 * under the offending column).
 */
public record ConsoleEntry(String headline, String details, boolean error) {

    /** The entry as the output area shows it. */
    public String text() { return details.isEmpty() ? headline : headline + "\n" + details; }
}
