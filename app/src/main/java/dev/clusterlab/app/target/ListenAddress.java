package dev.clusterlab.app.target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One {@code --listen HOST:PORT}: an IPv4 address or host name, or an IPv6 address in brackets
 * ({@code [::1]:3260}), and a TCP port (0 lets the system pick one).
 */
public record ListenAddress(String host, int port) {
    /** RFC 7143 §13.1: the well-known iSCSI port. */
    public static final int ISCSI_PORT = 3260;

    public ListenAddress {
        if (host.isEmpty()) throw new IllegalArgumentException("a listen address needs a host");
        if (port < 0 || port > 0xFFFF) throw new IllegalArgumentException("port " + port + " is not 0..65535");
    }

    /** Parses {@code HOST:PORT} or {@code [IPV6]:PORT}. */
    public static ListenAddress parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':')
                throw new IllegalArgumentException("'" + text + "': expected [IPV6]:PORT, e.g. [::1]:3260");
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon)
                throw new IllegalArgumentException("'" + text + "': expected HOST:PORT, e.g. 127.0.0.1:3260 (IPv6 in brackets: [::1]:3260)");
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9'))
            throw new IllegalArgumentException("'" + text + "': the port must be a number 0..65535");
        return new ListenAddress(host, Integer.parseInt(port));
    }

    /** Resolves the host (a name may need DNS; an address literal does not). */
    public InetSocketAddress resolve() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    @Override
    public String toString() { return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port; }
}
