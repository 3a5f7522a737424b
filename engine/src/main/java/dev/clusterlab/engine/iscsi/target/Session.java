package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.scsi.ItNexus;

/**
 * A logged-in session (one connection: MaxConnections=1). For a Normal session {@code nexus} is
 * the I_T nexus (initiator port {@code InitiatorName,i,0x<ISID>}, the portal group's target port);
 * a Discovery session has no target and no nexus.
 */
record Session(TargetRuntime target, int portalGroupTag, String initiatorName, long isid, int tsih, boolean discovery,
               ItNexus nexus, NegotiatedParameters parameters, SessionRegistry.SessionKey key) {

    String initiatorPortName() {
        return nexus != null ? nexus.initiator().displayName() : initiatorName + ",i,0x" + String.format("%012x", isid);
    }
}
