package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;

/**
 * One SCSI command rebuilt from a capture, with what the captured target answered. Times are
 * nanoseconds after the capture's first packet.
 *
 * @param lu "&lt;target name&gt;/&lt;lun&gt;"
 * @param status null when the capture holds no answer (the command was still running, or the answer was lost)
 * @param expectedLength the Expected Data Transfer Length of the SCSI Command PDU
 * @param residual underflow residual the target reported (0 when none)
 */
public record ImportedCommand(long commandId, long startTime, long endTime, ItNexus nexus, String lu, int lun, int itt,
                              int expectedLength, byte[] cdb, byte[] dataOut, ScsiStatus status, SenseData sense, byte[] dataIn, int residual) {
    public boolean answered() { return status != null; }
}
