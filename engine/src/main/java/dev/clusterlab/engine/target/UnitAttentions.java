package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ItNexus;

/** Placeholder: per-I_T-nexus unit attention queues. Filled in by the reservation work. */
public final class UnitAttentions {
    /** Removes and returns the oldest pending UA for {@code nexus} if {@code opcode} reports UAs, else null. */
    public AdditionalSense takeReportable(ItNexus nexus, int opcode) { return null; }

    /** Removes and returns the oldest pending UA (REQUEST SENSE), or null. */
    public AdditionalSense take(ItNexus nexus) { return null; }

    /**
     * Queues {@code sense} for every I_T nexus except {@code origin} (e.g. MODE PARAMETERS CHANGED
     * after MODE SELECT, SPC-4 §7.5.1). Placeholder added by the SPC/SBC command work; the
     * reservation work implements it.
     */
    public void queueForOthers(ItNexus origin, AdditionalSense sense) {}
}
