package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.QuorumModel;

/** The quorum model and, for models that use one, the witness disk (null otherwise). */
public record QuorumSpec(QuorumModel model, String witnessDisk) {}
