package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.target.LuOptions;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.BlockStore;

/**
 * One logical unit a target serves, numbered by its position in the target's list. {@code options}
 * says whether its medium is removable and/or write protected (null means a fixed, writable disk).
 */
public record LunDefinition(String name, BlockStore store, AptplStore aptpl, LuOptions options) {
    public LunDefinition {
        if (options == null) options = LuOptions.FIXED_WRITABLE;
    }

    /** A fixed, writable disk. */
    public LunDefinition(String name, BlockStore store, AptplStore aptpl) {
        this(name, store, aptpl, LuOptions.FIXED_WRITABLE);
    }
}
