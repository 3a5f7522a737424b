package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.ScsiResponse;

/** Executes one command after the logical unit has checked reservations and unit attentions. */
@FunctionalInterface
public interface CommandHandler {
    /** Returns the response, or throws {@link dev.clusterlab.engine.scsi.CheckCondition}. */
    ScsiResponse execute(CommandContext ctx);
}
