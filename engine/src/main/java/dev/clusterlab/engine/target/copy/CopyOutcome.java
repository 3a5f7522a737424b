package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.scsi.SenseData;

/**
 * How an EXTENDED COPY command ended, as RECEIVE COPY RESULTS reports it (SPC-4 §6.18.2 COPY STATUS,
 * §6.18.5 FAILED SEGMENT DETAILS).
 *
 * @param segmentsProcessed segment descriptors completed
 * @param bytesTransferred bytes written to copy destinations
 * @param failure the CHECK CONDITION sense the command ended with, or null when it ended GOOD
 */
public record CopyOutcome(int segmentsProcessed, long bytesTransferred, SenseData failure) {
    public boolean succeeded() { return failure == null; }
}
