package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiResponse;

/** How a command step's result reads, for the run transcript and the lab window's console alike. */
public final class StepResultFormat {
    private StepResultFormat() {}

    /** The outcome in a line: {@code GOOD}, {@code CHECK CONDITION <sense>}, the hidden status of an I/O error, no path. */
    public static String outcome(IoOutcome outcome) {
        return switch (outcome) {
            case IoOutcome.Completed c -> c.status().label() + (c.response().sense() != null ? " " + c.response().sense() : "");
            case IoOutcome.IoError e -> "I/O error (the passthrough hid " + e.hidden() + ")";
            case IoOutcome.NoPath p -> "no path to the disk";
        };
    }

    /** PR IN answers and failed PR OUT results as sg_persist prints them; empty when there is nothing more to say. */
    public static String details(LabCommand cmd, IoOutcome outcome) {
        if (!(outcome instanceof IoOutcome.Completed c)) return "";
        ScsiResponse r = c.response();
        byte[] cdb = cmd.request().cdb();
        return switch (cmd.kind()) {
            case PR_IN -> r.isGood() ? SgPersistFormat.formatPrIn(PrInAction.fromCode(cdb[1] & 0x1F), r.dataIn()).stripTrailing() : "";
            case PR_OUT -> r.isGood() ? "" : SgPersistFormat.formatPrOut(PrOutAction.fromCode(cdb[1] & 0x1F), r).stripTrailing();
            case OTHER -> "";
        };
    }
}
