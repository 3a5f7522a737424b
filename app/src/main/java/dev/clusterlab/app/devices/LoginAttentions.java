package dev.clusterlab.app.devices;

import dev.clusterlab.engine.device.ScsiDevice;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.function.Consumer;

/**
 * Clears the unit attentions an iSCSI login itself causes, as the Linux SCSI midlayer does when it
 * scans a newly logged-in LUN — so our one-session-per-invocation tools answer like sg_persist does
 * on a host whose session stays up.
 *
 * <p>Each invocation logs in and out; a registered I_T nexus that logs out gets UNIT ATTENTION
 * 29h/07h I_T NEXUS LOSS OCCURRED (SPC-4 §5.14.2) at its next command, and a reset or power-on
 * 29h/xx likewise. Those belong to the session, not to what the user asked. Every other unit
 * attention (2Ah/03h RESERVATIONS PREEMPTED, 2Ah/04h RELEASED, 2Ah/05h REGISTRATIONS PREEMPTED ...)
 * carries news: TEST UNIT READY has consumed it, so it is handed back as the answer the user's
 * command would have received (a device server does not run a command that reports a unit attention,
 * SAM-5 §5.14, so nothing is lost by not sending it).
 */
final class LoginAttentions {
    private static final int ASC_RESET_OR_NEXUS_LOSS = 0x29;
    private static final int MAX_SWEEPS = 8;

    private LoginAttentions() {}

    /**
     * Sends TEST UNIT READY (read-only) until it reports no 29h unit attention.
     *
     * @param cleared told of each 29h condition cleared (for -v)
     * @return null, or the first other UNIT ATTENTION response, to be reported as the command's answer
     */
    static ScsiResponse clear(ScsiDevice device, Consumer<ScsiResponse> cleared) {
        for (int i = 0; i < MAX_SWEEPS; i++) {
            ScsiResponse r = device.execute(new ScsiRequest(Cdbs.testUnitReady(), null, 0));
            if (r.status() != ScsiStatus.CHECK_CONDITION || r.sense() == null || r.sense().key() != SenseKey.UNIT_ATTENTION) return null;
            if (r.sense().asc() != ASC_RESET_OR_NEXUS_LOSS) return r;
            cleared.accept(r);
        }
        return null;
    }
}
