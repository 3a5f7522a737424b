package dev.clusterlab.engine.iscsi.initiator;

/**
 * The outcome of login negotiation for one connection (RFC 7143 §13). Values the target did not
 * answer keep their RFC defaults (§13: a key not negotiated takes its default).
 *
 * @param targetMaxRecvDataSegmentLength the target's declared receive limit: no Data-Out or
 *     immediate data segment we send may exceed it (§13.12; default 8192)
 * @param ourMaxRecvDataSegmentLength what we declared: the largest data segment we accept
 */
public record SessionParameters(boolean headerDigest, boolean dataDigest, int targetMaxRecvDataSegmentLength,
                                int ourMaxRecvDataSegmentLength, int maxBurstLength, int firstBurstLength, boolean initialR2T,
                                boolean immediateData, int targetPortalGroupTag, int tsih) {}
