package dev.clusterlab.engine.iscsi.target;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every connection shares: limits, the session registry, the operator's event sink and the
 * targets. Owned by the single child event loop, like the logical units.
 *
 * @param nopInterval milliseconds between target NOP-In pings on an idle connection; 0 disables them
 */
record ServerContext(TargetLimits limits, SessionRegistry registry, Consumer<TargetEvent> events,
                     List<TargetRuntime> targets, List<Portal> portals, long nopInterval) {

    /** A target reachable at a listening address under a portal group tag. */
    record Served(TargetRuntime target, int tag) {}

    /** One listening address (possibly shared by several targets' portal groups) and what it serves. */
    record Portal(InetSocketAddress configured, List<Served> served, InetSocketAddress[] bound) {
        InetSocketAddress address() { return bound[0] != null ? bound[0] : configured; }
    }

    void event(TargetEvent e) {
        try {
            events.accept(e);
        } catch (RuntimeException ignored) {
            // An operator's listener must not take a connection down.
        }
    }
}
