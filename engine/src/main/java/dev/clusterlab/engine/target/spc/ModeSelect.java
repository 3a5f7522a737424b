package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.store.BlockStore;

/**
 * MODE SELECT(6) and MODE SELECT(10) (SPC-4 §6.11-6.12). The whole parameter list is validated
 * before anything changes; then every page is replaced, and if a value changed the other I_T
 * nexuses get UNIT ATTENTION 2Ah/01h MODE PARAMETERS CHANGED (SPC-4 §7.5.1, the pages being shared).
 */
public final class ModeSelect {
    private ModeSelect() {}

    public static ScsiResponse modeSelect(CommandContext ctx) {
        byte[] c = ctx.cdb();
        boolean ten = (c[0] & 0xFF) == Opcode.MODE_SELECT_10;
        int listLength = ten ? Bytes.u16(c, 7) : Bytes.u8(c, 4);
        // No page is saveable, so SP=1 cannot be honoured (SPC-4 §6.11).
        if (Bytes.bit(c, 1, 0)) throw new CheckCondition(SenseData.invalidField(AdditionalSense.SAVING_PARAMETERS_NOT_SUPPORTED, true, 1, 0));
        if (listLength == 0) return ScsiResponse.good(); // SPC-4 §6.11: nothing transferred, not an error
        // PF=0 would mean vendor-specific parameters; only the standard page format is implemented.
        if (!Bytes.bit(c, 1, 4)) throw CheckCondition.invalidFieldInCdb(1, 4);
        byte[] p = CdbChecks.requireDataOut(ctx, listLength);

        int header = ten ? 8 : 4;
        if (listLength < header) throw lengthError();
        int mediumType = ten ? 2 : 1;
        if (p[mediumType] != 0) throw CheckCondition.invalidFieldInParameterList(mediumType, -1);
        int descriptorLength = ten ? Bytes.u16(p, 6) : Bytes.u8(p, 3);
        boolean longLba = ten && Bytes.bit(p, 4, 0);
        if (header + descriptorLength > listLength) throw lengthError();
        if (descriptorLength != 0) checkBlockDescriptor(p, header, descriptorLength, longLba, ten, ctx.lu().store());

        ModeParameters mode = ctx.lu().state().mode();
        ModePage[] touched = new ModePage[ModePage.values().length];
        byte[][] images = new byte[touched.length][];
        for (int off = header + descriptorLength; off < listLength; ) {
            if (listLength - off < 2) throw lengthError();
            boolean spf = Bytes.bit(p, off, 6);
            int code = Bytes.bits(p, off, 0, 6);
            if (spf && listLength - off < 4) throw lengthError();
            int subpage = spf ? Bytes.u8(p, off + 1) : 0;
            ModePage page = ModePage.find(code, subpage);
            if (page == null || page.subpageFormat() != spf)
                throw CheckCondition.invalidFieldInParameterList(page == null && spf && ModePage.hasPageCode(code) ? off + 1 : off, 5);
            int lengthField = spf ? off + 2 : off + 1;
            int declared = page.headerLength() + (spf ? Bytes.u16(p, off + 2) : Bytes.u8(p, off + 1));
            if (declared != page.length()) throw CheckCondition.invalidFieldInParameterList(lengthField, -1);
            if (off + declared > listLength) throw lengthError();
            byte[] base = images[page.ordinal()] != null ? images[page.ordinal()] : mode.image(page, ModeParameters.PageControl.CURRENT);
            checkChangeable(page, base, p, off);
            int invalid = page.invalidValue(p, off);
            if (invalid >= 0) throw CheckCondition.invalidFieldInParameterList(off + (invalid >>> 3), invalid & 7);
            byte[] image = java.util.Arrays.copyOfRange(p, off, off + declared);
            image[0] &= 0x7F; // PS is reserved in MODE SELECT
            touched[page.ordinal()] = page;
            images[page.ordinal()] = image;
            off += declared;
        }
        boolean changed = false;
        for (ModePage page : touched) if (page != null) changed |= mode.replace(page, images[page.ordinal()]);
        if (changed) ctx.lu().unitAttentions().queueForOthers(ctx.nexus(), AdditionalSense.MODE_PARAMETERS_CHANGED);
        return ScsiResponse.good();
    }

    /** A bit the changeable mask does not allow must keep its current value (SPC-4 §6.11): 26h/00h on the first that differs. */
    private static void checkChangeable(ModePage page, byte[] current, byte[] p, int off) {
        for (int i = page.headerLength(); i < page.length(); i++) {
            int stray = (p[off + i] ^ current[i]) & ~page.changeableByte(i) & 0xFF;
            if (stray != 0) throw CheckCondition.invalidFieldInParameterList(off + i, 31 - Integer.numberOfLeadingZeros(stray));
        }
    }

    /**
     * One block descriptor, 8 bytes (16 with LONGLBA), may only restate the geometry: NUMBER OF
     * LOGICAL BLOCKS 0 ("unchanged") or the current count, LOGICAL BLOCK LENGTH the current size
     * (SBC-3 §6.4.2; a simulated LU cannot be reformatted).
     */
    private static void checkBlockDescriptor(byte[] p, int off, int length, boolean longLba, boolean ten, BlockStore store) {
        if (length != (longLba ? 16 : 8)) throw CheckCondition.invalidFieldInParameterList(ten ? 6 : 3, -1);
        long blocks = longLba ? Bytes.u64(p, off) : Bytes.u32(p, off);
        long current = longLba ? store.blockCount() : Math.min(store.blockCount(), 0xFFFF_FFFFL);
        if (blocks != 0 && blocks != current) throw CheckCondition.invalidFieldInParameterList(off, -1);
        long blockLength = longLba ? Bytes.u32(p, off + 12) : Bytes.u24(p, off + 5);
        if (blockLength != store.blockSize()) throw CheckCondition.invalidFieldInParameterList(longLba ? off + 12 : off + 5, -1);
    }

    private static CheckCondition lengthError() {
        return CheckCondition.illegalRequest(AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }
}
