package dev.clusterlab.engine.device;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;

/** A simulated logical unit seen through one I_T nexus. */
public record SimulatedDevice(LogicalUnit lu, ItNexus nexus) implements ScsiDevice {

    @Override
    public ScsiResponse execute(ScsiRequest request) { return lu.execute(nexus, request); }

    @Override
    public String describe() { return "sim:" + lu.name() + " as " + nexus.initiator().displayName(); }
}
