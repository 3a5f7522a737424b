package dev.clusterlab.engine.capture;

/**
 * One packet as a capture file stores it.
 *
 * @param timeNanos capture timestamp, nanoseconds since the epoch (pcapng: at the interface's resolution)
 * @param linkType the LINKTYPE_* value of the interface that captured it (tcpdump.org/linktypes.html)
 * @param frame the captured bytes (possibly shorter than on the wire when the snap length cut it)
 * @param originalLength the packet's length on the wire
 */
public record CapturedPacket(long timeNanos, int linkType, byte[] frame, int originalLength) {}
