package dev.clusterlab.engine.timeline;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.TransportId;

/** Initiator ports from their display names ({@link TransportId#displayName()}), as traces and target events write them. */
public final class InitiatorPorts {
    private InitiatorPorts() {}

    /**
     * {@code iqn...,i,0x<ISID>} (an iSCSI initiator port), a bare iSCSI name, {@code fc.0x<WWPN>} or
     * {@code sas.0x<address>}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static InitiatorPort parse(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("an empty initiator port name");
        try {
            if (name.startsWith("fc.0x")) return InitiatorPort.fc(Long.parseUnsignedLong(name.substring(5), 16));
            if (name.startsWith("sas.0x")) return InitiatorPort.sas(Long.parseUnsignedLong(name.substring(6), 16));
            int i = name.lastIndexOf(",i,0x");
            if (i > 0) return InitiatorPort.iscsi(name.substring(0, i), Long.parseUnsignedLong(name.substring(i + 5), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a bad initiator port name: " + name);
        }
        return new InitiatorPort(TransportId.Iscsi.device(name));
    }
}
