package dev.clusterlab.views.canvas;

import dev.clusterlab.engine.scsi.InitiatorPort;
import java.util.function.Function;

/** Names initiator ports the way the lab does: "node-a/p1", and the node "node-a". */
record PortNames(Function<InitiatorPort, String> pathOf) {

    /** "node-a/p1" for a lab port, else the port's own description. */
    String path(InitiatorPort port) {
        String path = pathOf.apply(port);
        return path != null ? path : String.valueOf(port);
    }

    /** The node the port belongs to, or null for a port that is not the lab's. */
    String node(InitiatorPort port) {
        String path = pathOf.apply(port);
        return path == null ? null : path.substring(0, path.indexOf('/'));
    }
}
