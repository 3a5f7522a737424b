package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.scsi.Bytes;

/**
 * The data length a READ or WRITE CDB itself asks for (the SCSI "SPDTL"), which iSCSI compares with
 * the Expected Data Transfer Length to report residual overflow or underflow (RFC 7143 §11.4.5).
 * Other commands bound their data by allocation or parameter list lengths the logical unit applies.
 */
final class TransferLength {
    private TransferLength() {}

    /** Bytes the READ CDB transfers, or -1 when {@code cdb} is not a READ(6/10/12/16). */
    static long read(byte[] cdb, int blockSize) {
        long blocks = switch (cdb[0] & 0xFF) {
            case 0x08 -> sixByteBlocks(cdb);
            case 0x28 -> cdb.length >= 10 ? Bytes.u16(cdb, 7) : -1;
            case 0xA8 -> cdb.length >= 12 ? Bytes.u32(cdb, 6) : -1;
            case 0x88 -> cdb.length >= 16 ? Bytes.u32(cdb, 10) : -1;
            default -> -1;
        };
        return blocks < 0 ? -1 : blocks * blockSize;
    }

    /** Bytes the WRITE or WRITE AND VERIFY CDB transfers, or -1 for other commands. */
    static long write(byte[] cdb, int blockSize) {
        long blocks = switch (cdb[0] & 0xFF) {
            case 0x0A -> sixByteBlocks(cdb);
            case 0x2A, 0x2E -> cdb.length >= 10 ? Bytes.u16(cdb, 7) : -1;
            case 0xAA, 0xAE -> cdb.length >= 12 ? Bytes.u32(cdb, 6) : -1;
            case 0x8A, 0x8E -> cdb.length >= 16 ? Bytes.u32(cdb, 10) : -1;
            default -> -1;
        };
        return blocks < 0 ? -1 : blocks * blockSize;
    }

    /** SBC-3 §5.10: in READ(6)/WRITE(6) a TRANSFER LENGTH of 0 means 256 blocks. */
    private static long sixByteBlocks(byte[] cdb) {
        if (cdb.length < 6) return -1;
        int n = cdb[4] & 0xFF;
        return n == 0 ? 256 : n;
    }

    /**
     * A copy of the WRITE CDB asking for {@code blocks} instead; null for WRITE(6) with 0 blocks,
     * which that CDB cannot express (0 means 256).
     */
    static byte[] withWriteBlocks(byte[] cdb, long blocks) {
        byte[] c = cdb.clone();
        switch (c[0] & 0xFF) {
            case 0x0A -> {
                if (blocks == 0) return null;
                c[4] = (byte) blocks;
            }
            case 0x2A, 0x2E -> Bytes.put16(c, 7, (int) blocks);
            case 0xAA, 0xAE -> Bytes.put32(c, 6, blocks);
            default -> Bytes.put32(c, 10, blocks);
        }
        return c;
    }
}
