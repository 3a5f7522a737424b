package dev.clusterlab.engine.target.sbc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Opcode;

/** CDB builders for the SBC commands that {@link dev.clusterlab.engine.scsi.Cdbs} does not build. */
final class SbcCdbs {
    private SbcCdbs() {}

    static byte[] orWrite16(long lba, int blocks) { return cdb16(Opcode.ORWRITE_16, lba, blocks); }

    static byte[] writeAndVerify10(long lba, int blocks, boolean bytchk) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.WRITE_AND_VERIFY_10;
        c[1] = (byte) (bytchk ? 0x02 : 0);
        Bytes.put32(c, 2, lba);
        Bytes.put16(c, 7, blocks);
        return c;
    }

    static byte[] writeAndVerify12(long lba, int blocks, boolean bytchk) {
        byte[] c = new byte[12];
        c[0] = (byte) Opcode.WRITE_AND_VERIFY_12;
        c[1] = (byte) (bytchk ? 0x02 : 0);
        Bytes.put32(c, 2, lba);
        Bytes.put32(c, 6, blocks);
        return c;
    }

    static byte[] writeAndVerify16(long lba, int blocks, boolean bytchk) {
        byte[] c = cdb16(Opcode.WRITE_AND_VERIFY_16, lba, blocks);
        c[1] = (byte) (bytchk ? 0x02 : 0);
        return c;
    }

    /** WRITE ATOMIC(16): TRANSFER LENGTH in bytes 12-13 (SBC-4 Table 130). */
    static byte[] writeAtomic16(long lba, int blocks) {
        byte[] c = new byte[16];
        c[0] = (byte) Opcode.WRITE_ATOMIC_16;
        Bytes.put64(c, 2, lba);
        Bytes.put16(c, 12, blocks);
        return c;
    }

    static byte[] preFetch10(long lba, int blocks, boolean immed, int group) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.PRE_FETCH_10;
        c[1] = (byte) (immed ? 0x02 : 0);
        Bytes.put32(c, 2, lba);
        c[6] = (byte) group;
        Bytes.put16(c, 7, blocks);
        return c;
    }

    static byte[] preFetch16(long lba, int blocks, boolean immed, int group) {
        byte[] c = cdb16(Opcode.PRE_FETCH_16, lba, blocks);
        c[1] = (byte) (immed ? 0x02 : 0);
        c[14] = (byte) group;
        return c;
    }

    static byte[] getLbaStatus(long lba, int allocation) {
        byte[] c = cdb16(Opcode.SERVICE_ACTION_IN_16, lba, allocation);
        c[1] = (byte) Opcode.SAI_GET_LBA_STATUS;
        return c;
    }

    /** READ DEFECT DATA(10): REQ_PLIST, REQ_GLIST and DEFECT LIST FORMAT in byte 2. */
    static byte[] readDefectData10(int flags, int allocation) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.READ_DEFECT_DATA_10;
        c[2] = (byte) flags;
        Bytes.put16(c, 7, allocation);
        return c;
    }

    /** READ DEFECT DATA(12): the flags in byte 1, ADDRESS DESCRIPTOR INDEX in bytes 2-5. */
    static byte[] readDefectData12(int flags, long index, long allocation) {
        byte[] c = new byte[12];
        c[0] = (byte) Opcode.READ_DEFECT_DATA_12;
        c[1] = (byte) flags;
        Bytes.put32(c, 2, index);
        Bytes.put32(c, 6, allocation);
        return c;
    }

    static byte[] sanitize(int serviceAction, int parameterListLength) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.SANITIZE;
        c[1] = (byte) serviceAction;
        Bytes.put16(c, 7, parameterListLength);
        return c;
    }

    /** An OVERWRITE parameter list: control byte (INVERT, TEST, OVERWRITE COUNT), then the pattern. */
    static byte[] overwriteParameters(int control, byte[] pattern) {
        byte[] p = new byte[4 + pattern.length];
        p[0] = (byte) control;
        Bytes.put16(p, 2, pattern.length);
        System.arraycopy(pattern, 0, p, 4, pattern.length);
        return p;
    }

    private static byte[] cdb16(int opcode, long lba, long length) {
        byte[] c = new byte[16];
        c[0] = (byte) opcode;
        Bytes.put64(c, 2, lba);
        Bytes.put32(c, 10, length);
        return c;
    }
}
