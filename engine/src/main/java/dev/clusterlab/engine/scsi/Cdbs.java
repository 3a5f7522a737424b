package dev.clusterlab.engine.scsi;

/**
 * Builders for the CDBs the lab issues. Each returns a fresh array; CONTROL is 0. Field values are
 * taken as given (no validation), so tests can build malformed CDBs on purpose.
 */
public final class Cdbs {
    private Cdbs() {}

    public static byte[] testUnitReady() { return new byte[6]; }

    public static byte[] requestSense(int allocation) { return cdb6(Opcode.REQUEST_SENSE, 0, 0, 0, allocation); }

    public static byte[] inquiry(int allocation) { return inquiry(false, 0, allocation); }

    public static byte[] inquiry(boolean evpd, int page, int allocation) {
        byte[] c = new byte[6];
        c[0] = (byte) Opcode.INQUIRY;
        c[1] = (byte) (evpd ? 1 : 0);
        c[2] = (byte) page;
        Bytes.put16(c, 3, allocation);
        return c;
    }

    public static byte[] reportLuns(int allocation) {
        byte[] c = new byte[12];
        c[0] = (byte) Opcode.REPORT_LUNS;
        Bytes.put32(c, 6, allocation);
        return c;
    }

    public static byte[] readCapacity10() { byte[] c = new byte[10]; c[0] = (byte) Opcode.READ_CAPACITY_10; return c; }

    public static byte[] readCapacity16(int allocation) {
        byte[] c = new byte[16];
        c[0] = (byte) Opcode.SERVICE_ACTION_IN_16;
        c[1] = (byte) Opcode.SAI_READ_CAPACITY_16;
        Bytes.put32(c, 10, allocation);
        return c;
    }

    public static byte[] read6(int lba, int blocks) { return rw6(Opcode.READ_6, lba, blocks); }

    public static byte[] write6(int lba, int blocks) { return rw6(Opcode.WRITE_6, lba, blocks); }

    public static byte[] read10(long lba, int blocks) { return rw10(Opcode.READ_10, lba, blocks); }

    public static byte[] write10(long lba, int blocks) { return rw10(Opcode.WRITE_10, lba, blocks); }

    public static byte[] verify10(long lba, int blocks, boolean bytchk) {
        byte[] c = rw10(Opcode.VERIFY_10, lba, blocks);
        if (bytchk) c[1] |= 0x02;
        return c;
    }

    public static byte[] read12(long lba, int blocks) { return rw12(Opcode.READ_12, lba, blocks); }

    public static byte[] write12(long lba, int blocks) { return rw12(Opcode.WRITE_12, lba, blocks); }

    public static byte[] read16(long lba, int blocks) { return rw16(Opcode.READ_16, lba, blocks); }

    public static byte[] write16(long lba, int blocks) { return rw16(Opcode.WRITE_16, lba, blocks); }

    public static byte[] verify16(long lba, int blocks, boolean bytchk) {
        byte[] c = rw16(Opcode.VERIFY_16, lba, blocks);
        if (bytchk) c[1] |= 0x02;
        return c;
    }

    public static byte[] writeSame10(long lba, int blocks, boolean unmap) {
        byte[] c = rw10(Opcode.WRITE_SAME_10, lba, blocks);
        if (unmap) c[1] |= 0x08;
        return c;
    }

    public static byte[] writeSame16(long lba, int blocks, boolean unmap) {
        byte[] c = rw16(Opcode.WRITE_SAME_16, lba, blocks);
        if (unmap) c[1] |= 0x08;
        return c;
    }

    /** COMPARE AND WRITE: data-out is 2 x blocks (verify data, then write data). */
    public static byte[] compareAndWrite(long lba, int blocks) {
        byte[] c = new byte[16];
        c[0] = (byte) Opcode.COMPARE_AND_WRITE;
        Bytes.put64(c, 2, lba);
        c[13] = (byte) blocks;
        return c;
    }

