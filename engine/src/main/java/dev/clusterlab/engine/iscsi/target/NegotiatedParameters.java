package dev.clusterlab.engine.iscsi.target;

/**
 * The outcome of login negotiation that the full feature phase uses (RFC 7143 §13).
 *
 * @param initiatorMaxRecvDataSegmentLength the largest data segment we may send (the initiator's declaration)
 * @param maxBurstLength the largest solicited burst (R2T length, Data-In sequence)
 * @param firstBurstLength the most unsolicited data (immediate plus Data-Out) per command
 */
record NegotiatedParameters(boolean headerDigest, boolean dataDigest, int initiatorMaxRecvDataSegmentLength,
                            int maxBurstLength, int firstBurstLength, boolean initialR2T, boolean immediateData) {

    /** RFC 7143 §13 defaults, before any key is exchanged. */
    static NegotiatedParameters defaults(int maxBurstLimit) {
        return new NegotiatedParameters(false, false, 8192, Math.min(262_144, maxBurstLimit),
                Math.min(65_536, maxBurstLimit), true, true);
    }
}
