package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;

/** One command in flight at a logical unit: who sent it, what it is, and where it runs. */
public record CommandContext(LogicalUnit lu, ItNexus nexus, ScsiRequest request) {
    public byte[] cdb() { return request.cdb(); }

    public byte[] dataOut() { return request.dataOut(); }

    public int dataInCapacity() { return request.dataInCapacity(); }
}
