package dev.clusterlab.app.devices;

import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import java.nio.file.Path;

/**
 * One checked {@code clusterlab persist} invocation: exactly one of {@code prin} / {@code prout} is set.
 *
 * @param transportId the --transport-id bytes (a whole TransportID), or null
 * @param hex how many times -H was given; {@code verbose} likewise for -v
 * @param isid the --isid value, or null for the default
 */
public record PersistRequest(String device, PrInAction prin, PrOutAction prout, long reservationKey, long serviceActionKey,
                             int type, boolean allTgPt, boolean aptpl, boolean unreg, int relativeTargetPort, byte[] transportId,
                             int allocationLength, int hex, int verbose, boolean inquiry, String initiatorName, Long isid,
                             String arm, Path auditLog) {}
