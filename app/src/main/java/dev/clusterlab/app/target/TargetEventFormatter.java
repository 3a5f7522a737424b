package dev.clusterlab.app.target;

import dev.clusterlab.engine.iscsi.target.TargetEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** One line per {@link TargetEvent}, as `clusterlab target` prints them. */
public final class TargetEventFormatter {
    private TargetEventFormatter() {}

    public static String format(TargetEvent event) {
        return switch (event) {
            case TargetEvent.Listening e -> "listening on " + address(e.address()) + " for " + e.target()
                    + " (portal group " + e.portalGroupTag() + ")";
            case TargetEvent.LoggedIn e -> "login: " + e.initiatorPort() + " from " + address(e.peer()) + " to "
                    + e.target() + " (" + e.sessionType() + " session)";
            case TargetEvent.LoginFailed e -> "login failed: " + e.initiatorName() + " from " + address(e.peer())
                    + " to " + e.target() + ": " + e.reason();
            case TargetEvent.LoggedOut e -> "logout: " + e.initiatorPort() + " from " + e.target() + " (" + e.reason() + ")";
            case TargetEvent.ConnectionLost e -> "connection lost: " + e.initiatorPort() + " to " + e.target() + ": "
                    + e.reason() + " (I_T nexus loss)";
            case TargetEvent.ProtocolError e -> "protocol error: " + e.initiatorPort() + ": " + e.detail();
        };
    }

    /** {@code 127.0.0.1:3260} rather than InetSocketAddress's {@code /127.0.0.1:3260}. */
    public static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(a);
    }
}
