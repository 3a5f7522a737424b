package dev.clusterlab.engine.target;

/** Registers the SPC and SBC commands of a simulated disk. Placeholder, filled in by the SPC/SBC work. */
final class StandardCommands {
    private StandardCommands() {}

    static void registerAll(CommandTable table) {}
}
