package dev.clusterlab.engine.iscsi.initiator;

import java.util.List;

/**
 * One target from a SendTargets answer (RFC 7143 Appendix C): its name and the portals it gave.
 *
 * @param portals the TargetAddress values; empty means "the portal you asked" (§C: a target may omit it)
 */
public record DiscoveredTarget(String name, List<Portal> portals) {
    public DiscoveredTarget {
        portals = List.copyOf(portals);
    }

    /** {@code TargetAddress=host:port,tag} (§13.8); IPv6 hosts come in brackets and are kept without them. */
    public record Portal(String host, int port, int portalGroupTag) {
        static Portal parse(String value) {
            int comma = value.lastIndexOf(',');
            String hostPort = comma < 0 ? value : value.substring(0, comma);
            int tag = comma < 0 ? 1 : parseOr(value.substring(comma + 1), 1);
            String host = hostPort;
            int port = IscsiUrl.DEFAULT_PORT;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                host = close < 0 ? hostPort.substring(1) : hostPort.substring(1, close);
                if (close >= 0 && close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':')
                    port = parseOr(hostPort.substring(close + 2), IscsiUrl.DEFAULT_PORT);
            } else {
                int colon = hostPort.lastIndexOf(':');
                if (colon >= 0) {
                    host = hostPort.substring(0, colon);
                    port = parseOr(hostPort.substring(colon + 1), IscsiUrl.DEFAULT_PORT);
                }
            }
            return new Portal(host, port, tag);
        }

        private static int parseOr(String s, int fallback) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }
}
