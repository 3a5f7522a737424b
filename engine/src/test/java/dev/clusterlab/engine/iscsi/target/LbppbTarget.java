package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.target.LuOptions;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * Starts a target by hand for libiscsi's LBPPB-dependent tests (WriteSame10/16.InvalidDataOutSize
 * and UnmapUnaligned, CompareAndWrite.InvalidDataOutSize skip unless a physical block holds more
 * than one logical block): {@code LbppbTarget PORT EXPONENT BLOCKS} serves
 * iqn.2026-11.dev.clusterlab:lbppb on 127.0.0.1 with one in-memory LUN of BLOCKS 512-byte blocks
 * and 2^EXPONENT logical blocks per physical block. Keep BLOCKS at most MAXIMUM WRITE SAME LENGTH:
 * WriteSame10.ZeroBlocks truncates larger counts to 16 bits.
 */
public final class LbppbTarget {
    private LbppbTarget() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int exponent = Integer.parseInt(args[1]);
        long blocks = Long.parseLong(args[2]);
        var lun = new LunDefinition("disk0", new MemoryBlockStore(512, blocks), AptplStore.NONE,
                LuOptions.FIXED_WRITABLE.withLogicalBlocksPerPhysicalBlockExponent(exponent));
        var group = new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", port)));
        var t = new TargetDefinition("iqn.2026-11.dev.clusterlab:lbppb", List.of(group), List.of(lun), null, null, Set.of());
        IscsiTargetServer server = IscsiTargetServer.start(List.of(t), TargetLimits.DEFAULT, TimelineSink.DISCARD, e -> {});
        System.out.println("listening on " + server.boundAddresses());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