    public static byte[] unmap(int parameterListLength) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.UNMAP;
        Bytes.put16(c, 7, parameterListLength);
        return c;
    }

    /** UNMAP parameter list with one descriptor. */
    public static byte[] unmapParameters(long lba, int blocks) {
        byte[] p = new byte[24];
        Bytes.put16(p, 0, 22);
        Bytes.put16(p, 2, 16);
        Bytes.put64(p, 8, lba);
        Bytes.put32(p, 16, blocks & 0xFFFFFFFFL);
        return p;
    }

    public static byte[] synchronizeCache10(long lba, int blocks) { return rw10(Opcode.SYNCHRONIZE_CACHE_10, lba, blocks); }

    public static byte[] synchronizeCache16(long lba, int blocks) { return rw16(Opcode.SYNCHRONIZE_CACHE_16, lba, blocks); }

    public static byte[] modeSense6(boolean dbd, int pageControl, int page, int subpage, int allocation) {
        byte[] c = new byte[6];
        c[0] = (byte) Opcode.MODE_SENSE_6;
        c[1] = (byte) (dbd ? 0x08 : 0);
        c[2] = (byte) ((pageControl << 6) | (page & 0x3F));
        c[3] = (byte) subpage;
        c[4] = (byte) allocation;
        return c;
    }

    public static byte[] modeSense10(boolean dbd, int pageControl, int page, int subpage, int allocation) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.MODE_SENSE_10;
        c[1] = (byte) (dbd ? 0x08 : 0);
        c[2] = (byte) ((pageControl << 6) | (page & 0x3F));
        c[3] = (byte) subpage;
        Bytes.put16(c, 7, allocation);
        return c;
    }

    public static byte[] modeSelect6(boolean pf, boolean sp, int parameterListLength) {
        byte[] c = new byte[6];
        c[0] = (byte) Opcode.MODE_SELECT_6;
        c[1] = (byte) ((pf ? 0x10 : 0) | (sp ? 0x01 : 0));
        c[4] = (byte) parameterListLength;
        return c;
    }

    public static byte[] modeSelect10(boolean pf, boolean sp, int parameterListLength) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.MODE_SELECT_10;
        c[1] = (byte) ((pf ? 0x10 : 0) | (sp ? 0x01 : 0));
        Bytes.put16(c, 7, parameterListLength);
        return c;
    }

    public static byte[] startStopUnit(boolean start, boolean loej, int powerCondition) {
        byte[] c = new byte[6];
        c[0] = (byte) Opcode.START_STOP_UNIT;
        c[4] = (byte) ((powerCondition << 4) | (loej ? 0x02 : 0) | (start ? 0x01 : 0));
        return c;
    }

    public static byte[] preventAllowMediumRemoval(int prevent) { return cdb6(Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL, 0, 0, 0, prevent); }

    /** REPORT SUPPORTED OPERATION CODES (MAINTENANCE IN, SA 0Ch). */
    public static byte[] reportSupportedOperationCodes(int reportingOptions, int opcode, int serviceAction, int allocation) {
        byte[] c = new byte[12];
        c[0] = (byte) Opcode.MAINTENANCE_IN;
        c[1] = (byte) Opcode.MI_REPORT_SUPPORTED_OPERATION_CODES;
        c[2] = (byte) reportingOptions;
        c[3] = (byte) opcode;
        Bytes.put16(c, 4, serviceAction);
        Bytes.put32(c, 6, allocation);
        return c;
    }

    public static byte[] reserve6() { return cdb6(Opcode.RESERVE_6, 0, 0, 0, 0); }

    public static byte[] release6() { return cdb6(Opcode.RELEASE_6, 0, 0, 0, 0); }

    public static byte[] reserve10() { byte[] c = new byte[10]; c[0] = (byte) Opcode.RESERVE_10; return c; }

    public static byte[] release10() { byte[] c = new byte[10]; c[0] = (byte) Opcode.RELEASE_10; return c; }

    public static byte[] persistentReserveIn(PrInAction action, int allocation) {
        return persistentReserveIn(action.code(), allocation);
    }

    public static byte[] persistentReserveIn(int serviceAction, int allocation) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.PERSISTENT_RESERVE_IN;
        c[1] = (byte) (serviceAction & 0x1F);
        Bytes.put16(c, 7, allocation);
        return c;
    }

    /** PERSISTENT RESERVE OUT; {@code type} is 0 where the action takes none. */
    public static byte[] persistentReserveOut(PrOutAction action, int scope, int type, long parameterListLength) {
        return persistentReserveOut(action.code(), scope, type, parameterListLength);
    }

    public static byte[] persistentReserveOut(int serviceAction, int scope, int type, long parameterListLength) {
        byte[] c = new byte[10];
        c[0] = (byte) Opcode.PERSISTENT_RESERVE_OUT;
        c[1] = (byte) (serviceAction & 0x1F);
        c[2] = (byte) ((scope << 4) | (type & 0xF));
        Bytes.put32(c, 5, parameterListLength);
        return c;
    }

    /** The 24-byte basic PR OUT parameter list (SPC-4 §6.16.3), optionally followed by TransportIDs (SPEC_I_PT). */
    public static byte[] prOutParameters(long reservationKey, long serviceActionKey, boolean allTgPt, boolean aptpl,
                                         TransportId... specIptTransportIds) {
        boolean specIpt = specIptTransportIds.length > 0;
        int tidLen = 0;
        for (TransportId t : specIptTransportIds) tidLen += t.encode().length;
        byte[] p = new byte[specIpt ? 28 + tidLen : 24];
        Bytes.put64(p, 0, reservationKey);
        Bytes.put64(p, 8, serviceActionKey);
        p[20] = (byte) ((specIpt ? 0x08 : 0) | (allTgPt ? 0x04 : 0) | (aptpl ? 0x01 : 0));
        if (specIpt) {
            Bytes.put32(p, 24, tidLen);
            int off = 28;
            for (TransportId t : specIptTransportIds) {
                byte[] e = t.encode();
                System.arraycopy(e, 0, p, off, e.length);
                off += e.length;
            }
        }
        return p;
    }

    /** The REGISTER AND MOVE parameter list (SPC-4 §6.16.4). */
    public static byte[] registerAndMoveParameters(long reservationKey, long serviceActionKey, boolean unreg,
                                                   boolean aptpl, int relativeTargetPortId, TransportId destination) {
        byte[] tid = destination.encode();
        byte[] p = new byte[24 + tid.length];
        Bytes.put64(p, 0, reservationKey);
        Bytes.put64(p, 8, serviceActionKey);
        p[17] = (byte) ((unreg ? 0x02 : 0) | (aptpl ? 0x01 : 0));
        Bytes.put16(p, 18, relativeTargetPortId);
        Bytes.put32(p, 20, tid.length);
        System.arraycopy(tid, 0, p, 24, tid.length);
        return p;
    }

    private static byte[] cdb6(int op, int b1, int b2, int b3, int b4) {
        return new byte[] {(byte) op, (byte) b1, (byte) b2, (byte) b3, (byte) b4, 0};
    }

    private static byte[] rw6(int op, int lba, int blocks) {
        byte[] c = new byte[6];
        c[0] = (byte) op;
        Bytes.put24(c, 1, lba & 0x1FFFFF);
        c[4] = (byte) blocks;
        return c;
    }

    private static byte[] rw10(int op, long lba, int blocks) {
        byte[] c = new byte[10];
        c[0] = (byte) op;
        Bytes.put32(c, 2, lba);
        Bytes.put16(c, 7, blocks);
        return c;
    }

    private static byte[] rw12(int op, long lba, int blocks) {
        byte[] c = new byte[12];
        c[0] = (byte) op;
        Bytes.put32(c, 2, lba);
        Bytes.put32(c, 6, blocks & 0xFFFFFFFFL);
        return c;
    }

    private static byte[] rw16(int op, long lba, int blocks) {
        byte[] c = new byte[16];
        c[0] = (byte) op;
        Bytes.put64(c, 2, lba);
        Bytes.put32(c, 10, blocks & 0xFFFFFFFFL);
        return c;
    }
}
