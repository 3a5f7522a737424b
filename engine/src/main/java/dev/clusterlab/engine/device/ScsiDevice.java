package dev.clusterlab.engine.device;

import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;

/**
 * One I_T nexus's view of one logical unit: what a cluster node's path issues commands to.
 * Implementations: simulated (in-process), iSCSI initiator, SG_IO.
 */
public interface ScsiDevice {

    ScsiResponse execute(ScsiRequest request);

    /** A short human description, e.g. "sim:disk1 as iqn.node-a,i,0x0001". */
    String describe();
}
