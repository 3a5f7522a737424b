package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;

/** REPORT LUNS (SPC-4 §6.33). */
public final class ReportLuns {
    private ReportLuns() {}

    /** Largest LUN the flat space addressing method can carry (SAM-5 §4.7.7). */
    static final int MAX_FLAT_LUN = 0x3FFF;

    /**
     * SELECT REPORT 00h and 02h list every LU of the target; 01h lists well-known LUs, of which
     * there are none. LUNs that no single-level method can encode are left out.
     */
    public static ScsiResponse reportLuns(CommandContext ctx) {
        byte[] c = ctx.cdb();
        int select = Bytes.u8(c, 2);
        long allocation = Bytes.u32(c, 6);
        if (select > 2) throw CheckCondition.invalidFieldInCdb(2, -1);
        // SPC-4 §6.33: an ALLOCATION LENGTH below 16 is an invalid field.
        if (allocation < 16) throw CheckCondition.invalidFieldInCdb(6, -1);
        int[] luns = select == 1 ? new int[0] : ctx.lu().reportedLuns();
        int count = 0;
        for (int lun : luns) if (lun >= 0 && lun <= MAX_FLAT_LUN) count++;
        byte[] d = new byte[8 + 8 * count];
        Bytes.put32(d, 0, 8L * count);
        int off = 8;
        for (int lun : luns) {
            if (lun < 0 || lun > MAX_FLAT_LUN) continue;
            encodeLun(d, off, lun);
            off += 8;
        }
        return CdbChecks.dataIn(ctx, d, allocation);
    }

    /** Peripheral device addressing (00b) below 256, flat space (01b) above (SAM-5 §4.7.6-4.7.7). */
    static void encodeLun(byte[] d, int off, int lun) {
        if (lun < 256) {
            d[off + 1] = (byte) lun;
        } else {
            d[off] = (byte) (0x40 | (lun >>> 8));
            d[off + 1] = (byte) lun;
        }
    }
}
