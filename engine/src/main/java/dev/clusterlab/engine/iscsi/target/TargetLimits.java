package dev.clusterlab.engine.iscsi.target;

/**
 * Bounds that keep a hostile or broken initiator from exhausting the target.
 *
 * @param maxSessions sessions across all targets
 * @param maxRecvDataSegmentLength the largest data segment we accept (declared at login)
 * @param maxTextLength the largest total of login or text key=value data, across continuation PDUs
 * @param queueDepth commands a session may have outstanding (the CmdSN window)
 * @param maxBurstLength the largest solicited burst we negotiate
 */
public record TargetLimits(int maxSessions, int maxRecvDataSegmentLength, int maxTextLength, int queueDepth,
                           int maxBurstLength) {
    public static final TargetLimits DEFAULT = new TargetLimits(64, 262_144, 65_536, 128, 1_048_576);
}
