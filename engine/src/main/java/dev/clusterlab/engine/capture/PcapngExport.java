package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * A timeline as a pcapng capture of iSCSI over TCP that Wireshark and tshark decode down to the
 * SCSI command, PR service action, keys, type and status: one TCP stream per I_T nexus, the lab's
 * narration as packet comments. (Being written for issue 7.)
 */
public final class PcapngExport {
    private PcapngExport() {}

    /**
     * Writes {@code events} (a recorded timeline, in order) to {@code out}; {@code describe} names an
     * initiator port as the lab does ("node-a/p1"), or returns null.
     */
    public static void write(List<TimelineEvent> events, Function<InitiatorPort, String> describe, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("pcapng export is being written (issue 7)");
    }
}
