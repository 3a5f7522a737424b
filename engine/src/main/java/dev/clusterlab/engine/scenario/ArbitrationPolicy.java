package dev.clusterlab.engine.scenario;

/** How nodes arbitrate for the shared disks (see reference/cluster-arbitration.md). */
public enum ArbitrationPolicy {
    /** WSFC with SPC-4 persistent reservations, type 5. */
    WSFC_PR("wsfc-pr"),
    /** Legacy MSCS with SCSI-2 RESERVE/RELEASE and bus-reset challenge. */
    MSCS_SCSI2("mscs-scsi2"),
    /** Pacemaker fence_scsi: register+reserve to unfence, PREEMPT AND ABORT to fence. */
    FENCE_SCSI("fence-scsi"),
    /** Veritas-style coordinator disks: race for a majority. */
    VERITAS("veritas");

    private final String fileName;

    ArbitrationPolicy(String fileName) { this.fileName = fileName; }

    /** The spelling used in scenario files. */
    public String fileName() { return fileName; }
}
