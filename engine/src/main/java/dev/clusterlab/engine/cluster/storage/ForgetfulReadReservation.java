package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CommandHandler;

/**
 * {@link DiskQuirk#FORGETS_RESERVATION}: READ RESERVATION answers GOOD with the current PRgeneration
 * and an ADDITIONAL LENGTH of zero ("no reservation") whatever is held; every other PR IN service
 * action, and the enforcement of the reservation, stay correct. SPC-4 §6.15.3 requires the holder's
 * key, scope and type to be reported.
 */
final class ForgetfulReadReservation {
    private ForgetfulReadReservation() {}

    static CommandHandler wrap(CommandHandler real) {
        return ctx -> {
            byte[] cdb = ctx.request().cdb();
            ScsiResponse answer = real.execute(ctx);
            if ((cdb[1] & 0x1F) != PrInAction.READ_RESERVATION.code() || !answer.isGood() || answer.dataIn().length < 4) {
                return answer;
            }
            byte[] header = new byte[8];
            System.arraycopy(answer.dataIn(), 0, header, 0, 4); // PRgeneration, then ADDITIONAL LENGTH 0
            return ScsiResponse.good(header, ctx.request().dataInCapacity());
        };
    }
}
