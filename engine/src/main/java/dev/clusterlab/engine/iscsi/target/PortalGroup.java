package dev.clusterlab.engine.iscsi.target;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A target portal group: the addresses a target is reached at under one tag (RFC 7143 §3.4.1).
 * Each portal group of a target is one SCSI target port, so reservations can tell them apart.
 *
 * @param tag the TargetPortalGroupTag (1..65535)
 * @param portals where it listens; port 0 picks a free port (tests)
 */
public record PortalGroup(int tag, List<InetSocketAddress> portals) {
    public PortalGroup {
        if (tag < 1 || tag > 0xFFFF) throw new IllegalArgumentException("portal group tag is 1..65535");
        if (portals.isEmpty()) throw new IllegalArgumentException("a portal group needs at least one portal");
        portals = List.copyOf(portals);
    }
}
