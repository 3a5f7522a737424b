package dev.clusterlab.bench;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.TimelineSink;

/** The logical unit and initiators the benchmarks drive: one memory-backed disk, iSCSI initiators. */
final class BenchLogicalUnits {
    private BenchLogicalUnits() {}

    static final int BLOCK_SIZE = 512;
    /** 16 MiB: big enough that random reads miss the CPU caches, small enough to allocate per iteration. */
    static final long BLOCK_COUNT = 32_768;

    static LogicalUnit disk(TimelineSink timeline) {
        LuIdentity identity = new LuIdentity("CLUSTLAB", "BENCH DISK", "0001", "BENCH0001",
                new byte[] {0x60, 0x01, 0x40, 0x50, 0x00, 0x00, 0x00, 0x01});
        return LogicalUnit.builder("bench-disk")
                .identity(identity)
                .store(new MemoryBlockStore(BLOCK_SIZE, BLOCK_COUNT))
                .timeline(timeline)
                .build();
    }

    /** I_T nexus number {@code index} to the LU's first target port; each has its own initiator port. */
    static ItNexus nexus(LogicalUnit lu, int index) {
        InitiatorPort port = InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:bench-node-" + index, 0x23d0_0000_0000L + index);
        return new ItNexus(port, lu.targetPorts().get(0));
    }
}
