package dev.clusterlab.tests.differential;

import java.net.InetSocketAddress;

/** One of the two targets under comparison, able to give every sequence a fresh logical unit. */
interface TargetSide extends AutoCloseable {
    String label();

    InetSocketAddress address();

    /** The LUN the sequences use (tgtd: 1, since its LUN 0 is the controller; ClusterLab: 0). */
    int lun();

    /** A target holding a logical unit no one has used yet (no registrations, generation 0); returns its name. */
    String freshTarget(int sequenceIndex) throws Exception;

    /** Called after the sequence's sessions are closed; frees what {@link #freshTarget} made. */
    void retire(int sequenceIndex) throws Exception;

    @Override
    void close() throws Exception;
}
