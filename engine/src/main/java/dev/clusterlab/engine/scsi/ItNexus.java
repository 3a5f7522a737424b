package dev.clusterlab.engine.scsi;

/** An I_T nexus: the pair of one initiator port and one target port (SAM-5 §4.7). */
public record ItNexus(InitiatorPort initiator, TargetPort target) {

    @Override
    public String toString() { return initiator.displayName() + " -> " + target.name(); }
}
