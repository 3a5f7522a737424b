package dev.clusterlab.bench;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.SplittableRandom;

/** 4 KiB READ(10)s (8 blocks of 512 bytes) from one nexus, at sequential or random 4 KiB-aligned LBAs. */
final class Read4k extends Workload {
    static final int BLOCKS_PER_READ = 8;
    static final int BYTES_PER_READ = BLOCKS_PER_READ * BenchLogicalUnits.BLOCK_SIZE;
    private static final int RANDOM_LBAS = 1 << 12;

    final LogicalUnit lu;
    private final ItNexus nexus;
    private final byte[] cdb = Cdbs.read10(0, BLOCKS_PER_READ);
    private final ScsiRequest read = ScsiRequest.dataIn(cdb, BYTES_PER_READ);
    private final long[] lbas; // null: sequential
    private final long slots = BenchLogicalUnits.BLOCK_COUNT / BLOCKS_PER_READ;
    private long next;

    Read4k(TimelineSink timeline, boolean random) {
        super(timeline);
        lu = BenchLogicalUnits.disk(timeline);
        nexus = BenchLogicalUnits.nexus(lu, 0);
        fill(lu);
        drainUnitAttentions(lu, nexus);
        if (random) {
            // Drawn up front with a fixed seed: same LBAs every run, no RNG on the measured path.
            SplittableRandom rnd = new SplittableRandom(20261126);
            lbas = new long[RANDOM_LBAS];
            for (int i = 0; i < RANDOM_LBAS; i++) lbas[i] = rnd.nextLong(slots) * BLOCKS_PER_READ;
        } else {
            lbas = null;
        }
    }

    /** Writes a pattern to every block, so reads copy real data rather than a sparse store's zeros. */
    private static void fill(LogicalUnit lu) {
        int blocksPerWrite = 256;
        byte[] pattern = new byte[blocksPerWrite * BenchLogicalUnits.BLOCK_SIZE];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) (i * 31 + 7);
        for (long lba = 0; lba < BenchLogicalUnits.BLOCK_COUNT; lba += blocksPerWrite) {
            lu.store().write(lba, blocksPerWrite, pattern, 0);
        }
    }

    @Override
    ScsiResponse step() {
        long lba = lbas != null ? lbas[(int) (next & (RANDOM_LBAS - 1))] : (next % slots) * BLOCKS_PER_READ;
        next++;
        Bytes.put32(cdb, 2, lba);
        return check(lu.execute(nexus, read), "READ(10)");
    }
}
