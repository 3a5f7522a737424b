package dev.clusterlab.engine.device.guard;

import java.time.Instant;

/**
 * One line of the real-device audit log: a state-changing command that was refused, is about to be
 * sent, or came back. "sending" is written before the command leaves, so even a crash mid-command
 * leaves a trace of what was attempted.
 *
 * @param phase "refused", "sending" or "completed"
 * @param device the device URL or description
 * @param identity the device's identity when known (VPD 83h), else "unknown"
 * @param initiator the initiator port the command is sent as
 * @param command the command's name, e.g. "PERSISTENT RESERVE OUT REGISTER"
 * @param cdb the CDB in hex
 * @param parameters the data-out in hex (PR OUT parameter lists carry the keys), truncated to 64 bytes
 * @param outcome the reason for a refusal, the status for a completion, empty when sending
 */
public record AuditRecord(Instant time, String phase, String device, String identity, String initiator, String command,
                          String cdb, String parameters, String outcome) {}
