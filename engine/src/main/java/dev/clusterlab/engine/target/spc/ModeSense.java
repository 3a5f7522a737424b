package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.spc.ModeParameters.PageControl;
import dev.clusterlab.engine.target.store.BlockStore;

/** MODE SENSE(6) and MODE SENSE(10) (SPC-4 §6.13-6.14; header and block descriptors SPC-4 §7.5.4-7.5.5, SBC-3 §6.4). */
public final class ModeSense {
    private ModeSense() {}

    static final int ALL_PAGES = 0x3F, ALL_SUBPAGES = 0xFF;

    public static ScsiResponse modeSense(CommandContext ctx) {
        byte[] c = ctx.cdb();
        boolean ten = (c[0] & 0xFF) == Opcode.MODE_SENSE_10;
        boolean dbd = Bytes.bit(c, 1, 3);
        boolean llbaa = ten && Bytes.bit(c, 1, 4);
        int pc = Bytes.bits(c, 2, 6, 2);
        int pageCode = Bytes.bits(c, 2, 0, 6);
        int subpage = Bytes.u8(c, 3);
        int allocation = ten ? Bytes.u16(c, 7) : Bytes.u8(c, 4);
        // SPC-4 §6.13: PC=11b for a device server that cannot save parameters -> 39h/00h.
        if (pc == 3) throw new CheckCondition(SenseData.invalidField(AdditionalSense.SAVING_PARAMETERS_NOT_SUPPORTED, true, 2, 7));
        PageControl control = PageControl.values()[pc];
        ModePage[] pages = select(pageCode, subpage);

        ModeParameters mode = ctx.lu().state().mode();
        int header = ten ? 8 : 4;
        int descriptor = dbd ? 0 : llbaa ? 16 : 8;
        int length = header + descriptor;
        for (ModePage p : pages) length += p.length();
        byte[] d = new byte[length];
        if (ten) Bytes.put16(d, 0, length - 2);
        else d[0] = (byte) (length - 1);
        // Device-specific parameter (SBC-3 §6.4.1): WP=1 for hardware write protection or SWP;
        // DPOFUA=1, DPO and FUA are honoured.
        d[ten ? 3 : 2] = (byte) ((ctx.lu().state().writeProtected() ? 0x80 : 0) | 0x10);
        if (ten) {
            if (llbaa && descriptor > 0) d[4] = 0x01; // LONGLBA
            Bytes.put16(d, 6, descriptor);
        } else {
            d[3] = (byte) descriptor;
        }
        if (descriptor > 0 && control != PageControl.CHANGEABLE) blockDescriptor(d, header, descriptor == 16, ctx.lu().store());
        int off = header + descriptor;
        for (ModePage p : pages) {
            byte[] img = mode.image(p, control);
            System.arraycopy(img, 0, d, off, img.length);
            off += img.length;
        }
        return CdbChecks.dataIn(ctx, d, allocation);
    }

    /** The pages PAGE CODE and SUBPAGE CODE name (SPC-4 Table 165), or 24h/00h. */
    private static ModePage[] select(int pageCode, int subpage) {
        java.util.ArrayList<ModePage> out = new java.util.ArrayList<>();
        for (ModePage p : ModePage.values()) {
            boolean pageMatches = pageCode == ALL_PAGES || p.pageCode() == pageCode;
            boolean subMatches = subpage == ALL_SUBPAGES || p.subpage() == subpage;
            if (pageMatches && subMatches) out.add(p);
        }
        if (out.isEmpty()) {
            if (pageCode == ALL_PAGES || ModePage.hasPageCode(pageCode)) throw CheckCondition.invalidFieldInCdb(3, -1);
            throw CheckCondition.invalidFieldInCdb(2, 5);
        }
        return out.toArray(new ModePage[0]);
    }

    /** Short (8-byte) or long LBA (16-byte) block descriptor of a direct-access device (SBC-3 §6.4.2). */
    private static void blockDescriptor(byte[] d, int off, boolean longLba, BlockStore store) {
        if (longLba) {
            Bytes.put64(d, off, store.blockCount());
            Bytes.put32(d, off + 12, store.blockSize());
        } else {
            // More blocks than 32 bits hold: FFFFFFFFh, READ CAPACITY(16) has the real number.
            Bytes.put32(d, off, Math.min(store.blockCount(), 0xFFFF_FFFFL));
            Bytes.put24(d, off + 5, store.blockSize());
        }
    }
}
