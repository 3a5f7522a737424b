package dev.clusterlab.engine.timeline;

/**
 * How a node's path to a shared disk passes SCSI status and sense up to the node (the KVM lesson of
 * issue 4): a virtualization layer that hides RESERVATION CONFLICT or unit attentions breaks
 * cluster arbitration. Lives with the event types that record it, like {@link NodeState}.
 */
public enum PassthroughMode {
    /** Status and sense reach the node unchanged, as with SG_IO passthrough (QEMU scsi-block since 2.7). */
    FAITHFUL,
    /**
     * The old QEMU scsi-block behaviour (data I/O through the host block layer): RESERVATION
     * CONFLICT becomes a generic I/O error and unit attentions are consumed below the node and vanish.
     */
    LOSSY
}
