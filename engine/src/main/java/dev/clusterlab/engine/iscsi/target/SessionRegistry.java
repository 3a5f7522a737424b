package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.scsi.ItNexus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sessions and connections of the whole server. Only the one child event loop touches it, so it
 * needs no locking. A Normal session is identified by (target, initiator name, ISID, portal group):
 * the same initiator port logging in again through the same target port reinstates it (RFC 7143
 * §6.3.5), which ends the old one as an I_T nexus loss.
 */
final class SessionRegistry {
    record SessionKey(String target, String initiatorName, long isid, int portalGroupTag) {}

    private final int maxSessions;
    private final Set<IscsiConnection> connections = new LinkedHashSet<>();
    private final Map<SessionKey, IscsiConnection> sessions = new HashMap<>();
    private final Map<ItNexus, IscsiConnection> byNexus = new HashMap<>();
    private final Set<Integer> tsihs = new java.util.HashSet<>();
    private int discoverySessions;
    private int nextTsih = 1;

    SessionRegistry(int maxSessions) { this.maxSessions = maxSessions; }

    void opened(IscsiConnection c) { connections.add(c); }

    void closed(IscsiConnection c) { connections.remove(c); }

    /** Connections beyond twice the session limit are refused at accept time (login floods). */
    boolean acceptsConnection() { return connections.size() < 2 * maxSessions + 2; }

    boolean hasRoomForSession() { return sessions.size() + discoverySessions < maxSessions; }

    IscsiConnection session(SessionKey key) { return sessions.get(key); }

    /** The connection serving {@code nexus}, or null. */
    IscsiConnection connection(ItNexus nexus) { return byNexus.get(nexus); }

    int allocateTsih() {
        for (int i = 0; i < 0x10000; i++) {
            int t = nextTsih;
            nextTsih = nextTsih == 0xFFFF ? 1 : nextTsih + 1; // TSIH 0 is reserved (RFC 7143 §11.12.6)
            if (tsihs.add(t)) return t;
        }
        throw new IllegalStateException("no free TSIH");
    }

    void registerNormal(SessionKey key, ItNexus nexus, IscsiConnection c) {
        sessions.put(key, c);
        byNexus.put(nexus, c);
    }

    void registerDiscovery() { discoverySessions++; }

    void unregister(SessionKey key, ItNexus nexus, int tsih, IscsiConnection c, boolean discovery) {
        if (discovery) discoverySessions--;
        if (key != null && sessions.get(key) == c) sessions.remove(key);
        if (nexus != null && byNexus.get(nexus) == c) byNexus.remove(nexus);
        tsihs.remove(tsih);
    }

    List<IscsiConnection> connections() { return new ArrayList<>(connections); }
}
