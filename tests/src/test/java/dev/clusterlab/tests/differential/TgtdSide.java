package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.testing.Tgtd;
import java.net.InetSocketAddress;

/**
 * tgt's side of the differential run: a private tgtd on 127.0.0.1 in 3500-3599 (the shared
 * {@link Tgtd} fixture). Every sequence gets a new target (tid = sequence index + 1) with a new
 * backing file as LUN 1, so tgt's persistent reservation state, which lives per logical unit, starts
 * empty with generation 0; the target is deleted after the sequence.
 */
final class TgtdSide implements TargetSide {
    static final String IQN_PREFIX = "iqn.2026-11.dev.clusterlab.diff:tgt-seq-";
    private static final long LUN_BYTES = 1L << 20;

    private final Tgtd tgtd;

    private TgtdSide(Tgtd tgtd) { this.tgtd = tgtd; }

    /** Starts tgtd; throws AssertionError saying exactly what is missing when it cannot run here. */
    static TgtdSide start() throws Exception { return new TgtdSide(Tgtd.start(Ports.FIRST, Ports.LAST)); }

    @Override
    public String label() { return "tgt"; }

    @Override
    public InetSocketAddress address() { return tgtd.address(); }

    @Override
    public int lun() { return 1; }

    int port() { return tgtd.port(); }

    @Override
    public String freshTarget(int sequenceIndex) throws Exception {
        String iqn = IQN_PREFIX + sequenceIndex;
        tgtd.target(sequenceIndex + 1, iqn, LUN_BYTES);
        return iqn;
    }

    @Override
    public void retire(int sequenceIndex) throws Exception { tgtd.deleteTarget(sequenceIndex + 1); }

    @Override
    public void close() throws Exception { tgtd.close(); }
}
