package dev.clusterlab.views.session;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.TransportId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names the initiator ports of a session that has no scenario (a live target, a foreign trace) the way
 * the lab names its simulated nodes: one node per initiator (an iSCSI name's last part,
 * {@code iqn.1991-05.com.microsoft:node1.corp.local} -> {@code node1}), one path per initiator port
 * of that node, {@code p1}, {@code p2}, ... in order of first appearance. Not thread-safe.
 */
final class PortNaming {
    private final Map<InitiatorPort, String> pathOf = new HashMap<>();
    private final Map<String, String> nodeOfInitiator = new HashMap<>(); // initiator name -> node
    private final Map<String, List<InitiatorPort>> portsOfNode = new LinkedHashMap<>();

    /** "node/pN" for {@code port}, naming it now if it is new. */
    String describe(InitiatorPort port) {
        String known = pathOf.get(port);
        if (known != null) return known;
        String initiator = initiatorName(port);
        String node = nodeOfInitiator.computeIfAbsent(initiator, this::freshNodeName);
        List<InitiatorPort> ports = portsOfNode.computeIfAbsent(node, k -> new ArrayList<>());
        ports.add(port);
        String name = node + "/p" + ports.size();
        pathOf.put(port, name);
        return name;
    }

    /** The node {@code port} belongs to (naming it now if new). */
    String nodeOf(InitiatorPort port) {
        String d = describe(port);
        return d.substring(0, d.indexOf('/'));
    }

    /** The nodes seen so far with how many ports each has, in order of first appearance. */
    Map<String, Integer> nodes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<InitiatorPort>> e : portsOfNode.entrySet()) out.put(e.getKey(), e.getValue().size());
        return out;
    }

    private static String initiatorName(InitiatorPort port) {
        return port.transportId() instanceof TransportId.Iscsi i ? i.name() : port.displayName();
    }

    private String freshNodeName(String initiator) {
        String base = shortName(initiator);
        String name = base;
        for (int n = 2; nodeOfInitiator.containsValue(name); n++) name = base + "-" + n;
        return name;
    }

    /** The part of an initiator name a person would call the machine. */
    static String shortName(String initiator) {
        String s = initiator;
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && colon < s.length() - 1) {
            s = s.substring(colon + 1);
            int dot = s.indexOf('.');
            if (dot > 0) s = s.substring(0, dot); // a host name: its first label
        }
        s = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return s.isEmpty() ? "initiator" : s;
    }
}
