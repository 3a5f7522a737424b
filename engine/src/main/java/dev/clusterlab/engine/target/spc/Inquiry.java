package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.copy.ThirdPartyCopyVpd;
import java.nio.charset.StandardCharsets;

/** INQUIRY (SPC-4 §6.6): standard data, or a VPD page when EVPD=1. */
public final class Inquiry {
    private Inquiry() {}

    static final int STANDARD_LENGTH = 96;
    /** Version descriptors claimed (SPC-4 Table 148): SAM-5, SPC-4, SBC-3. */
    private static final int[] VERSION_DESCRIPTORS = {0x00A0, 0x0460, 0x04C0};

    public static ScsiResponse inquiry(CommandContext ctx) {
        byte[] c = ctx.cdb();
        boolean evpd = Bytes.bit(c, 1, 0);
        int page = Bytes.u8(c, 2);
        int allocation = Bytes.u16(c, 3);
        if (!evpd) {
            // SPC-4 §6.6.1: EVPD=0 with a non-zero PAGE CODE is an invalid field.
            if (page != 0) throw CheckCondition.invalidFieldInCdb(2, -1);
            return CdbChecks.dataIn(ctx, standardData(ctx), allocation);
        }
        byte[] vpd = VpdPages.page(ctx, page);
        if (vpd == null) throw CheckCondition.invalidFieldInCdb(2, -1);
        return CdbChecks.dataIn(ctx, vpd, allocation);
    }

    /** Standard INQUIRY data (SPC-4 §6.6.2). */
    static byte[] standardData(CommandContext ctx) {
        LuIdentity id = ctx.lu().identity();
        byte[] d = new byte[STANDARD_LENGTH];
        d[0] = 0x00;                       // qualifier 000b (connected), type 00h direct access block device
        d[2] = 0x06;                       // VERSION: SPC-4
        d[3] = 0x12;                       // HISUP=1, RESPONSE DATA FORMAT=2
        d[4] = (byte) (STANDARD_LENGTH - 5); // ADDITIONAL LENGTH
        if (ThirdPartyCopyVpd.supported(ctx.lu().commands())) d[5] |= 0x08; // 3PC: EXTENDED COPY is served
        if (ctx.lu().targetPorts().size() > 1) d[6] = 0x10; // MULTIP: reached through several target ports
        d[7] = 0x02;                       // CMDQUE: full task management model
        ascii(d, 8, 8, id.vendor());
        ascii(d, 16, 16, id.product());
        ascii(d, 32, 4, id.revision());
        for (int i = 0; i < VERSION_DESCRIPTORS.length; i++) Bytes.put16(d, 58 + 2 * i, VERSION_DESCRIPTORS[i]);
        return d;
    }

    /** Left-aligned, space-padded ASCII (SPC-4 §4.4.1), cut to {@code width}. */
    static void ascii(byte[] d, int off, int width, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < width; i++) d[off + i] = i < b.length ? b[i] : (byte) ' ';
    }
}
