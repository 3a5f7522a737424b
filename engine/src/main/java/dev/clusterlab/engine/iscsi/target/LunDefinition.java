package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.BlockStore;

/** One logical unit a target serves, numbered by its position in the target's list. */
public record LunDefinition(String name, BlockStore store, AptplStore aptpl) {}
