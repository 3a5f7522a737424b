package dev.clusterlab.app.target;

import dev.clusterlab.engine.iscsi.target.ChapSecret;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.pr.FileAptplStore;
import dev.clusterlab.engine.target.store.BlockStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.target.store.SparseFileBlockStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated `clusterlab target` configuration: one target, one portal group per listen address
 * (tags 1, 2, ... in order), LUNs 0, 1, ... in order.
 *
 * @param lunBytes the size of each LUN in bytes, a multiple of {@link #BLOCK_SIZE}
 * @param stateDir where LUN images and APTPL state live; null keeps everything in memory (no APTPL)
 */
public record TargetConfig(String targetName, List<InetSocketAddress> portals, List<Long> lunBytes, Path stateDir,
                           ChapSecret chap, ChapSecret mutualChap, Set<String> allowedInitiators, TargetLimits limits) {
    public static final int BLOCK_SIZE = 512;

    public TargetConfig {
        portals = List.copyOf(portals);
        lunBytes = List.copyOf(lunBytes);
        allowedInitiators = Set.copyOf(allowedInitiators);
    }

    /** The portal groups: each listen address is its own group, so each is its own SCSI target port. */
    public List<PortalGroup> portalGroups() {
        List<PortalGroup> groups = new ArrayList<>(portals.size());
        for (int i = 0; i < portals.size(); i++) groups.add(new PortalGroup(i + 1, List.of(portals.get(i))));
        return groups;
    }

    /** The LU name of LUN {@code lun}; it seeds the LU's NAA identity and names its APTPL file. */
    public String luName(int lun) { return targetName + "/lun" + lun; }

    /** The image file of LUN {@code lun} under the state directory. */
    public Path lunImage(int lun) { return stateDir.resolve("lun-" + lun + ".img"); }

    /**
     * Opens the LUNs' stores and builds the target definition. The caller owns the stores until the
     * server has started (then the server closes them); {@link #closeStores} releases them otherwise.
     */
    public TargetDefinition openDefinition() throws IOException {
        if (stateDir != null) Files.createDirectories(stateDir);
        List<LunDefinition> luns = new ArrayList<>(lunBytes.size());
        try {
            for (int lun = 0; lun < lunBytes.size(); lun++) {
                long blocks = lunBytes.get(lun) / BLOCK_SIZE;
                BlockStore store = stateDir == null ? new MemoryBlockStore(BLOCK_SIZE, blocks)
                        : SparseFileBlockStore.open(lunImage(lun), BLOCK_SIZE, blocks);
                AptplStore aptpl = stateDir == null ? AptplStore.NONE : new FileAptplStore(stateDir, luName(lun));
                luns.add(new LunDefinition(luName(lun), store, aptpl));
            }
        } catch (RuntimeException e) {
            closeStores(luns);
            throw e;
        }
        return new TargetDefinition(targetName, portalGroups(), luns, chap, mutualChap, allowedInitiators);
    }

    /** Closes the stores of a definition the server never took over. */
    public static void closeStores(List<LunDefinition> luns) {
        for (LunDefinition l : luns) {
            try {
                l.store().close();
            } catch (RuntimeException ignored) {
                // Nothing was written through a server that never started; nothing to lose.
            }
        }
    }
}
