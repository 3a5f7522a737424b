package dev.clusterlab.engine.iscsi.target;

import java.net.SocketAddress;

/** What the target reports to its operator (the CLI prints these; the GUI shows them). */
public sealed interface TargetEvent {

    record Listening(SocketAddress address, String target, int portalGroupTag) implements TargetEvent {}

    record LoggedIn(String initiatorPort, String target, String sessionType, SocketAddress peer) implements TargetEvent {}

    record LoginFailed(String initiatorName, String target, String reason, SocketAddress peer) implements TargetEvent {}

    record LoggedOut(String initiatorPort, String target, String reason) implements TargetEvent {}

    /** The connection dropped without a logout: I_T nexus loss for every LU of the target. */
    record ConnectionLost(String initiatorPort, String target, String reason) implements TargetEvent {}

    record ProtocolError(String initiatorPort, String detail) implements TargetEvent {}
}
