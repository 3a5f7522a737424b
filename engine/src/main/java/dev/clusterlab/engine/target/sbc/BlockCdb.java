package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;

/**
 * The LOGICAL BLOCK ADDRESS and length fields of the 6-, 10-, 12- and 16-byte SBC CDB layouts,
 * chosen by the opcode's group code (SPC-4 §4.2.5.1).
 *
 * @param lba unsigned 64-bit
 * @param blocks unsigned 32-bit, already expanded (0 means 256 for the 6-byte form, SBC-3 §5.8)
 * @param lengthOffset byte offset of the length field, for field pointers
 */
record BlockCdb(long lba, long blocks, int lengthOffset) {

    static BlockCdb parse(byte[] c) {
        return switch ((c[0] & 0xFF) >>> 5) {
            case 0 -> {
                int n = Bytes.u8(c, 4);
                yield new BlockCdb(Bytes.u24(c, 1) & 0x1F_FFFF, n == 0 ? 256 : n, 4);
            }
            case 1, 2 -> new BlockCdb(Bytes.u32(c, 2), Bytes.u16(c, 7), 7);
            case 5 -> new BlockCdb(Bytes.u32(c, 2), Bytes.u32(c, 6), 6);
            case 4 -> new BlockCdb(Bytes.u64(c, 2), Bytes.u32(c, 10), 10);
            default -> throw new IllegalArgumentException("not a block CDB: " + Bytes.hex(c, 0, 1));
        };
    }

    /** RDPROTECT / WRPROTECT / VRPROTECT (byte 1, bits 7-5) must be 0: no protection information (SBC-3 §4.22). */
    static void checkNoProtection(byte[] c) {
        if ((c[1] & 0xE0) != 0) throw CheckCondition.invalidFieldInCdb(1, 7);
    }

    /** 24h/00h on the length field when it exceeds {@code max} (SBC-3 §6.6.4, Block Limits). */
    void checkLength(long max) {
        if (blocks > max) throw CheckCondition.invalidFieldInCdb(lengthOffset, -1);
    }
}
