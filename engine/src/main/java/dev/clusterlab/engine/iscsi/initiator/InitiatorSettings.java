package dev.clusterlab.engine.iscsi.initiator;

import java.time.Duration;

/**
 * What the initiator offers at login and how patient it is. The offers follow what libiscsi and
 * open-iscsi send (notes §1.4); the target's answers become the {@link SessionParameters}.
 *
 * @param digests offer CRC32C header and data digests (RFC 7143 §13.1); the target may still choose None
 * @param maxRecvDataSegmentLength our receive limit, declared to the target (§13.12)
 * @param maxBurstLength offered MaxBurstLength (§13.13)
 * @param firstBurstLength offered FirstBurstLength (§13.14)
 * @param initialR2T offer InitialR2T=Yes; No allows unsolicited Data-Out up to FirstBurstLength (§13.10)
 * @param immediateData offer ImmediateData=Yes (§13.11)
 * @param chap authenticate with CHAP-MD5 when non-null, otherwise AuthMethod=None
 * @param mutualChap when non-null (with {@code chap}), the target must prove itself with these
 * @param commandTimeout a command not answered in this time fails (and is aborted at the target)
 * @param loginTimeout connect + login (or logout) must finish in this time
 * @param keepAliveInterval send a NOP-Out ping after this much idle time and drop the connection
 *     when the ping goes unanswered for another interval; zero turns keepalive off
 * @param reconnect after a dropped connection, the next command logs in again (same ISID, TSIH 0)
 */
public record InitiatorSettings(boolean digests, int maxRecvDataSegmentLength, int maxBurstLength, int firstBurstLength,
                                boolean initialR2T, boolean immediateData, ChapCredentials chap, ChapCredentials mutualChap,
                                Duration commandTimeout, Duration loginTimeout, Duration keepAliveInterval, boolean reconnect) {
    public static final InitiatorSettings DEFAULT = new InitiatorSettings(false, 262_144, 262_144, 65_536, false, true,
            null, null, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ZERO, true);

    public InitiatorSettings {
        if (maxRecvDataSegmentLength < 512 || maxRecvDataSegmentLength > 0xFF_FFFF)
            throw new IllegalArgumentException("MaxRecvDataSegmentLength is 512..16777215 (RFC 7143 §13.12)");
        if (maxBurstLength < 512 || firstBurstLength < 512 || firstBurstLength > maxBurstLength)
            throw new IllegalArgumentException("burst lengths are >= 512 and FirstBurstLength <= MaxBurstLength (§13.13, §13.14)");
        if (mutualChap != null && chap == null) throw new IllegalArgumentException("mutual CHAP needs CHAP");
        if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero())
            throw new IllegalArgumentException("command timeout must be positive");
        if (loginTimeout == null || loginTimeout.isNegative() || loginTimeout.isZero())
            throw new IllegalArgumentException("login timeout must be positive");
        if (keepAliveInterval == null || keepAliveInterval.isNegative())
            throw new IllegalArgumentException("keepalive interval must not be negative");
    }

    public InitiatorSettings withDigests(boolean on) {
        return new InitiatorSettings(on, maxRecvDataSegmentLength, maxBurstLength, firstBurstLength, initialR2T, immediateData,
                chap, mutualChap, commandTimeout, loginTimeout, keepAliveInterval, reconnect);
    }

    public InitiatorSettings withChap(ChapCredentials ours, ChapCredentials target) {
        return new InitiatorSettings(digests, maxRecvDataSegmentLength, maxBurstLength, firstBurstLength, initialR2T,
                immediateData, ours, target, commandTimeout, loginTimeout, keepAliveInterval, reconnect);
    }

    public InitiatorSettings withDataOut(boolean initialR2T, boolean immediateData, int firstBurstLength, int maxBurstLength) {
        return new InitiatorSettings(digests, maxRecvDataSegmentLength, maxBurstLength, firstBurstLength, initialR2T,
                immediateData, chap, mutualChap, commandTimeout, loginTimeout, keepAliveInterval, reconnect);
    }

    public InitiatorSettings withMaxRecvDataSegmentLength(int bytes) {
        return new InitiatorSettings(digests, bytes, maxBurstLength, firstBurstLength, initialR2T, immediateData, chap,
                mutualChap, commandTimeout, loginTimeout, keepAliveInterval, reconnect);
    }

    public InitiatorSettings withTimeouts(Duration command, Duration login) {
        return new InitiatorSettings(digests, maxRecvDataSegmentLength, maxBurstLength, firstBurstLength, initialR2T,
                immediateData, chap, mutualChap, command, login, keepAliveInterval, reconnect);
    }

    public InitiatorSettings withKeepAlive(Duration interval) {
        return new InitiatorSettings(digests, maxRecvDataSegmentLength, maxBurstLength, firstBurstLength, initialR2T,
                immediateData, chap, mutualChap, commandTimeout, loginTimeout, interval, reconnect);
    }

    public InitiatorSettings withReconnect(boolean on) {
        return new InitiatorSettings(digests, maxRecvDataSegmentLength, maxBurstLength, firstBurstLength, initialR2T,
                immediateData, chap, mutualChap, commandTimeout, loginTimeout, keepAliveInterval, on);
    }
}
