package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.cluster.storage.NodeStorage;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;

/**
 * The SCSI-2 commands legacy MSCS's clusdisk.sys sends (reference/cluster-arbitration.md §2):
 * RESERVE(6) to take or keep a disk, RELEASE(6) on a clean shutdown. A SCSI-2 reservation belongs to
 * one I_T nexus and blocks every other nexus (SPC-2 §5.5.1); a reset drops it (SPC-4 §5.13.1).
 */
final class MscsReservations {
    private final NodeStorage storage;

    MscsReservations(NodeStorage storage) { this.storage = storage; }

    /**
     * RESERVE(6) down the path multipath uses (SPC-2 §7.21): GOOD for a free disk or the holder's own
     * nexus, RESERVATION CONFLICT otherwise. [A] As an MPIO DSM handles SCSI-2 reservations: when it
     * conflicts and the node has other paths, the reservation may sit on one of them (I/O failed over
     * and back), so RELEASE goes down every path (a GOOD no-op from a non-holder, SPC-2 §7.23) and the
     * RESERVE is retried once. Another node's reservation survives that and still conflicts.
     */
    IoOutcome reserve(String disk) {
        IoOutcome outcome = storage.execute(disk, ScsiRequest.noData(Cdbs.reserve6()));
        if (outcome.isGood() || storage.pathCount() < 2 || outcome instanceof IoOutcome.NoPath) return outcome;
        storage.executeOnEveryPath(disk, ScsiRequest.noData(Cdbs.release6()), released -> { });
        return storage.execute(disk, ScsiRequest.noData(Cdbs.reserve6()));
    }

    /**
     * [A] The DSM's repair after a write met RESERVATION CONFLICT: true only when the conflict came
     * from this node's own reservation on another path, that is when RESERVE conflicts, RELEASE down
     * every path frees the disk, and RESERVE then succeeds. A disk found free, or still held, is not
     * taken: someone else held it when the write was refused.
     */
    boolean reclaimFromOwnPath(String disk) {
        if (storage.pathCount() < 2) return false;
        IoOutcome first = storage.execute(disk, ScsiRequest.noData(Cdbs.reserve6()));
        if (first.isGood()) {
            release(disk);
            return false;
        }
        storage.executeOnEveryPath(disk, ScsiRequest.noData(Cdbs.release6()), released -> { });
        return storage.execute(disk, ScsiRequest.noData(Cdbs.reserve6())).isGood();
    }

    /** RELEASE(6) (SPC-2 §7.23): frees the disk when this nexus holds it, a GOOD no-op otherwise. */
    IoOutcome release(String disk) { return storage.execute(disk, ScsiRequest.noData(Cdbs.release6())); }
}
