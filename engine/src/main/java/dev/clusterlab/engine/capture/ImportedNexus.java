package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scsi.ItNexus;

/**
 * An I_T nexus found in a capture: one iSCSI session's initiator port (name + ISID) and target
 * port (target name + portal group tag), RFC 7143 §4.4.2 / SPC-4 §7.6.4.6.
 *
 * @param portal the target's "address:port" as seen on the wire
 * @param tsih the session handle the target assigned (0 when the login is not in the capture)
 * @param loginTime nanoseconds after the first packet
 */
public record ImportedNexus(ItNexus nexus, String initiatorName, long isid, String targetName, String portal, int tsih,
                            long loginTime, boolean loginSeen) {}
