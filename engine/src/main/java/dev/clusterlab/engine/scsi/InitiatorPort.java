package dev.clusterlab.engine.scsi;

/**
 * An initiator port, named by its TransportID. Registrations belong to ports, not to sessions, so
 * an initiator that reconnects with the same name (and, on iSCSI, the same ISID) is the same port.
 */
public record InitiatorPort(TransportId transportId) {

    public static InitiatorPort iscsi(String iqn, long isid) { return new InitiatorPort(TransportId.Iscsi.port(iqn, isid)); }

    public static InitiatorPort fc(long wwpn) { return new InitiatorPort(new TransportId.FibreChannel(wwpn)); }

    public static InitiatorPort sas(long address) { return new InitiatorPort(new TransportId.Sas(address)); }

    public String displayName() { return transportId.displayName(); }

    @Override
    public String toString() { return displayName(); }
}
