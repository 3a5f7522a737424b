package dev.clusterlab.engine.cluster;

/**
 * The timings and counts arbitration policies use, in nanoseconds. Defaults are
 * reference/cluster-arbitration.md §7; entries marked [A] there are simulator assumptions.
 *
 * @param arbitrationInterval WSFC DiskArbInterval: the defender's period (3 s) [S]
 * @param challengeWait WSFC challenger's wait before PREEMPT, 2 x interval (6 s) [A]
 * @param quorumArbitrationMax WSFC QuorumArbitrationTimeMax (20 s) [S]
 * @param mscsChallengeReserve MSCS: RESERVE this long after the bus reset (7 s) [S]
 * @param mscsQuorumOnline MSCS: bring the quorum online this long after the reset (10 s) [S]
 * @param watchdogTimeout fence_scsi_check period: the watchdog test interval (5 s, as sbd's watchdog) [A]
 * @param veritasRaceDelayMin vxfen_min_delay (1 s) [S]
 * @param veritasRaceDelayMax vxfen_max_delay (60 s) [S]
 * @param workloadInterval a service's write period while online (1 s) [A]
 * @param multipathCheckInterval multipath path checker period (5 s) [A]
 * @param rebootTime how long a node takes to come back after a reboot (30 s) [A]
 */
public record ClusterParameters(long arbitrationInterval, long challengeWait, long quorumArbitrationMax,
                                long mscsChallengeReserve, long mscsQuorumOnline, long watchdogTimeout,
                                long veritasRaceDelayMin, long veritasRaceDelayMax, long workloadInterval,
                                long multipathCheckInterval, long rebootTime) {
    private static final long S = 1_000_000_000L;

    public static final ClusterParameters DEFAULTS =
            new ClusterParameters(3 * S, 6 * S, 20 * S, 7 * S, 10 * S, 5 * S, S, 60 * S, S, 5 * S, 30 * S);

    public ClusterParameters {
        long[] all = {arbitrationInterval, challengeWait, quorumArbitrationMax, mscsChallengeReserve, mscsQuorumOnline,
                watchdogTimeout, veritasRaceDelayMin, veritasRaceDelayMax, workloadInterval, multipathCheckInterval, rebootTime};
        for (long v : all) if (v <= 0) throw new IllegalArgumentException("cluster timings must be positive");
        if (veritasRaceDelayMax < veritasRaceDelayMin) throw new IllegalArgumentException("veritas race delay max < min");
    }
}
